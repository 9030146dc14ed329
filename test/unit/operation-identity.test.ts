/**
 * Two operations of one name stay apart everywhere (docs/decisions/010): the registry holds pairs that share an
 * operationId (users-api#InviteUser and consumption-user-api#InviteUser in one contract;
 * subscription-api#DescribeSubscription and the Fleet API's inventory-api#DescribeSubscription across contracts),
 * and each pair differs in its key, module, bundle, nested stack, served operationId, use-case home and describe.
 */
import { describe, expect, it } from 'vitest';
import { operations } from '#functions/registry.ts';
import { bundleDir } from '#infra/bundle.ts';
import { functionStackId } from '#infra/stack-layout.ts';
import { buildOpenApiDocument } from '#shared/registry/openapi.ts';
import { moduleFile } from '#shared/registry/operation.ts';
import { contractOf, contractOperationId, describeName, groupHome, operationKey } from '#shared/registry/identity.ts';

const find = (group: string, operationId: string) => {
  const op = operations.find((o) => o.group === group && o.operationId === operationId);
  if (!op) throw new Error(`${group}#${operationId} is not registered`);
  return op;
};

const pairs = [
  [find('users-api', 'InviteUser'), find('consumption-user-api', 'InviteUser')],
  [find('users-api', 'RevokeUserRole'), find('consumption-user-api', 'RevokeUserRole')],
  [find('subscription-api', 'DescribeSubscription'), find('inventory-api', 'DescribeSubscription')],
  [find('subscription-request-api', 'ListSubscriptionRequests'), find('inventory-api', 'ListSubscriptionRequests')],
] as const;

describe('operations that share a name', () => {
  it.each(pairs.map(([a, b]) => [`${contractOperationId(a)} / ${contractOperationId(b)}`, a, b] as const))('%s stay apart', (_, a, b) => {
    const differ = (f: (op: typeof a) => unknown) => expect(f(a)).not.toEqual(f(b));
    differ(operationKey);
    differ(moduleFile);
    differ((op) => bundleDir('/out', op));
    differ((op) => describeName(op, operations));
    differ(groupHome);
    // Functions live in their group's nested stack under their bare id: different stacks, so different functions.
    differ(functionStackId);
    // Each is served in its own contract's document under the contract's own id, and found there by it.
    for (const op of [a, b]) {
      const doc = buildOpenApiDocument(operations, undefined, contractOf(op.path)) as any;
      expect(doc.paths[op.path][op.method.toLowerCase()].operationId).toBe(contractOperationId(op));
    }
  });

  it('the Fleet API operations live under functions/fleet/ and in the Fleet document only', () => {
    const fleet = find('inventory-api', 'DescribeSubscription');
    expect(moduleFile(fleet)).toBe('functions/fleet/inventory/describe-subscription.ts');
    expect(groupHome(fleet)).toBe('fleet/inventory');
    const registration = buildOpenApiDocument(operations) as any;
    expect(registration.paths[fleet.path]).toBeUndefined();
  });

  it('a describe name qualifies only where the name repeats, and by contract where the group repeats too', () => {
    const all = [
      { group: 'invoice-api', operationId: 'ListInvoices', path: '/2022-09-01-00/invoice' },
      { group: 'invoice-api', operationId: 'ListInvoices', path: '/2022-09-01-00/fleet/invoice' },
      { group: 'service-api', operationId: 'DescribeService', path: '/2022-09-01-00/service/{id}' },
    ];
    expect(all.map((o) => describeName(o, all))).toEqual(['registration:invoice-api#ListInvoices', 'fleet:invoice-api#ListInvoices', 'DescribeService']);
  });
});
