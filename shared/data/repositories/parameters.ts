/**
 * Input and output parameters of a resource: items `IP#<id>` / `OP#<id>` in the service partition carrying
 * resourceId and productTierId; keys unique within the resource through guard items. Creating one touches
 * the resource (it must exist, and a concurrent DeleteResource — conditional on the version it read — then
 * fails instead of leaving the parameter orphaned). Every change writes the tier's change record.
 */
import { keys, TREE } from '#shared/data/keys.ts';
import { getItem, queryAll, stamp, type Guard, type Key, type Stored } from '#shared/data/store.ts';
import { commit, withRetry, type TransactionPlan } from '#shared/data/store.ts';
import { changeRecord, type ChangeKind, type ChangedEntity } from '#shared/data/repositories/change-log.ts';
import { getResource, resourcesOfTier, type ResourceItem } from '#shared/data/repositories/resources.ts';
import { BadRequest, NotFound } from '#shared/errors.ts';
import { ID_PREFIX, newId } from '#shared/domain/ids.ts';
import { checkParameter, parameterType, type Limits, type ParameterType } from '#shared/domain/parameters.ts';
import type { Caller } from '#shared/auth/caller.ts';

interface ParameterBase extends Stored {
  orgId: string;
  serviceId: string;
  productTierId: string;
  resourceId: string;
  parameterId: string;
  key: string;
  name: string;
  description: string;
}

export interface InputParameterItem extends ParameterBase {
  entity: 'inputParameter';
  type: ParameterType;
  required: boolean;
  modifiable: boolean;
  hasOptions: boolean;
  isList: boolean;
  options?: string[];
  labeledOptions?: Record<string, string>;
  limits?: Limits;
  defaultValue?: string;
  dependentResourceId?: string;
}

export interface OutputParameterItem extends ParameterBase {
  entity: 'outputParameter';
  value?: string;
  valueRef?: string;
  valueType?: string;
}

type Kind = 'input' | 'output';
const TAG = { input: TREE.inputParameter, output: TREE.outputParameter } as const;
const ENTITY = { input: 'input parameter', output: 'output parameter' } as const;
const CHANGED: Record<Kind, ChangedEntity> = { input: 'inputParameter', output: 'outputParameter' };

const paramKey = (kind: Kind, serviceId: string, id: string) => (kind === 'input' ? keys.inputParameter : keys.outputParameter)(serviceId, id);
const keyGuard = (kind: Kind, serviceId: string, resourceId: string, key: string): Guard => ({
  key: (kind === 'input' ? keys.inputParameterKeyGuard : keys.outputParameterKeyGuard)(serviceId, resourceId, key),
  conflict: `an ${ENTITY[kind]} with key "${key}" already exists on this resource`,
});
const resourceKey = keys.resource;

/** The owning resource and the service must still exist; both versions move so concurrent deletes see the new child. */
const serviceChildTouches = (orgId: string, serviceId: string, resourceId: string) => [
  { key: resourceKey(serviceId, resourceId), orgId, entity: 'resource' },
  { key: keys.service(serviceId), orgId, entity: 'service' },
];

function record(caller: Caller, p: ParameterBase, kind: Kind, change: ChangeKind) {
  return changeRecord({
    orgId: p.orgId,
    serviceId: p.serviceId,
    productTierId: p.productTierId,
    entity: CHANGED[kind],
    id: p.parameterId,
    resourceId: p.resourceId,
    kind: change,
    by: caller.userId,
  });
}

async function getParameter<T extends ParameterBase>(kind: Kind, orgId: string, serviceId: string, id: string): Promise<T> {
  const item = await getItem<T & { entity: string }>(paramKey(kind, serviceId, id));
  if (!item || item.orgId !== orgId || item.entity !== CHANGED[kind]) throw new NotFound(ENTITY[kind]);
  return item;
}

async function parametersOf<T extends ParameterBase>(kind: Kind, serviceId: string, resourceId?: string): Promise<T[]> {
  const all = await queryAll<T>(kind === 'input' ? keys.inputParametersOfService(serviceId) : keys.outputParametersOfService(serviceId));
  return all
    .filter((p) => resourceId === undefined || p.resourceId === resourceId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.parameterId.localeCompare(b.parameterId));
}

/** A resource of the same tier that an input parameter may point at; its version is bumped by the write. */
async function dependentResource(owner: ResourceItem, dependentId: string): Promise<ResourceItem> {
  if (dependentId === owner.resourceId) throw new BadRequest('dependentResourceId must name another resource');
  const tier = await resourcesOfTier(owner.serviceId, owner.productTierId);
  const target = tier.find((r) => r.resourceId === dependentId);
  if (!target) throw new BadRequest(`dependentResourceId ${dependentId} is not a resource of the same product tier`);
  return target;
}

