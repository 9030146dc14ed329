/**
 * An operationId leads by name alone to everything that serves it (docs/decisions/005): its module
 * (`functions/<group>/<operation>.ts`, checked by the infra tests), its use case (an exported function
 * named camelCase(operationId) in shared/use-cases/), and its tests (a `describe('<OperationId>')`).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { operations } from '#functions/registry.ts';

const root = resolve(import.meta.dirname, '../..');
const walk = (d: string): string[] =>
  readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
const useCases = walk(join(root, 'shared/use-cases')).map((f) => readFileSync(f, 'utf8')).join('\n');
const tests = walk(join(root, 'test')).map((f) => readFileSync(f, 'utf8')).join('\n');
const camel = (id: string) => id[0].toLowerCase() + id.slice(1);
/** Health and version answer what the process knows; there is no use case to name. */
const withoutUseCase = new Set(['global-api']);

describe('findable from an operationId', () => {
  it('every operation has a use case named after it', () => {
    const missing = operations
      .filter((op) => !withoutUseCase.has(op.group))
      .filter((op) => !new RegExp(`export (async )?function ${camel(op.operationId)}\\b`).test(useCases))
      .map((op) => op.operationId);
    expect(missing).toEqual([]);
  });

  it("every operation's tests sit under a describe named after it", () => {
    const missing = operations.filter((op) => !tests.includes(`describe('${op.operationId}'`)).map((op) => op.operationId);
    expect(missing).toEqual([]);
  });
});
