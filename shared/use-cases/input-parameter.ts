/**
 * Input parameter use cases: CreateInputParameter, DescribeInputParameter, ListInputParameter,
 * UpdateInputParameter, DeleteInputParameter. A `dependentResourceId` names another resource of the tier,
 * which records the parameter in its `parameterReferences` (in the same transaction, conditional on its
 * version), so that resource cannot be deleted while the parameter points at it.
 */
import type { z } from 'zod';
import { findResource, getResource } from '#shared/data/entities/resource.ts';
import { getInputParameter, type InputParameterItem, type Limits } from '#shared/data/entities/input-parameter.ts';
import { BadRequest } from '#shared/errors.ts';
import { checkInputParameter, inputParameterView, parameterType } from '#shared/domain/parameters.ts';
import type { DescribeInputParameterResult, ListInputParametersResult } from '#shared/schemas/input-parameter.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { createParameter, deleteParameter, listParameters, newParameter, updateParameter } from '#shared/use-cases/parameter.ts';
import { targetPut, tierTarget } from '#shared/use-cases/resource/references.ts';
import { atVersion, parameterAtVersion, resourceAtVersion, type AtVersion } from '#shared/use-cases/tier-version-set/at-version.ts';
import { withoutKey } from '#shared/use-cases/resource/cascade.ts';

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

export async function createInputParameter(caller: Caller, serviceId: string, input: CreateInputParameterInput): Promise<string> {
  const owner = await getResource(caller.orgId, serviceId, input.resourceId);
  const item = newParameter<InputParameterItem>('input', owner, input, {
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
  });
  checkInputParameter(item);
  const targetId = item.dependentResourceId;
  if (targetId === owner.resourceId) throw new BadRequest('dependentResourceId must name another resource');
  return createParameter('input', caller, item, async () => {
    if (!targetId) return {};
    const target = await tierTarget(owner, targetId, `dependentResourceId ${targetId} is not a resource of the same product tier`);
    return { puts: [targetPut(target, { ...target, parameterReferences: { ...target.parameterReferences, [item.parameterId]: owner.resourceId } })] };
  });
}

export async function describeInputParameter(caller: Caller, serviceId: string, id: string, at?: AtVersion): Promise<z.input<typeof DescribeInputParameterResult>> {
  if (atVersion(at)) return inputParameterView(await parameterAtVersion<InputParameterItem>('input', caller.orgId, serviceId, id, at));
  return inputParameterView(await getInputParameter(caller.orgId, serviceId, id));
}

export async function listInputParameter(caller: Caller, serviceId: string, resourceId: string, at?: AtVersion): Promise<z.input<typeof ListInputParametersResult>> {
  const items = atVersion(at)
    ? (await resourceAtVersion(caller.orgId, serviceId, resourceId, at)).inputParameters
    : await listParameters<InputParameterItem>('input', caller, serviceId, resourceId);
  return { ids: items.map((p) => p.parameterId), inputParameters: items.map(inputParameterView) };
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

/** Key and type stay; the result is re-validated as a whole. */
export function updateInputParameter(caller: Caller, serviceId: string, id: string, input: UpdateInputParameterInput): Promise<void> {
  return updateParameter<InputParameterItem>('input', caller, serviceId, id, { ...input }, checkInputParameter);
}

export function deleteInputParameter(caller: Caller, serviceId: string, id: string): Promise<void> {
  return deleteParameter<InputParameterItem>('input', caller, serviceId, id, async (p) => {
    const target = p.dependentResourceId ? await findResource(serviceId, p.dependentResourceId) : undefined;
    if (!target) return {};
    return { puts: [targetPut(target, { ...target, parameterReferences: withoutKey(target.parameterReferences, p.parameterId) })] };
  });
}
