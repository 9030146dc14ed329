/** An input parameter (`IP#<id>`): a value customers set on an instance. Shared mechanics in parameter.ts. */
import { getParameter, parametersOfResource, type ParameterBase } from '#shared/data/entities/parameter.ts';

export type ParameterType = 'String' | 'Float64' | 'Boolean' | 'Password' | 'Secret' | 'JSON' | 'Resource';

export interface Limits {
  min?: string;
  max?: string;
  minLength?: string;
  maxLength?: string;
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
  /** Another resource of the same tier; that resource lists the parameter in its `parameterReferences`. */
  dependentResourceId?: string;
}

export const getInputParameter = (orgId: string, serviceId: string, id: string) => getParameter<InputParameterItem>('input', orgId, serviceId, id);

export const inputParametersOfResource = (serviceId: string, resourceId: string) =>
  parametersOfResource<InputParameterItem>('input', serviceId, resourceId);
