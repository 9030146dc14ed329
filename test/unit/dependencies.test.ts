import { describe, expect, it } from 'vitest';
import { checkDependencies, dependentsOf, graphOf } from '#shared/domain/dependencies.ts';

const g = graphOf([
  { id: 'a', label: 'A', dependsOn: ['b'] },
  { id: 'b', label: 'B', dependsOn: ['c'] },
  { id: 'c', label: 'C', dependsOn: [] },
  { id: 'd', label: 'D', dependsOn: ['c'] },
]);

describe('dependency graph', () => {
  it('accepts edges that keep it acyclic and reports what the verdict relied on', () => {
    const v = checkDependencies(g, 'd', ['b']);
    expect(v.relied.sort()).toEqual(['b', 'c']);
    expect(checkDependencies(g, 'a', ['d', 'c']).relied.sort()).toEqual(['c', 'd']);
  });

  it('names the cycle it refuses', () => {
    expect(() => checkDependencies(g, 'c', ['a'])).toThrow('dependency would create a cycle: C → A → B → C');
    expect(() => checkDependencies(g, 'b', ['b'])).toThrow('cannot depend on itself');
  });

  it('refuses targets outside the graph (another tier or service)', () => {
    expect(() => checkDependencies(g, 'a', ['zz'])).toThrow('not a resource of the same product tier');
  });

  it('lists direct dependents', () => {
    expect(dependentsOf(g, 'c')).toEqual(['b', 'd']);
    expect(dependentsOf(g, 'a')).toEqual([]);
  });
});