export interface CreateInputParameterInput {
  resourceId: string;
  key: string;
  name: string;
  description: string;
  type: string;
  required: boolean;
  modifiable: boolean;
  hasOptions?: boolean;
  isList?: boolean;
  options?: string[];
  labeledOptions?: Record<string, string>;
  limits?: Limits;
  defaultValue?: string;
  dependentResourceId?: string;
}

function shapeCheck(p: Pick<InputParameterItem, 'type' | 'isList' | 'options' | 'labeledOptions' | 'limits' | 'defaultValue' | 'hasOptions' | 'dependentResourceId'>): void {
  checkParameter(p);
  if (p.hasOptions && !p.options?.length && !Object.keys(p.labeledOptions ?? {}).length) {
    throw new BadRequest('hasOptions needs options or labeledOptions');
  }
  if (p.type === 'Resource' && !p.dependentResourceId) throw new BadRequest('a Resource parameter needs dependentResourceId');
}

export async function createInputParameter(caller: Caller, serviceId: string, input: CreateInputParameterInput): Promise<InputParameterItem> {
  const owner = await getResource(caller.orgId, serviceId, input.resourceId);
  const parameterId = newId(ID_PREFIX.inputParameter);
  const item = stamp({
    ...paramKey('input', serviceId, parameterId),
    entity: 'inputParameter' as const,
    orgId: caller.orgId,
    serviceId,
    productTierId: owner.productTierId,
    resourceId: owner.resourceId,
    parameterId,
    key: input.key,
    name: input.name.trim(),
    description: input.description,
    type: parameterType(input.type),
    required: input.required,
    modifiable: input.modifiable,
    hasOptions: input.hasOptions ?? Boolean(input.options?.length || Object.keys(input.labeledOptions ?? {}).length),
    isList: input.isList ?? false,
    ...(input.options ? { options: input.options } : {}),
    ...(input.labeledOptions ? { labeledOptions: input.labeledOptions } : {}),
    ...(input.limits ? { limits: input.limits } : {}),
    ...(input.defaultValue !== undefined ? { defaultValue: input.defaultValue } : {}),
    ...(input.dependentResourceId ? { dependentResourceId: input.dependentResourceId } : {}),
  }) as InputParameterItem;
  shapeCheck(item);
  return withRetry(async () => {
    const plan: TransactionPlan = {};
    if (item.dependentResourceId) {
      const target = await dependentResource(owner, item.dependentResourceId);
      plan.bumps = [{ key: resourceKey(serviceId, target.resourceId), version: target.version }];
    }
    await commit({
      ...plan,
      puts: [{ item: item as unknown as Key & Record<string, unknown> }],
      touches: serviceChildTouches(caller.orgId, serviceId, owner.resourceId),
      guardsAdd: [{ guard: { ...keyGuard('input', serviceId, owner.resourceId, item.key), attributes: { parameterId } }, owner: item }],
      appends: [record(caller, item, 'input', 'NEW')],
    });
    return item;
  });
}

export interface UpdateInputParameterInput {
  name?: string;
  description?: string;
  required?: boolean;
  modifiable?: boolean;
  hasOptions?: boolean;
  options?: string[];
  labeledOptions?: Record<string, string>;
  limits?: Limits;
  defaultValue?: string;
}

export async function updateInputParameter(caller: Caller, serviceId: string, id: string, input: UpdateInputParameterInput): Promise<void> {
  await withRetry(async () => {
    const current = await getParameter<InputParameterItem>('input', caller.orgId, serviceId, id);
    const updated: InputParameterItem = { ...current, version: current.version + 1, updatedAt: new Date().toISOString() };
    for (const [k, v] of Object.entries(input)) if (v !== undefined) (updated as unknown as Record<string, unknown>)[k] = k === 'name' ? String(v).trim() : v;
    shapeCheck(updated);
    await commit({
      puts: [{ item: updated as unknown as Key & Record<string, unknown>, expectVersion: current.version }],
      appends: [record(caller, updated, 'input', 'UPDATE')],
    });
  });
}

export interface CreateOutputParameterInput {
  resourceId: string;
  key: string;
  name: string;
  description: string;
  value?: string;
  valueRef?: string;
  valueType?: string;
}

export async function createOutputParameter(caller: Caller, serviceId: string, input: CreateOutputParameterInput): Promise<OutputParameterItem> {
  const owner = await getResource(caller.orgId, serviceId, input.resourceId);
  const parameterId = newId(ID_PREFIX.outputParameter);
  const item = stamp({
    ...paramKey('output', serviceId, parameterId),
    entity: 'outputParameter' as const,
    orgId: caller.orgId,
    serviceId,
    productTierId: owner.productTierId,
    resourceId: owner.resourceId,
    parameterId,
    key: input.key,
    name: input.name.trim(),
    description: input.description,
    ...(input.value !== undefined ? { value: input.value } : {}),
    ...(input.valueRef !== undefined ? { valueRef: input.valueRef } : {}),
    ...(input.valueType !== undefined ? { valueType: input.valueType } : {}),
  }) as OutputParameterItem;
  await withRetry(() =>
    commit({
      puts: [{ item: item as unknown as Key & Record<string, unknown> }],
      touches: serviceChildTouches(caller.orgId, serviceId, owner.resourceId),
      guardsAdd: [{ guard: { ...keyGuard('output', serviceId, owner.resourceId, item.key), attributes: { parameterId } }, owner: item }],
      appends: [record(caller, item, 'output', 'NEW')],
    }),
  );
  return item;
}

