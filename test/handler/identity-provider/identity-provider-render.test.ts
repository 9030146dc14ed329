/**
 * IdentityProviderRender: the customer portal's sign-in page asks, with the provider's token, which identity
 * providers it can offer. A route neither contract has (`extraRoute`); empty until identity providers exist.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as identityProviderRender } from '#functions/identity-provider/identity-provider-render.ts';
import { invoke } from '../../support/invoke.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';

let provider: TestSession;

beforeAll(async () => {
  provider = await testSession('reader');
});

const query = { environmentType: 'prod', redirectUrl: 'https://portal.example.com/signin' };

describe('IdentityProviderRender', () => {
  it("answers the providers the sign-in page can offer: none until identity providers exist", async () => {
    const res = await invoke(identityProviderRender, { token: provider.token, query });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toEqual({ identityProviders: [] });
  });

  it('validates environmentType and redirectUrl (400 naming the field)', async () => {
    const env = await invoke(identityProviderRender, { token: provider.token, query: { ...query, environmentType: 'MARS' } });
    expect(env.status).toBe(400);
    expect(env.json.message).toContain('query.environmentType');
    for (const redirectUrl of ['not a url', 'javascript:alert(1)', `https://x.example/${'a'.repeat(3000)}`]) {
      const res = await invoke(identityProviderRender, { token: provider.token, query: { ...query, redirectUrl } });
      expect(res.status, redirectUrl).toBe(400);
      expect(res.json.message).toContain('query.redirectUrl');
    }
    const missing = await invoke(identityProviderRender, { token: provider.token, query: { environmentType: 'PROD' } });
    expect(missing.json.message).toContain('query.redirectUrl is required');
  });

  it("takes the provider's token: none is 401, a customer token 403", async () => {
    expect((await invoke(identityProviderRender, { query })).status).toBe(401);
    const customer = await testCustomerSession(provider);
    expect((await invoke(identityProviderRender, { token: customer.token, query })).status).toBe(403);
  });
});
