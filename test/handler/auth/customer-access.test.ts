/**
 * Customer tokens (CustomerScope in the JWT) against provider-side operations: refused with 403 before the
 * operation runs, whatever the access level — except `self` (their own account). Consumption operations
 * (`access: 'consumer'`) take them; their tests live with those operations.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operation as createService } from '#functions/service/create-service.ts';
import { operation as listService } from '#functions/service/list-service.ts';
import { operation as updatePassword } from '#functions/users/update-password.ts';
import { verifyToken } from '#shared/auth/jwt.ts';
import { queryAll } from '#shared/data/store.ts';
import { keys } from '#shared/data/keys.ts';
import { invoke } from '../../support/invoke.ts';
import { testCustomerSession, testSession, type TestSession } from '../../support/session.ts';

let provider: TestSession;
let customer: Awaited<ReturnType<typeof testCustomerSession>>;

beforeAll(async () => {
  provider = await testSession('root');
  customer = await testCustomerSession(provider, 'DEV');
});

describe('customer tokens', () => {
  it('carry their provider and portal environment type, signed', async () => {
    const claims = await verifyToken(customer.token);
    expect(claims).toMatchObject({ orgId: customer.orgId, customer: { providerOrgId: provider.orgId, environmentType: 'DEV' } });
    expect((await verifyToken(provider.token)).customer).toBeUndefined();
  });

  it('are refused on provider reads and writes with 403, and the write never happens', async () => {
    const read = await invoke(listService, { token: customer.token });
    expect(read.status, read.body).toBe(403);
    expect(read.json.message).toBe('a customer token cannot call provider operations');
    const write = await invoke(createService, { token: customer.token, body: { name: 'Sneaky', description: 'no' } });
    expect(write.status, write.body).toBe(403);
    expect(await queryAll(keys.servicesOfOrg(customer.orgId))).toEqual([]);
  });

  it('reach their own account (`self` operations)', async () => {
    const res = await invoke(updatePassword, { token: customer.token, body: { currentPassword: 'x', password: 'new-password-1' } });
    expect(res.status).not.toBe(403);
  });
});
