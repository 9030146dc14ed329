/** Wire schemas of the input-parameter-api group. */
import { z } from 'zod';
import { Id, NonEmpty } from '#shared/schemas/common.ts';

export const ParameterKey = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128)
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'must start with a letter and hold only letters, digits and _');

export const ParameterParams = z.object({ serviceId: Id, id: Id });
export const ResourceParameterParams = z.object({ serviceId: Id, resourceId: Id });

export const Limits = z
  .object({
    min: z.string().optional(),
    max: z.string().optional(),
    minLength: z.string().optional(),
    maxLength: z.string().optional(),
  })
  .meta({ id: 'Limits' });

const optionFields = {
  hasOptions: z.boolean().optional(),
  options: z.array(z.string()).optional(),
  labeledOptions: z.record(z.string(), z.string()).optional(),
  limits: Limits.optional(),
  defaultValue: z.string().optional(),
};

export const CreateInputParameterRequest = z
  .object({
    resourceId: Id,
    key: ParameterKey,
    name: NonEmpty.max(255),
    description: z.string().max(4096),
    type: NonEmpty,
    required: z.boolean(),
    modifiable: z.boolean(),
    isList: z.boolean().optional(),
    dependentResourceId: Id.optional(),
    ...optionFields,
  })
  .meta({ id: 'CreateInputParameterRequest' });

export const UpdateInputParameterRequest = z
  .object({
    name: NonEmpty.max(255).optional(),
    description: z.string().max(4096).optional(),
    required: z.boolean().optional(),
    modifiable: z.boolean().optional(),
    ...optionFields,
  })
  .meta({ id: 'UpdateInputParameterRequest' });

export const InputParameterIdResult = z.string().meta({ id: 'CreateInputParameterResult', description: 'The new input parameter id.' });

export const DescribeInputParameterResult = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    resourceId: z.string(),
    key: z.string().min(1),
    name: z.string().min(1),
    description: z.string(),
    type: z.string(),
    required: z.boolean(),
    modifiable: z.boolean(),
    isList: z.boolean(),
    hasOptions: z.boolean().optional(),
    options: z.array(z.string()).optional(),
    labeledOptions: z.record(z.string(), z.string()).optional(),
    limits: Limits.optional(),
    defaultValue: z.string().optional(),
    dependentResourceId: z.string().optional(),
  })
  .meta({ id: 'DescribeInputParameterResult' });

export const ListInputParametersResult = z
  .object({
    ids: z.array(z.string()),
    inputParameters: z.array(DescribeInputParameterResult),
    nextPageToken: z.string().optional(),
  })
  .meta({ id: 'ListInputParametersResult' });
