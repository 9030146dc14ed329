/** The pure diff of two tier definitions (shared/domain/pending-changes.ts). */
import { describe, expect, it } from 'vitest';
import {
  assertAnswerable,
  changedFields,
  diffTierDefinitions,
  keyedChanges,
  MAX_VALUE_CHARS,
  shown,
  type DefinitionOfTier,
} from '#shared/domain/pending-changes.ts';
import { canonicalJson } from '#shared/domain/canonical-json.ts';

const tier = (over: Record<string, unknown> = {}) =>
  ({ productTierId: 'pt-1', serviceId: 's-1', serviceModelId: 'sm-1', name: 'Standard', key: 'standard', description: 'd', planDescription: '', tierType: 'CUSTOM', features: {}, ...over }) as never;

const resource = (id: string, over: Record<string, unknown> = {}) =>
  ({
    resourceId: id, serviceId: 's-1', productTierId: 'pt-1', name: id.toUpperCase(), key: id, description: '', resourceType: 'Generic', internal: false,
    isDeprecated: false, dependencies: [], actionHooks: [], capabilities: [], environmentVariables: [], ...over,
  }) as never;

const param = (id: string, over: Record<string, unknown> = {}) =>
  ({ parameterId: id, serviceId: 's-1', resourceId: 'a', key: id, name: id, description: '', type: 'String', required: false, modifiable: true, hasOptions: false, isList: false, ...over }) as never;

const def = (t: never, resources: { r: never; inputs?: never[] }[]): DefinitionOfTier => ({
  tier: t,
  resources: resources.map(({ r, inputs }) => ({ resource: r, inputParameters: inputs ?? [], outputParameters: [], files: [] })),
});

describe('diffTierDefinitions', () => {
  it('answers nothing for equal definitions, whatever the bookkeeping', () => {
    const a = def(tier(), [{ r: resource('a', { version: 1, referencedBy: [] }) }]);
    const b = def(tier({ version: 9 }), [{ r: resource('a', { version: 4, referencedBy: ['x'], inputParameterCount: 3 }) }]);
    expect(diffTierDefinitions(a, b)).toEqual({});
  });

  it('before any release, the tier and every resource are new', () => {
    const sets = diffTierDefinitions(undefined, def(tier({ features: { LOGS: { scope: '', configuration: {} } } }), [{ r: resource('a'), inputs: [param('p')] }]));
    expect(Object.keys(sets)).toEqual(['pt-1', 'a']);
    expect(sets['pt-1']).toMatchObject({ resourceChanges: 'PENDING_NEW', productTierFeatureChanges: 'PENDING_NEW' });
    expect(sets.a.resourceChanges).toBe('PENDING_NEW');
    expect((sets.a.categorizedResourceChanges as any).inputParameters.changes[0]).toMatchObject({ name: 'p', changeType: 'PENDING_NEW' });
  });

  it('shows a field change with its old and new values, and tells deprecation, deletion and children apart', () => {
    const was = def(tier(), [{ r: resource('a') }, { r: resource('b') }, { r: resource('c'), inputs: [param('p', { defaultValue: '1' })] }]);
    const now = def(tier(), [{ r: resource('a', { description: 'new' }) }, { r: resource('c'), inputs: [param('p', { defaultValue: '2' })] }, { r: resource('d', { isDeprecated: true }) }]);
    now.resources[0].resource = resource('a', { description: 'new', isDeprecated: true });
    const sets = diffTierDefinitions(was, now);
    expect(Object.keys(sets)).toEqual(['a', 'c', 'd', 'b']);
    expect(sets.a.resourceChanges).toBe('PENDING_DEPRECATE');
    expect((sets.a.categorizedResourceChanges as any).resource.changes.map((c: any) => c.name)).toEqual(['description', 'isDeprecated']);
    expect(sets.b.resourceChanges).toBe('PENDING_DELETE');
    expect(sets.c.resourceChanges).toBe('ACTIVE');
    expect((sets.c.categorizedResourceChanges as any).inputParameters.changes[0].attributes).toMatchObject({ changed: 'defaultValue', old: '{"defaultValue":"1"}', new: '{"defaultValue":"2"}' });
    expect(sets.d.resourceChanges).toBe('PENDING_NEW');
  });

  it('lists feature changes on the tier entry', () => {
    const was = def(tier({ features: { A: { scope: '', configuration: { x: 1 } }, B: { scope: '', configuration: {} } } }), []);
    const now = def(tier({ features: { A: { scope: '', configuration: { x: 2 } }, C: { scope: 'INTERNAL', configuration: {} } } }), []);
    const set = diffTierDefinitions(was, now)['pt-1'] as any;
    expect(set.resourceChanges).toBe('ACTIVE');
    expect(set.productTierFeatureChanges).toBe('PENDING_UPDATE');
    expect(set.categorizedResourceChanges.productTierFeatures.changes.map((c: any) => [c.name, c.changeType])).toEqual([
      ['A', 'PENDING_UPDATE'],
      ['C', 'PENDING_NEW'],
      ['B', 'PENDING_DELETE'],
    ]);
  });
});

describe('rendering and bounds', () => {
  it('renders JSON with sorted keys and cuts long values, saying how much was left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
    const long = shown('x'.repeat(5000));
    expect(long.length).toBeLessThan(MAX_VALUE_CHARS + 40);
    expect(long).toMatch(/… \(3978 more characters\)$/);
  });

  it('keyed changes and changed fields', () => {
    expect(changedFields({ a: 1, b: 2 }, { a: 1, c: 3 })).toEqual(['b', 'c']);
    const k = { id: (x: { id: string }) => x.id, label: (x: { id: string }) => x.id, view: (x: object) => ({ ...x }), attributes: () => ({}) };
    expect(keyedChanges([{ id: 'a' }], [{ id: 'a' }], k)).toEqual([]);
  });

  it('refuses (409) an answer over the byte budget', () => {
    const sets = diffTierDefinitions(undefined, def(tier(), [{ r: resource('a', { description: 'y'.repeat(900) }) }]));
    expect(() => assertAnswerable(sets, 500)).toThrow(/pending changes take \d+ KB/);
    expect(() => assertAnswerable(sets)).not.toThrow();
  });
});
