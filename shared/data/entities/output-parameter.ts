/** An output parameter (`OP#<id>`): a value an instance exposes. Shared mechanics in parameter.ts. */
import { getParameter, parametersOfResource, type ParameterBase } from '#shared/data/entities/parameter.ts';

export interface OutputParameterItem extends ParameterBase {
  entity: 'outputParameter';
  value?: string;
  valueRef?: string;
  valueType?: string;
}

export const getOutputParameter = (orgId: string, serviceId: string, id: string) => getParameter<OutputParameterItem>('output', orgId, serviceId, id);

export const outputParametersOfResource = (serviceId: string, resourceId: string) =>
  parametersOfResource<OutputParameterItem>('output', serviceId, resourceId);
