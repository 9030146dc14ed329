/** The key module: guard scopes and sort-key tags can never collide, so no kind of value reserves another. */
import { describe, expect, it } from 'vitest';
import { GUARD_SCOPE, keys, TREE } from '#shared/data/keys.ts';

describe('keys', () => {
  it('every guard scope is distinct, and none is a prefix of another', () => {
    const scopes = Object.values(GUARD_SCOPE);
    expect(new Set(scopes).size).toBe(scopes.length);
    for (const a of scopes) for (const b of scopes) if (a !== b) expect(`${b}#`.startsWith(`${a}#`), `${a} / ${b}`).toBe(false);
  });

  it('sort-key tags of the service tree are distinct and never shaped like a guard', () => {
    const tags = Object.values(TREE);
    expect(new Set(tags).size).toBe(tags.length);
    for (const t of tags) expect(t).not.toBe('UNIQUE');
  });

  it('the same value under different scopes or parents gets different guard keys', () => {
    const svc = 's-1';
    const built = [
      keys.environmentNameGuard(svc, 'x'),
      keys.environmentKeyGuard(svc, 'x'),
      keys.serviceApiOfEnvironmentGuard(svc, 'x'),
      keys.serviceModelKeyGuard(svc, 'p', 'x'),
      keys.tierKeyGuard(svc, 'p', 'x'),
      keys.resourceNameGuard(svc, 'p', 'x'),
      keys.resourceKeyGuard(svc, 'p', 'x'),
      keys.inputParameterKeyGuard(svc, 'p', 'x'),
      keys.outputParameterKeyGuard(svc, 'p', 'x'),
      keys.fileMountPathGuard(svc, 'p', 'x'),
      keys.resourceKeyGuard(svc, 'q', 'x'),
    ].map((k) => `${k.pk}|${k.sk}`);
    expect(new Set(built).size).toBe(built.length);
    const org = [keys.serviceNameGuard('o', 'x'), keys.serviceKeyGuard('o', 'x'), keys.deploymentConfigNameGuard('o', 'x')].map((k) => k.sk);
    expect(new Set(org).size).toBe(3);
  });

  it('a guard range finds exactly the guards whose value starts with the base', () => {
    const range = keys.serviceKeyGuardsStartingWith('o', 'my-sql');
    expect(keys.serviceKeyGuard('o', 'my-sql-2').sk.startsWith(range.prefix!)).toBe(true);
    expect(keys.serviceNameGuard('o', 'my-sql').sk.startsWith(range.prefix!)).toBe(false);
  });
});
