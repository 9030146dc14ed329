/**
 * The identity of an operation: (contract, group, operationId). An operationId alone is not unique: the
 * reference repeats names across groups (users-api#InviteUser and consumption-user-api#InviteUser) and across
 * contracts (subscription-api#DescribeSubscription and the Fleet API's inventory-api#DescribeSubscription; even
 * invoice-api#ListInvoices is in both contracts). Everything that must tell two operations apart keys them by
 * `operationKey` (docs/decisions/010): the CDK functions and bundles, the registry checks, the served documents
 * (which write `group#OperationId`, as each contract does), the use-case modules and the test describes.
 *
 * The contract follows from the path alone (decision 006): the Fleet API is everything under
 * `/2022-09-01-00/fleet/`, the Registration API everything else.
 */

export type Contract = 'registration' | 'fleet';

export const CONTRACTS: readonly Contract[] = ['registration', 'fleet'];

/** Path prefix of the provider-facing Fleet API. */
export const FLEET_PREFIX = '/2022-09-01-00/fleet/';

export function contractOf(path: string): Contract {
  return path.startsWith(FLEET_PREFIX) ? 'fleet' : 'registration';
}

/** What identifies an operation. `path` decides the contract (absent: the Registration API). */
export interface OperationIdentity {
  group: string;
  operationId: string;
  path?: string;
}

const contractOfOp = (op: OperationIdentity): Contract => (op.path === undefined ? 'registration' : contractOf(op.path));

/** `fleet:inventory-api#DescribeSubscription`: unique across both contracts; the key of every map of operations. */
export function operationKey(op: OperationIdentity): string {
  return `${contractOfOp(op)}:${op.group}#${op.operationId}`;
}

/** `inventory-api#DescribeSubscription`: the operationId as its own contract's document writes it. */
export function contractOperationId(op: Pick<OperationIdentity, 'group' | 'operationId'>): string {
  return `${op.group}#${op.operationId}`;
}

/**
 * The folder (below `functions/` and `shared/use-cases/`) of a group: `service-api-api` → `service-api`; a Fleet
 * API group sits under `fleet/` (`fleet/inventory`), since a group can hold the same name in both contracts.
 */
export function groupHome(op: Pick<OperationIdentity, 'group' | 'path'>): string {
  const folder = op.group.replace(/-api$/, '');
  return contractOfOp({ ...op, operationId: '' }) === 'fleet' ? `fleet/${folder}` : folder;
}

/** `InviteUser` → `inviteUser`: the use case's name. */
export const useCaseName = (operationId: string) => operationId[0].toLowerCase() + operationId.slice(1);

/**
 * The name a test's `describe` gives an operation: its operationId where no other registered operation has
 * that name, else `group#OperationId`, else the full `operationKey` (the same group and name in both contracts).
 */
export function describeName(op: OperationIdentity, all: readonly OperationIdentity[]): string {
  const same = all.filter((o) => o.operationId === op.operationId);
  if (same.length <= 1) return op.operationId;
  const qualified = contractOperationId(op);
  return same.filter((o) => contractOperationId(o) === qualified).length <= 1 ? qualified : operationKey(op);
}
