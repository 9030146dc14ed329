/** Wire schemas of the output-parameter-api group (the shared parameter fields live in parameter.ts). */
import { z } from 'zod';
import { NonEmpty } from '#shared/schemas/common.ts';
import { PARAMETER_LIMITS, ParameterName, parameterCreateFields, parameterList, parameterViewFields } from '#shared/schemas/parameter.ts';

const outputFields = {
  /** An expression evaluated against the instance, e.g. `{{ $sys.network.externalEndpoint }}`; stored as given. */
  value: NonEmpty.max(4096).optional(),
  valueRef: z.string().max(1024).optional(),
  valueType: z.string().max(64).optional(),
};

export const CreateOutputParameterRequest = z
  .object({ ...parameterCreateFields, description: NonEmpty.max(PARAMETER_LIMITS.description), ...outputFields })
  .meta({ id: 'CreateOutputParameterRequest' });

export const UpdateOutputParameterRequest = z
  .object({ name: ParameterName.optional(), description: NonEmpty.max(PARAMETER_LIMITS.description).optional(), ...outputFields })
  .meta({ id: 'UpdateOutputParameterRequest' });

export const OutputParameterIdResult = z.string().meta({ id: 'CreateOutputParameterResult', description: 'The new output parameter id.' });

export const DescribeOutputParameterResult = z
  .object({
    ...parameterViewFields,
    description: z.string().min(1),
    value: z.string().min(1).optional(),
    valueRef: z.string().optional(),
    valueType: z.string().optional(),
  })
  .meta({ id: 'DescribeOutputParameterResult' });

export const ListOutputParametersResult = parameterList('ListOutputParametersResult', 'outputParameters', DescribeOutputParameterResult);

export { ParameterParams, ResourceParameterParams } from '#shared/schemas/parameter.ts';
