/**
 * Input parameter rules: the value types a customer may be asked for, and whether a default value (or an
 * option) fits the type, the options and the limits. Pure functions; errors are 400s naming the field.
 */
import type { z } from 'zod';
import { BadRequest } from '#shared/errors.ts';
import type { InputParameterItem, Limits, ParameterType } from '#shared/data/entities/input-parameter.ts';
import type { OutputParameterItem } from '#shared/data/entities/output-parameter.ts';
import type { ParameterBase } from '#shared/data/entities/parameter.ts';
import type { DescribeInputParameterResult } from '#shared/schemas/input-parameter.ts';
import type { DescribeOutputParameterResult } from '#shared/schemas/output-parameter.ts';

export type { Limits, ParameterType } from '#shared/data/entities/input-parameter.ts';

export const PARAMETER_TYPES = ['String', 'Float64', 'Boolean', 'Password', 'Secret', 'JSON', 'Resource'] as const satisfies readonly ParameterType[];

/** Accepts any case (`float64`, `BOOLEAN`) and answers the canonical spelling. */
export function parameterType(raw: string): ParameterType {
  const found = PARAMETER_TYPES.find((t) => t.toLowerCase() === raw.trim().toLowerCase());
  if (!found) throw new BadRequest(`type must be one of ${PARAMETER_TYPES.join(', ')}`);
  return found;
}

export interface ParameterShape {
  type: ParameterType;
  isList?: boolean;
  options?: string[];
  labeledOptions?: Record<string, string>;
  limits?: Limits;
  defaultValue?: string;
}

interface ParsedLimits {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
}

export function parseLimits(limits: Limits | undefined): ParsedLimits {
  const out: ParsedLimits = {};
  if (!limits) return out;
  for (const f of ['min', 'max'] as const) {
    const raw = limits[f]?.trim();
    if (!raw) continue;
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new BadRequest(`limits.${f} must be a number`);
    out[f] = n;
  }
  for (const f of ['minLength', 'maxLength'] as const) {
    const raw = limits[f]?.trim();
    if (!raw) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new BadRequest(`limits.${f} must be a non-negative integer`);
    out[f] = n;
  }
  if (out.min !== undefined && out.max !== undefined && out.min > out.max) throw new BadRequest('limits.min is greater than limits.max');
  if (out.minLength !== undefined && out.maxLength !== undefined && out.minLength > out.maxLength) {
    throw new BadRequest('limits.minLength is greater than limits.maxLength');
  }
  return out;
}

/** Why `value` does not fit `type` and `limits`, or undefined when it fits. */
export function misfit(type: ParameterType, value: string, limits: ParsedLimits): string | undefined {
  switch (type) {
    case 'Float64': {
      const n = Number(value.trim());
      if (value.trim() === '' || !Number.isFinite(n)) return 'is not a number';
      if (limits.min !== undefined && n < limits.min) return `is below the minimum ${limits.min}`;
      if (limits.max !== undefined && n > limits.max) return `is above the maximum ${limits.max}`;
      return undefined;
    }
    case 'Boolean':
      return /^(true|false)$/i.test(value.trim()) ? undefined : 'must be true or false';
    case 'JSON':
      try {
        JSON.parse(value);
        return undefined;
      } catch {
        return 'is not valid JSON';
      }
    case 'String':
    case 'Password':
    case 'Secret':
    case 'Resource':
      if (limits.minLength !== undefined && value.length < limits.minLength) return `is shorter than ${limits.minLength} characters`;
      if (limits.maxLength !== undefined && value.length > limits.maxLength) return `is longer than ${limits.maxLength} characters`;
      return undefined;
  }
}

/** A list parameter's value: a JSON array of strings or a comma-separated list. */
export function listItems(value: string): string[] {
  const t = value.trim();
  if (t.startsWith('[')) {
    try {
      const arr: unknown = JSON.parse(t);
      if (Array.isArray(arr)) return arr.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    } catch {
      // not JSON: fall through to the comma-separated reading
    }
  }
  return t === '' ? [] : t.split(',').map((s) => s.trim());
}

/**
 * Validates a parameter's options, limits and default value against its type. Options must fit the type
 * too; a default must be one of the options (or labeled option values) when any are given.
 */
export function checkParameter(p: ParameterShape): void {
  const limits = parseLimits(p.limits);
  const options = [...(p.options ?? []), ...Object.values(p.labeledOptions ?? {})];
  for (const o of options) {
    const why = misfit(p.type, o, limits);
    if (why) throw new BadRequest(`option "${o}" ${why} for type ${p.type}`);
  }
  if (p.defaultValue === undefined) return;
  const values = p.isList ? listItems(p.defaultValue) : [p.defaultValue];
  for (const v of values) {
    const why = misfit(p.type, v, limits);
    if (why) throw new BadRequest(`defaultValue ${JSON.stringify(v)} ${why} for type ${p.type}`);
    if (options.length && !options.includes(v)) throw new BadRequest(`defaultValue ${JSON.stringify(v)} is not one of the options`);
  }
}

/** Every rule of an input parameter's shape: options, limits and default fit the type; Resource needs a target. */
export function checkInputParameter(
  p: Pick<InputParameterItem, 'type' | 'isList' | 'options' | 'labeledOptions' | 'limits' | 'defaultValue' | 'hasOptions' | 'dependentResourceId'>,
): void {
  checkParameter(p);
  if (p.hasOptions && !p.options?.length && !Object.keys(p.labeledOptions ?? {}).length) {
    throw new BadRequest('hasOptions needs options or labeledOptions');
  }
  if (p.type === 'Resource' && !p.dependentResourceId) throw new BadRequest('a Resource parameter needs dependentResourceId');
}

/** `current` with the fields given in `input` (names trimmed); fields left out are kept. */
export function withParameterChanges<T extends ParameterBase>(current: T, input: Partial<Record<string, unknown>>): T {
  const next = { ...current } as Record<string, unknown>;
  for (const [k, v] of Object.entries(input)) if (v !== undefined) next[k] = k === 'name' ? String(v).trim() : v;
  return next as T;
}

const baseView = (p: ParameterBase) => ({
  id: p.parameterId,
  serviceId: p.serviceId,
  resourceId: p.resourceId,
  key: p.key,
  name: p.name,
  description: p.description,
});

/** The describe view of an input parameter: every required field present. */
export function inputParameterView(p: InputParameterItem): z.input<typeof DescribeInputParameterResult> {
  return {
    ...baseView(p),
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
export function outputParameterView(p: OutputParameterItem): z.input<typeof DescribeOutputParameterResult> {
  return {
    ...baseView(p),
    ...(p.value ? { value: p.value } : {}),
    ...(p.valueRef ? { valueRef: p.valueRef } : {}),
    ...(p.valueType ? { valueType: p.valueType } : {}),
  };
}