export interface UpdateOutputParameterInput {
  name?: string;
  description?: string;
  value?: string;
  valueRef?: string;
  valueType?: string;
}

export async function updateOutputParameter(caller: Caller, serviceId: string, id: string, input: UpdateOutputParameterInput): Promise<void> {
  await withRetry(async () => {
    const current = await getParameter<OutputParameterItem>('output', caller.orgId, serviceId, id);
    const updated: OutputParameterItem = { ...current, version: current.version + 1, updatedAt: new Date().toISOString() };
    for (const [k, v] of Object.entries(input)) if (v !== undefined) (updated as unknown as Record<string, unknown>)[k] = k === 'name' ? String(v).trim() : v;
    await commit({
      puts: [{ item: updated as unknown as Key & Record<string, unknown>, expectVersion: current.version }],
      appends: [record(caller, updated, 'output', 'UPDATE')],
    });
  });
}

export function getInputParameter(orgId: string, serviceId: string, id: string) {
  return getParameter<InputParameterItem>('input', orgId, serviceId, id);
}
export function getOutputParameter(orgId: string, serviceId: string, id: string) {
  return getParameter<OutputParameterItem>('output', orgId, serviceId, id);
}

export async function listInputParameters(orgId: string, serviceId: string, resourceId: string): Promise<InputParameterItem[]> {
  await getResource(orgId, serviceId, resourceId);
  return parametersOf<InputParameterItem>('input', serviceId, resourceId);
}
export async function listOutputParameters(orgId: string, serviceId: string, resourceId: string): Promise<OutputParameterItem[]> {
  await getResource(orgId, serviceId, resourceId);
  return parametersOf<OutputParameterItem>('output', serviceId, resourceId);
}

export async function deleteParameter(kind: Kind, caller: Caller, serviceId: string, id: string): Promise<void> {
  await withRetry(async () => {
    const current = await getParameter<ParameterBase>(kind, caller.orgId, serviceId, id);
    await commit({
      deletes: [{ key: paramKey(kind, serviceId, id), version: current.version }],
      guardsRemove: [keyGuard(kind, serviceId, current.resourceId, current.key).key],
      appends: [record(caller, current, kind, 'DELETE')],
    });
  });
}

/** Parameter items (with their guards) of a resource, and input parameters elsewhere that reference it. */
export async function parameterChildren(serviceId: string, resourceId: string) {
  const [inputs, outputs] = await Promise.all([
    parametersOf<InputParameterItem>('input', serviceId),
    parametersOf<OutputParameterItem>('output', serviceId, resourceId),
  ]);
  const own = [...inputs.filter((p) => p.resourceId === resourceId).map((p) => ['input', p] as const), ...outputs.map((p) => ['output', p] as const)];
  return {
    deletes: own.map(([kind, p]) => ({ key: paramKey(kind, serviceId, p.parameterId), version: p.version })),
    guards: own.map(([kind, p]) => keyGuard(kind, serviceId, resourceId, p.key).key),
    referencingParameters: inputs
      .filter((p) => p.dependentResourceId === resourceId && p.resourceId !== resourceId)
      .map((p) => ({ id: p.parameterId, resourceId: p.resourceId })),
  };
}

/** The describe view of an input parameter: every required field present. */
export function describeInputParameter(p: InputParameterItem) {
  return {
    id: p.parameterId,
    serviceId: p.serviceId,
    resourceId: p.resourceId,
    key: p.key,
    name: p.name,
    description: p.description,
    type: p.type,
    required: p.required,
    modifiable: p.modifiable,
    hasOptions: p.hasOptions,
    isList: p.isList,
    ...(p.options ? { options: p.options } : {}),
    ...(p.labeledOptions ? { labeledOptions: p.labeledOptions } : {}),
    ...(p.limits ? { limits: p.limits } : {}),
    ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
    ...(p.dependentResourceId ? { dependentResourceId: p.dependentResourceId } : {}),
  };
}

/** The describe view of an output parameter; an empty value is left out (the wire wants it non-empty). */
export function describeOutputParameter(p: OutputParameterItem) {
  return {
    id: p.parameterId,
    serviceId: p.serviceId,
    resourceId: p.resourceId,
    key: p.key,
    name: p.name,
    description: p.description,
    ...(p.value ? { value: p.value } : {}),
    ...(p.valueRef ? { valueRef: p.valueRef } : {}),
    ...(p.valueType ? { valueType: p.valueType } : {}),
  };
}
