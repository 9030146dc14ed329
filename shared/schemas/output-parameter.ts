/** Wire schemas of the output-parameter-api group. */
import { z } from 'zod';
import { Id, NonEmpty } from '#shared/schemas/common.ts';
import { ParameterKey } from '#shared/schemas/input-parameter.ts';

export const CreateOutputParameterRequest = z
  .object({
    resourceId: Id,
    key: ParameterKey,
    name: NonEmpty.max(255),
    description: NonEmpty.max(4096),
    /** An expression evaluated against the instance, e.g. `{{ $sys.network.externalEndpoint }}`; stored as given. */
    value: NonEmpty.max(4096).optional(),
    valueRef: z.string().max(1024).optional(),
    valueType: z.string().max(64).optional(),
  })
  .meta({ id: 'CreateOutputParameterRequest' });

export const UpdateOutputParameterRequest = z
  .object({
    name: NonEmpty.max(255).optional(),
    description: NonEmpty.max(4096).optional(),
    value: NonEmpty.max(4096).optional(),
    valueRef: z.string().max(1024).optional(),
    valueType: z.string().max(64).optional(),
  })
  .meta({ id: 'UpdateOutputParameterRequest' });

export const OutputParameterIdResult = z.string().meta({ id: 'CreateOutputParameterResult', description: 'The new output parameter id.' });

export const DescribeOutputParameterResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    resourceId: z.string(),
    key: z.string().min(1),
    name: z.string().min(1),
    description: z.string().min(1),
    value: z.string().min(1).optional(),
    valueRef: z.string().optional(),
    valueType: z.string().optional(),
  })
  .meta({ id: 'DescribeOutputParameterResult' });

export const ListOutputParametersResult = z
  .object({
    ids: z.array(z.string()),
    outputParameters: z.array(DescribeOutputParameterResult),
    nextPageToken: z.string().optional(),
  })
  .meta({ id: 'ListOutputParametersResult' });

export { ParameterParams, ResourceParameterParams } from '#shared/schemas/input-parameter.ts';
