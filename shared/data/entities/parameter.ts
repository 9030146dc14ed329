/**
 * What input and output parameters share: items `IP#<id>` / `OP#<id>` in the service partition with
 * `resourceId` and `productTierId`, listed under their resource on gsi1 (`SVC#<sid>#RES#<rid>#IP|OP`), keys unique
 * within the resource through guard items (`UNIQUE#IPKEY|OPKEY#<resourceId>#<key>`), counted on the resource
 * (`inputParameterCount` / `outputParameterCount`, at most MAX_PARAMETERS_PER_RESOURCE each).
 * One implementation parameterized by kind; input-parameter.ts and output-parameter.ts are thin over it.
 */
import { keys, TREE } from '#shared/data/keys.ts';
import { getItem, queryAll, type Guard, type Key, type Stored } from '#shared/data/store.ts';
import { Conflict, NotFound } from '#shared/errors.ts';

/** Input (or output) parameters of one resource. */
export const MAX_PARAMETERS_PER_RESOURCE = 500;

export type ParameterKind = 'input' | 'output';

export interface ParameterBase extends Stored {
  entity: 'inputParameter' | 'outputParameter';
  orgId: string;
  serviceId: string;
  productTierId: string;
  resourceId: string;
  parameterId: string;
  key: string;
  name: string;
  description: string;
  gsi1pk: string;
  gsi1sk: string;
}

/** Everything that differs between the two kinds, in one table. */
export const PARAMETER_KIND = {
  input: {
    entity: 'inputParameter',
    label: 'input parameter',
    tag: TREE.inputParameter,
    counter: 'inputParameterCount',
    item: keys.inputParameter,
    guard: keys.inputParameterKeyGuard,
  },
  output: {
    entity: 'outputParameter',
    label: 'output parameter',
    tag: TREE.outputParameter,
    counter: 'outputParameterCount',
    item: keys.outputParameter,
    guard: keys.outputParameterKeyGuard,
  },
} as const;

export const parameterKey = (kind: ParameterKind, serviceId: string, id: string): Key => PARAMETER_KIND[kind].item(serviceId, id);

export function parameterListing(kind: ParameterKind, serviceId: string, resourceId: string, createdAt: string, id: string) {
  return keys.resourceChildListing(serviceId, resourceId, PARAMETER_KIND[kind].tag, createdAt, id);
}

export function parameterKeyGuard(kind: ParameterKind, serviceId: string, resourceId: string, key: string, parameterId: string): Guard {
  return {
    key: PARAMETER_KIND[kind].guard(serviceId, resourceId, key),
    conflict: `an ${PARAMETER_KIND[kind].label} with key "${key}" already exists on this resource`,
    attributes: { parameterId, value: key },
  };
}

/** The owning resource's counter of this kind: one more (bounded) or one fewer. */
export function parameterCounter(kind: ParameterKind, orgId: string, serviceId: string, resourceId: string, by: number) {
  const k = PARAMETER_KIND[kind];
  return {
    key: keys.resource(serviceId, resourceId),
    add: { [k.counter]: by },
    entity: 'resource',
    orgId,
    ...(by > 0
      ? { atMost: { max: MAX_PARAMETERS_PER_RESOURCE, failure: new Conflict(`a resource holds at most ${MAX_PARAMETERS_PER_RESOURCE} ${k.label}s`) } }
      : {}),
  };
}

/** A parameter of the caller's org, or 404 `<kind> parameter`. */
export async function getParameter<T extends ParameterBase>(kind: ParameterKind, orgId: string, serviceId: string, id: string): Promise<T> {
  const item = await getItem<T>(parameterKey(kind, serviceId, id));
  if (!item || item.orgId !== orgId || item.entity !== PARAMETER_KIND[kind].entity) throw new NotFound(PARAMETER_KIND[kind].label);
  return item;
}

/** A parameter by id (consistent read), or undefined; tenancy is the caller's to check. */
export async function findParameter<T extends ParameterBase>(kind: ParameterKind, serviceId: string, id: string): Promise<T | undefined> {
  const item = await getItem<T>(parameterKey(kind, serviceId, id));
  return item && item.entity === PARAMETER_KIND[kind].entity ? item : undefined;
}

/**
 * The parameters of a resource in creation order: a Query on the resource's gsi1 partition, every page.
 * Eventually consistent; a cascade checks the count against the resource's counter.
 */
export function parametersOfResource<T extends ParameterBase>(kind: ParameterKind, serviceId: string, resourceId: string): Promise<T[]> {
  return queryAll<T>(keys.childrenOfResource(serviceId, resourceId, PARAMETER_KIND[kind].tag));
}
