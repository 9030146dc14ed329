/**
 * Output parameter use cases: CreateOutputParameter, DescribeOutputParameter, ListOutputParameter,
 * UpdateOutputParameter, DeleteOutputParameter.
 */
import type { z } from 'zod';
import { getResource } from '#shared/data/entities/resource.ts';
import { getOutputParameter, type OutputParameterItem } from '#shared/data/entities/output-parameter.ts';
import { outputParameterView } from '#shared/domain/parameters.ts';
import type { DescribeOutputParameterResult, ListOutputParametersResult } from '#shared/schemas/output-parameter.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { atVersion, parameterAtVersion, resourceAtVersion, type AtVersion } from '#shared/use-cases/tier-version-set/at-version.ts';
import { createParameter, deleteParameter, listParameters, newParameter, updateParameter } from '#shared/use-cases/parameter.ts';

export interface CreateOutputParameterInput {
  resourceId: string;
  key: string;
  name: string;
  description: string;
  value?: string;
  valueRef?: string;
  valueType?: string;
}

export async function createOutputParameter(caller: Caller, serviceId: string, input: CreateOutputParameterInput): Promise<string> {
  const owner = await getResource(caller.orgId, serviceId, input.resourceId);
  const item = newParameter<OutputParameterItem>('output', owner, input, {
    ...(input.value !== undefined ? { value: input.value } : {}),
    ...(input.valueRef !== undefined ? { valueRef: input.valueRef } : {}),
    ...(input.valueType !== undefined ? { valueType: input.valueType } : {}),
  });
  return createParameter('output', caller, item);
}

export async function describeOutputParameter(caller: Caller, serviceId: string, id: string, at?: AtVersion): Promise<z.input<typeof DescribeOutputParameterResult>> {
  if (atVersion(at)) return outputParameterView(await parameterAtVersion<OutputParameterItem>('output', caller.orgId, serviceId, id, at));
  return outputParameterView(await getOutputParameter(caller.orgId, serviceId, id));
}

export async function listOutputParameter(caller: Caller, serviceId: string, resourceId: string, at?: AtVersion): Promise<z.input<typeof ListOutputParametersResult>> {
  const items = atVersion(at)
    ? (await resourceAtVersion(caller.orgId, serviceId, resourceId, at)).outputParameters
    : await listParameters<OutputParameterItem>('output', caller, serviceId, resourceId);
  return { ids: items.map((p) => p.parameterId), outputParameters: items.map(outputParameterView) };
}

export interface UpdateOutputParameterInput {
  name?: string;
  description?: string;
  value?: string;
  valueRef?: string;
  valueType?: string;
}

export function updateOutputParameter(caller: Caller, serviceId: string, id: string, input: UpdateOutputParameterInput): Promise<void> {
  return updateParameter<OutputParameterItem>('output', caller, serviceId, id, { ...input });
}

export function deleteOutputParameter(caller: Caller, serviceId: string, id: string): Promise<void> {
  return deleteParameter('output', caller, serviceId, id);
}
