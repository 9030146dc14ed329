/** Wire schemas of the input-parameter-api group (the shared parameter fields live in parameter.ts). */
import { z } from 'zod';
import { LIMITS, list, NonEmpty, record, text } from '#shared/schemas/common.ts';
import { Id } from '#shared/schemas/common.ts';
import { PARAMETER_LIMITS, ParameterName, parameterCreateFields, parameterList, parameterViewFields } from '#shared/schemas/parameter.ts';

export { ParameterKey, ParameterParams, ResourceParameterParams } from '#shared/schemas/parameter.ts';

/** Bounds of an input parameter's option lists and values (docs/limits.md). */
export const INPUT_PARAMETER_LIMITS = { options: 1000, option: 1024, limit: 64, defaultValue: LIMITS.text } as const;

const LimitValue = text(INPUT_PARAMETER_LIMITS.limit).optional();
export const Limits = z
  .object({ min: LimitValue, max: LimitValue, minLength: LimitValue, maxLength: LimitValue })
  .meta({ id: 'Limits' });

const optionFields = {
  hasOptions: z.boolean().optional(),
  options: list(text(INPUT_PARAMETER_LIMITS.option), INPUT_PARAMETER_LIMITS.options).optional(),
  labeledOptions: record(text(INPUT_PARAMETER_LIMITS.option), INPUT_PARAMETER_LIMITS.options).optional(),
  limits: Limits.optional(),
  defaultValue: text(INPUT_PARAMETER_LIMITS.defaultValue).optional(),
};

const Description = z.string().max(PARAMETER_LIMITS.description);

export const CreateInputParameterRequest = z
  .object({
    ...parameterCreateFields,
    description: Description,
    type: NonEmpty.max(64),
    required: z.boolean(),
    modifiable: z.boolean(),
    isList: z.boolean().optional(),
    dependentResourceId: Id.optional(),
    ...optionFields,
  })
  .meta({ id: 'CreateInputParameterRequest' });

export const UpdateInputParameterRequest = z
  .object({
    name: ParameterName.optional(),
    description: Description.optional(),
    required: z.boolean().optional(),
    modifiable: z.boolean().optional(),
    ...optionFields,
  })
  .meta({ id: 'UpdateInputParameterRequest' });

export const InputParameterIdResult = z.string().meta({ id: 'CreateInputParameterResult', description: 'The new input parameter id.' });

export const DescribeInputParameterResult = z
  .object({
    ...parameterViewFields,
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

export const ListInputParametersResult = parameterList('ListInputParametersResult', 'inputParameters', DescribeInputParameterResult);
