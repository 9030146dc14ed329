import { describe, expect, it } from 'vitest';
import { checkParameter, parameterType } from '#shared/domain/parameters.ts';

describe('input parameter rules', () => {
  it('canonicalizes types and refuses unknown ones', () => {
    expect(parameterType('float64')).toBe('Float64');
    expect(parameterType(' json ')).toBe('JSON');
    expect(() => parameterType('Integer')).toThrow('type must be one of String, Float64, Boolean, Password, Secret, JSON, Resource');
  });

  it('checks defaults against the type', () => {
    expect(() => checkParameter({ type: 'Float64', defaultValue: '2.5' })).not.toThrow();
    expect(() => checkParameter({ type: 'Float64', defaultValue: 'abc' })).toThrow('defaultValue "abc" is not a number for type Float64');
    expect(() => checkParameter({ type: 'Float64', defaultValue: '' })).toThrow('is not a number');
    expect(() => checkParameter({ type: 'Boolean', defaultValue: 'TRUE' })).not.toThrow();
    expect(() => checkParameter({ type: 'Boolean', defaultValue: 'yes' })).toThrow('must be true or false');
    expect(() => checkParameter({ type: 'JSON', defaultValue: '{"a":1}' })).not.toThrow();
    expect(() => checkParameter({ type: 'JSON', defaultValue: '{a:1}' })).toThrow('is not valid JSON');
    expect(() => checkParameter({ type: 'String', defaultValue: '' })).not.toThrow();
  });

  it('checks defaults against limits and options', () => {
    const limits = { min: '1', max: '10' };
    expect(() => checkParameter({ type: 'Float64', limits, defaultValue: '10' })).not.toThrow();
    expect(() => checkParameter({ type: 'Float64', limits, defaultValue: '11' })).toThrow('above the maximum 10');
    expect(() => checkParameter({ type: 'Float64', limits, defaultValue: '0.5' })).toThrow('below the minimum 1');
    expect(() => checkParameter({ type: 'String', limits: { minLength: '3', maxLength: '5' }, defaultValue: 'ab' })).toThrow('shorter than 3');
    expect(() => checkParameter({ type: 'Password', limits: { maxLength: '5' }, defaultValue: 'abcdef' })).toThrow('longer than 5');
    expect(() => checkParameter({ type: 'String', options: ['a', 'b'], defaultValue: 'c' })).toThrow('is not one of the options');
    expect(() => checkParameter({ type: 'String', labeledOptions: { Small: 't3.small' }, defaultValue: 't3.small' })).not.toThrow();
    expect(() => checkParameter({ type: 'Float64', options: ['1', 'x'] })).toThrow('option "x" is not a number');
  });

  it('refuses malformed limits', () => {
    expect(() => checkParameter({ type: 'Float64', limits: { min: 'low' } })).toThrow('limits.min must be a number');
    expect(() => checkParameter({ type: 'Float64', limits: { min: '5', max: '1' } })).toThrow('limits.min is greater than limits.max');
    expect(() => checkParameter({ type: 'String', limits: { maxLength: '-1' } })).toThrow('limits.maxLength');
  });

  it('checks every element of a list default', () => {
    expect(() => checkParameter({ type: 'Float64', isList: true, defaultValue: '1, 2,3' })).not.toThrow();
    expect(() => checkParameter({ type: 'Float64', isList: true, defaultValue: '["1","x"]' })).toThrow('defaultValue "x"');
  });
});
