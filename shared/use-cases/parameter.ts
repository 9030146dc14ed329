/**
 * The mechanics input and output parameters share, parameterized by kind; input-parameter.ts and
 * output-parameter.ts hold the operations. A create counts the parameter on its resource (which must exist in
 * the caller's org, at most MAX_PARAMETERS_PER_RESOURCE of a kind; the counter also fails a concurrent
 * DeleteResource that read the resource before) and touches the service; every change writes the tier's
 * change record.
 */
import { advance, commit, stamp, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { getResource, type ResourceItem } from '#shared/data/entities/resource.ts';
import { serviceTouch } from '#shared/data/entities/service.ts';
import {
  getParameter,
  PARAMETER_KIND,
  parameterCounter,
  parameterKey,
  parameterKeyGuard,
  parameterListing,
  parametersOfResource,
  type ParameterBase,
  type ParameterKind,
} from '#shared/data/entities/parameter.ts';
import { changeRecord, type ChangeKind } from '#shared/data/entities/change-record.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { withParameterChanges } from '#shared/domain/parameters.ts';
import type { Caller } from '#shared/auth/caller.ts';

export function parameterChange(caller: Caller, kind: ParameterKind, p: ParameterBase, change: ChangeKind) {
  return changeRecord({
    orgId: p.orgId,
    serviceId: p.serviceId,
    productTierId: p.productTierId,
    entity: PARAMETER_KIND[kind].entity,
    id: p.parameterId,
    resourceId: p.resourceId,
    kind: change,
    by: caller.userId,
  });
}

/** The fields every parameter starts with; `fields` adds the kind's own. */
export function newParameter<T extends ParameterBase>(
  kind: ParameterKind,
  owner: ResourceItem,
  input: { key: string; name: string; description: string },
  fields: Omit<T, keyof ParameterBase>,
): T {
  const prefix = kind === 'input' ? ID_PREFIX.inputParameter : ID_PREFIX.outputParameter;
  const parameterId = newId(prefix);
  const stamped = stamp({
    ...parameterKey(kind, owner.serviceId, parameterId),
    entity: PARAMETER_KIND[kind].entity,
    orgId: owner.orgId,
    serviceId: owner.serviceId,
    productTierId: owner.productTierId,
    resourceId: owner.resourceId,
    parameterId,
    key: input.key,
    name: input.name.trim(),
    description: input.description,
    ...fields,
  });
  return { ...stamped, ...parameterListing(kind, owner.serviceId, owner.resourceId, stamped.createdAt, parameterId) } as unknown as T;
}

/** Writes a new parameter; `extra` (read fresh on every attempt) adds what the kind's rules need. */
export async function createParameter(
  kind: ParameterKind,
  caller: Caller,
  item: ParameterBase,
  extra: () => Promise<TransactionPlan> = async () => ({}),
): Promise<string> {
  await withRetry(async () => {
    const more = await extra();
    await commit({
      ...more,
      puts: [{ item }, ...(more.puts ?? [])],
      counters: [parameterCounter(kind, caller.orgId, item.serviceId, item.resourceId, 1)],
      touches: [serviceTouch(caller.orgId, item.serviceId)],
      guardsAdd: [{ guard: parameterKeyGuard(kind, item.serviceId, item.resourceId, item.key, item.parameterId), owner: item }],
      appends: [parameterChange(caller, kind, item, 'NEW')],
    });
  });
  return item.parameterId;
}

/** Applies the fields given (key, type and resource stay), checked by `check`, conditional on the version read. */
export async function updateParameter<T extends ParameterBase>(
  kind: ParameterKind,
  caller: Caller,
  serviceId: string,
  id: string,
  input: Partial<Record<string, unknown>>,
  check: (next: T) => void = () => undefined,
): Promise<void> {
  await withRetry(async () => {
    const current = await getParameter<T>(kind, caller.orgId, serviceId, id);
    const next = advance(current, withParameterChanges(current, input));
    check(next);
    await commit({ puts: [{ item: next, expectVersion: current.version }], appends: [parameterChange(caller, kind, next, 'UPDATE')] });
  });
}

/** Removes the parameter and its key guard, uncounts it; `extra` adds what the kind's rules need. */
export async function deleteParameter<T extends ParameterBase>(
  kind: ParameterKind,
  caller: Caller,
  serviceId: string,
  id: string,
  extra: (current: T) => Promise<TransactionPlan> = async () => ({}),
): Promise<void> {
  await withRetry(async () => {
    const current = await getParameter<T>(kind, caller.orgId, serviceId, id);
    const more = await extra(current);
    await commit({
      ...more,
      deletes: [{ key: parameterKey(kind, serviceId, id), version: current.version }],
      counters: [parameterCounter(kind, caller.orgId, serviceId, current.resourceId, -1)],
      guardsRemove: [parameterKeyGuard(kind, serviceId, current.resourceId, current.key, id).key],
      appends: [parameterChange(caller, kind, current, 'DELETE')],
    });
  });
}

/** Every parameter of the kind on the resource (bounded per resource), through the resource's index. */
export async function listParameters<T extends ParameterBase>(kind: ParameterKind, caller: Caller, serviceId: string, resourceId: string): Promise<T[]> {
  await getResource(caller.orgId, serviceId, resourceId);
  return (await parametersOfResource<T>(kind, serviceId, resourceId)).filter((p) => p.orgId === caller.orgId);
}
