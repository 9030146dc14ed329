/**
 * Issue 9's "How it will be checked", walked over HTTP against the run's local stack: a provider builds and
 * releases an auto-approving and an approval plan in a PUBLIC PROD environment (and a plan in DEV); a customer
 * signs up through the provider's token (lower-case keys), verifies by the mailed link, signs in to the PROD
 * and the DEV portal and sees each one's offerings only; subscribes, requests, is approved through the Fleet
 * API; invites a reader; the provider suspends, resumes and terminates; concurrent subscribes give exactly one;
 * a second provider and its customer see none of it; a customer token is refused on provider operations; the
 * services-per-org limit is enforced.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { API, http, type HttpResult } from '../support/http.ts';
import { contractProblems } from '../support/contract.ts';
import { linkParams, mailsTo, signUpVerifyAndSignIn, uniqueEmail, waitForMail, type SignedInUser } from '../support/identity-flow.ts';

const FLEET = `${API}/fleet`;

function call(method: string, path: string, token: string, body?: unknown): Promise<HttpResult> {
  return http(method, path.startsWith('/2022') ? path : `${API}${path}`, { token, body });
}

/** Expects 200 and a body valid against the reference response of `operation`; answers the body. */
async function ok(operation: string, res: Promise<HttpResult>): Promise<any> {
  const r = await res;
  expect(r.status, `${operation}: ${r.text}`).toBe(200);
  expect(contractProblems(operation, 200, r.json), operation).toEqual([]);
  return r.json;
}

interface Customer {
  email: string;
  password: string;
  prod: string;
  dev: string;
}

/** CustomerSignup with the provider's token and lower-case keys, the mailed link, then signin to PROD and DEV. */
async function customerOf(providerToken: string, tag: string): Promise<Customer> {
  const email = uniqueEmail(tag);
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const seen = (await mailsTo(email)).length;
  const signup = await http('POST', `${API}/customer-user-signup`, {
    token: providerToken,
    body: { email, password, name: `${tag} user`, legalcompanyname: `${tag} Co`, companyurl: `https://${tag}.example` },
  });
  expect(signup.status, signup.text).toBe(200);
  const link = linkParams(await waitForMail(email, seen));
  expect(link.email.toLowerCase()).toBe(email.toLowerCase());
  expect((await http('POST', `${API}/validate-token`, { body: { email, token: link.token } })).status).toBe(200);
  const signin = async (environmentType: string) =>
    (await ok('CustomerSignin', http('POST', `${API}/customer-user-signin`, { token: providerToken, body: { email, password, environmentType } }))).jwtToken as string;
  return { email, password, prod: await signin('PROD'), dev: await signin('DEV') };
}

interface Built {
  serviceId: string;
  prodEnv: string;
  devEnv: string;
  auto: string;
  approval: string;
  devPlan: string;
}

/** A service with PUBLIC PROD and DEV environments, an API and a hosted model each, plans with a resource each, released. */
async function buildAndRelease(token: string, name: string): Promise<Built> {
  const serviceId = await ok('CreateService', call('POST', '/service', token, { name, description: `${name} service` }));
  const branch = async (envName: string, type: string) => {
    const env = await ok('CreateServiceEnvironment', call('POST', `/service/${serviceId}/environment`, token, { name: envName, description: '', type, visibility: 'PUBLIC', deploymentConfigId: 'default' }));
    const api = await ok('CreateServiceAPI', call('POST', `/service/${serviceId}/service-api`, token, { description: `${envName} API`, serviceEnvironmentId: env }));
    const model = await ok('CreateServiceModel', call('POST', `/service/${serviceId}/model`, token, { serviceApiId: api, name: `${envName} Hosted`, description: 'hosted', modelType: 'OMNISTRATE_HOSTED' }));
    return { env, api, model };
  };
  const prod = await branch('Production', 'PROD');
  const dev = await branch('Development', 'DEV');
  const plan = async (b: { api: string; model: string }, planName: string, autoApproveSubscription: boolean) => {
    const tier = await ok(
      'CreateProductTier',
      call('POST', `/service/${serviceId}/product-tier`, token, {
        serviceModelId: b.model, name: planName, description: `${planName} plan`, planDescription: `${planName} for customers`,
        tierType: 'OMNISTRATE_DEDICATED_TENANCY', autoApproveSubscription, awsRegions: ['us-east-1'],
      }),
    );
    await ok('CreateResource', call('POST', `/service/${serviceId}/resource`, token, { name: `Db ${planName}`, description: 'a database', productTierId: tier }));
    await ok('ReleaseServiceAPI', call('POST', `/service/${serviceId}/service-api/${b.api}/release`, token, { productTierId: tier }));
    return tier as string;
  };
  const auto = await plan(prod, 'Free', true);
  const approval = await plan(prod, 'Enterprise', false);
  const devPlan = await plan(dev, 'Sandbox', true);
  return { serviceId, prodEnv: prod.env, devEnv: dev.env, auto, approval, devPlan };
}

