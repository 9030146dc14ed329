/**
 * A provider's customer as the portal brings it in, over HTTP against the local stack: CustomerSignup with
 * the provider's token and lower-case keys (as portals send them), the verification mail, CustomerSignin to
 * the PROD and the DEV portal, the customer's own user, the sign-in page's identity providers, and a customer
 * token refused on provider operations.
 */
import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { API, http } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { linkParams, signUpVerifyAndSignIn, uniqueEmail, waitForMail } from '../support/identity-flow.ts';

describe('customers over HTTP', () => {
  it('signup (lower-case keys) → verify → signin to PROD and DEV → own user; provider operations 403', async () => {
    const provider = await signUpVerifyAndSignIn({ legalCompanyName: 'Portal Provider' });
    const email = uniqueEmail('portal');
    const password = 'customer-pass-1';
    const signup = await http('POST', `${API}/customer-user-signup`, {
      token: provider.token,
      body: { email, password, name: 'Pat Customer', legalcompanyname: 'Pat Co', companyurl: 'https://pat.example' },
    });
    expect(signup.status, signup.text).toBe(200);
    const { token } = linkParams(await waitForMail(email));
    expect((await http('POST', `${API}/validate-token`, { body: { email, token } })).status).toBe(200);

    const scopes: Record<string, string> = {};
    for (const environmentType of [undefined, 'DEV']) {
      const res = await http('POST', `${API}/customer-user-signin`, { token: provider.token, body: { email, password, ...(environmentType ? { environmentType } : {}) } });
      expect(res.status, res.text).toBe(200);
      expect(contractProblems('CustomerSignin', 200, res.json)).toEqual([]);
      const claims = decodeJwt(res.json.jwtToken) as { cust?: { p: string; env: string }; exp?: number };
      expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
      expect(claims.cust?.p).toBe(provider.orgId);
      scopes[claims.cust!.env] = res.json.jwtToken;
    }
    expect(Object.keys(scopes).sort()).toEqual(['DEV', 'PROD']);

    const me = await http('GET', `${API}/user`, { token: scopes.PROD });
    expect(me.status, me.text).toBe(200);
    expect(contractProblems('DescribeUser', 200, me.json)).toEqual([]);
    expect(me.json).toMatchObject({ email, orgName: 'Pat Co', orgURL: 'https://pat.example' });
    expect(me.json.orgId).not.toBe(provider.orgId);

    const refused = await http('GET', `${API}/service`, { token: scopes.DEV });
    expect(refused.status).toBe(403);

    const render = await http('GET', `${API}/identity-provider-render?environmentType=PROD&redirectUrl=${encodeURIComponent('https://portal.example/signin')}`, { token: provider.token });
    expect(render.status, render.text).toBe(200);
    expect(render.json).toEqual({ identityProviders: [] });

    const again = await http('POST', `${API}/customer-user-signup`, { token: provider.token, body: { email, password, name: 'Pat Again' } });
    expect(again.status).toBe(409);
  });
});