const fleetEnv = (b: Built) => `${FLEET}/service/${b.serviceId}/environment/${b.prodEnv}`;
const subscribe = (token: string, serviceId: string, productTierId: string) => call('POST', '/subscription', token, { serviceId, productTierId });
const idsOf = (list: { ids?: string[] }) => list.ids ?? [];

let provider: SignedInUser;
let built: Built;
let customer: Customer;
let autoSub: string;
let approvedSub: string;

beforeAll(async () => {
  provider = await signUpVerifyAndSignIn({ legalCompanyName: 'Journey Provider' });
  built = await buildAndRelease(provider.token, `Journey ${randomBytes(3).toString('hex')}`);
}, 60_000);

describe('the customer journey over HTTP (issue 9)', () => {
  it('2. a customer signs up (lower-case keys), verifies, signs in to PROD and DEV and sees each portal’s offerings only', async () => {
    customer = await customerOf(provider.token, 'journey');

    const prod = await ok('ListServiceOffering', call('GET', '/service-offering', customer.prod));
    expect(prod.serviceIds).toEqual([built.serviceId]);
    const svc = prod.services.find((s: { serviceId: string }) => s.serviceId === built.serviceId);
    expect(svc.serviceProviderId).toMatch(/^sp-/);
    expect(svc.serviceURLKey).toEqual(expect.stringMatching(/\S/));
    const tiers = svc.offerings.map((x: { productTierID: string }) => x.productTierID).sort();
    expect(tiers).toEqual([built.auto, built.approval].sort());
    for (const x of svc.offerings) {
      for (const key of ['serviceAPIVersion', 'serviceEnvironmentURLKey', 'serviceModelURLKey', 'productTierURLKey']) {
        expect(x[key], `${x.productTierName}.${key}`).toEqual(expect.stringMatching(/\S/));
      }
      expect(x).toMatchObject({ serviceEnvironmentID: built.prodEnv, serviceEnvironmentType: 'PROD', serviceModelStatus: 'READY' });
      expect(x.resourceParameters.length).toBeGreaterThan(0);
      for (const r of x.resourceParameters) expect(r.urlKey).toEqual(expect.stringMatching(/\S/));
    }
    expect(svc.offerings.find((x: { productTierID: string }) => x.productTierID === built.auto).AutoApproveSubscription).toBe(true);
    expect(svc.offerings.find((x: { productTierID: string }) => x.productTierID === built.approval).AutoApproveSubscription).toBe(false);

    const described = await ok('DescribeServiceOffering', call('GET', `/service-offering/${built.serviceId}`, customer.prod));
    expect(described.offerings.map((x: { productTierID: string }) => x.productTierID).sort()).toEqual(tiers);

    // DEV sees its own plan only: nothing of PROD's environment or plans.
    const dev = await ok('ListServiceOffering', call('GET', '/service-offering', customer.dev));
    const devOfferings = dev.services.flatMap((s: { offerings: unknown[] }) => s.offerings);
    expect(devOfferings.map((x: { productTierID: string }) => x.productTierID)).toEqual([built.devPlan]);
    expect(JSON.stringify(dev)).not.toContain(built.prodEnv);
    expect(JSON.stringify(dev)).not.toContain(built.approval);
  });

  it('3. subscribes to the auto-approve plan (sub-…), is told to request the other (subr-…), the provider approves it', async () => {
    const sub = await subscribe(customer.prod, built.serviceId, built.auto);
    expect(sub.status, sub.text).toBe(200);
    expect(sub.text).toMatch(/^"sub-[^"]+"$/);
    expect(contractProblems('CreateSubscription', 200, sub.json)).toEqual([]);
    autoSub = sub.json;

    const refused = await subscribe(customer.prod, built.serviceId, built.approval);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.json.message).toMatch(/request/i);

    const req = await call('POST', '/subscription/request', customer.prod, { serviceId: built.serviceId, productTierId: built.approval });
    expect(req.status, req.text).toBe(200);
    expect(req.text).toMatch(/^"subr-[^"]+"$/);
    expect(contractProblems('CreateSubscriptionRequest', 200, req.json)).toEqual([]);
    const requestId: string = req.json;
    const pending = await ok('subscription-request-api#DescribeSubscriptionRequest', call('GET', `/subscription/request/${requestId}`, customer.prod));
    expect(pending.status).toBe('PENDING');

    const listed = await ok('inventory-api#ListSubscriptionRequests', call('GET', `${fleetEnv(built)}/subscription/request?status=PENDING`, provider.token));
    expect(idsOf(listed)).toContain(requestId);
    await ok('ApproveSubscriptionRequest', call('PUT', `${fleetEnv(built)}/subscription/request/${requestId}`, provider.token));
    const approved = await ok('subscription-request-api#DescribeSubscriptionRequest', call('GET', `/subscription/request/${requestId}`, customer.prod));
    expect(approved.status).toBe('APPROVED');

    const subs = await ok('ListSubscriptions', call('GET', '/subscription', customer.prod));
    const byTier = Object.fromEntries(subs.subscriptions.map((s: { productTierId: string; id: string }) => [s.productTierId, s]));
    expect(Object.keys(byTier).sort()).toEqual([built.auto, built.approval].sort());
    expect(byTier[built.approval]).toMatchObject({ status: 'ACTIVE', roleType: 'root' });
    expect(byTier[built.auto]).toMatchObject({ id: autoSub, status: 'ACTIVE', roleType: 'root' });
    approvedSub = byTier[built.approval].id;
    await ok('subscription-api#DescribeSubscription', call('GET', `/subscription/${approvedSub}`, customer.prod));

    // The DEV portal's token sees none of the PROD subscriptions.
    expect(idsOf(await ok('ListSubscriptions', call('GET', '/subscription', customer.dev)))).toEqual([]);
    expect((await call('GET', `/subscription/${autoSub}`, customer.dev)).status).toBe(404);
  });

  it('4. invites a colleague as reader; the reader sees the subscription and cannot invite (403)', async () => {
    const colleague = await customerOf(provider.token, 'colleague');
    const invite = (token: string, email: string) => call('POST', `/resource-instance/subscription/${autoSub}/invite-user`, token, { email, roleType: 'reader' });
    const invited = await invite(customer.prod, colleague.email);
    expect(invited.status, invited.text).toBe(200);
    expect(contractProblems('consumption-user-api#InviteUser', 200, invited.json)).toEqual([]);

    const seen = await ok('subscription-api#DescribeSubscription', call('GET', `/subscription/${autoSub}`, colleague.prod));
    expect(seen.roleType).toBe('reader');
    expect(idsOf(await ok('ListSubscriptions', call('GET', '/subscription', colleague.prod)))).toEqual([autoSub]);
    const users = await ok('DescribeUsersBySubscription', call('GET', `/resource-instance/subscription/${autoSub}/subscription-users`, customer.prod));
    expect(users.subscriptionUsers.map((u: { email: string }) => u.email.toLowerCase())).toEqual(expect.arrayContaining([customer.email, colleague.email].map((e) => e.toLowerCase())));

    const refused = await invite(colleague.prod, uniqueEmail('third'));
    expect(refused.status).toBe(403);
  });

  it('5. the provider suspends, resumes and terminates through the Fleet API (illegal moves 409); concurrent subscribes give one', async () => {
    const sub = `${fleetEnv(built)}/subscription/${approvedSub}`;
    const fleetList = await ok('inventory-api#ListSubscription', call('GET', `${fleetEnv(built)}/subscription`, provider.token));
    expect(JSON.stringify(fleetList)).toContain(approvedSub);
    expect((await ok('inventory-api#DescribeSubscription', call('GET', sub, provider.token))).status).toBe('ACTIVE');

    expect((await call('PUT', `${sub}/resume`, provider.token)).status).toBe(409);
    await ok('SuspendSubscription', call('PUT', `${sub}/suspend`, provider.token));
    expect((await call('PUT', `${sub}/suspend`, provider.token)).status).toBe(409);
    expect((await ok('subscription-api#DescribeSubscription', call('GET', `/subscription/${approvedSub}`, customer.prod))).status).toBe('SUSPENDED');
    await ok('ResumeSubscription', call('PUT', `${sub}/resume`, provider.token));
    expect((await ok('subscription-api#DescribeSubscription', call('GET', `/subscription/${approvedSub}`, customer.prod))).status).toBe('ACTIVE');
    await ok('TerminateSubscription', call('DELETE', sub, provider.token));
    expect((await call('PUT', `${sub}/resume`, provider.token)).status).toBe(409);
    expect((await call('DELETE', sub, provider.token)).status).toBe(409);
    expect((await ok('inventory-api#DescribeSubscription', call('GET', sub, provider.token))).status).toBe('TERMINATED');

    // A duplicate subscribe is 409; five concurrent ones of a fresh customer give exactly one.
    expect((await subscribe(customer.prod, built.serviceId, built.auto)).status).toBe(409);
    const fresh = await customerOf(provider.token, 'racer');
    const results = await Promise.all(Array.from({ length: 5 }, () => subscribe(fresh.prod, built.serviceId, built.auto)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([409, 409, 409, 409]);
    expect(idsOf(await ok('ListSubscriptions', call('GET', '/subscription', fresh.prod)))).toHaveLength(1);
  }, 30_000);

  it('6. a second provider and its customer see none of it; customer tokens are refused on provider operations', async () => {
    const other = await signUpVerifyAndSignIn({ legalCompanyName: 'Other Provider' });
    const stranger = await customerOf(other.token, 'stranger');

    const offerings = await ok('ListServiceOffering', call('GET', '/service-offering', stranger.prod));
    expect(offerings.serviceIds ?? []).not.toContain(built.serviceId);
    expect((await call('GET', `/service-offering/${built.serviceId}`, stranger.prod)).status).toBe(404);
    expect(idsOf(await ok('ListSubscriptions', call('GET', '/subscription', stranger.prod)))).toEqual([]);
    expect((await call('GET', `/subscription/${autoSub}`, stranger.prod)).status).toBe(404);
    expect((await subscribe(stranger.prod, built.serviceId, built.auto)).status).toBe(404);
    expect((await call('POST', `/resource-instance/subscription/${autoSub}/invite-user`, stranger.prod, { email: stranger.email, roleType: 'reader' })).status).toBe(404);

    // The other provider sees nothing of the first one's service and subscriptions through the Fleet API.
    expect((await call('GET', `/service/${built.serviceId}`, other.token)).status).toBe(404);
    expect((await call('GET', `${fleetEnv(built)}/subscription`, other.token)).status).toBe(404);
    expect((await call('GET', `${fleetEnv(built)}/subscription/${autoSub}`, other.token)).status).toBe(404);
    expect((await call('PUT', `${fleetEnv(built)}/subscription/${autoSub}/suspend`, other.token)).status).toBe(404);

    // Customer tokens on provider operations.
    expect((await call('POST', '/service', customer.prod, { name: 'Not Mine', description: '' })).status).toBe(403);
    expect((await call('GET', `${fleetEnv(built)}/subscription`, customer.prod)).status).toBe(403);
  });

  it('6. creating a service past the org limit answers 409', async () => {
    const services = await ok('ListService', call('GET', '/service', provider.token));
    const count = services.ids?.length ?? services.services.length;
    expect(count).toBeGreaterThan(0);
    await ok('UpdateLimit', call('PATCH', '/limit/family/ORG/key/MAX_SERVICES_PER_ORG', provider.token, { value: count }));
    expect((await ok('DescribeLimit', call('GET', '/limit/family/ORG/key/MAX_SERVICES_PER_ORG', provider.token))).value).toBe(count);
    const past = await call('POST', '/service', provider.token, { name: 'One Too Many', description: '' });
    expect(past.status, past.text).toBe(409);
  });
});
