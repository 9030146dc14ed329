/**
 * An operation leads by its identity alone to everything that serves it (docs/decisions/005 and 010): its module
 * (`functions/<group>/<operation>.ts`, a Fleet API one under `functions/fleet/`, checked by the infra tests), its
 * use case (an exported function named camelCase(operationId) in shared/use-cases/), and its tests (a
 * `describe` named after it). operationIds repeat across groups and contracts (users-api#InviteUser and
 * consumption-user-api#InviteUser; subscription-api#DescribeSubscription and inventory-api#DescribeSubscription):
 * a repeated name's use case must sit in its own group's module, and its describe names the group
 * (`describeName`), so neither can be mistaken for the other's.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { operations } from '#functions/registry.ts';
import { describeName, groupHome, operationKey, useCaseName } from '#shared/registry/identity.ts';

const root = resolve(import.meta.dirname, '../..');
const walk = (d: string): string[] =>
  readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
const useCaseFiles = walk(join(root, 'shared/use-cases')).map((f) => ({ file: relative(root, f), text: readFileSync(f, 'utf8') }));
const tests = walk(join(root, 'test')).map((f) => readFileSync(f, 'utf8')).join('\n');
/** Health and version answer what the process knows; there is no use case to name. */
const withoutUseCase = new Set(['global-api']);

const exports = (text: string, name: string) => new RegExp(`export (async )?function ${name}\\b`).test(text);
/** The use-case module(s) of an operation's group: `shared/use-cases/<home>.ts` or anything under `<home>/`. */
const inHome = (file: string, home: string) => file === `shared/use-cases/${home}.ts` || file.startsWith(`shared/use-cases/${home}/`);
const repeated = (op: (typeof operations)[number]) => operations.filter((o) => o.operationId === op.operationId).length > 1;

describe('findable from an operation identity', () => {
  it('every operation has a use case named after it; a repeated name has it in its own group home', () => {
    const missing = operations
      .filter((op) => !withoutUseCase.has(op.group))
      .filter((op) => !useCaseFiles.some((f) => (!repeated(op) || inHome(f.file, groupHome(op))) && exports(f.text, useCaseName(op.operationId))))
      .map((op) => `${operationKey(op)} (shared/use-cases/${groupHome(op)}${repeated(op) ? '' : ' or anywhere'})`);
    expect(missing).toEqual([]);
  });

  it("every operation's tests sit under a describe named after it (the group too where the name repeats)", () => {
    const missing = operations.filter((op) => !tests.includes(`describe('${describeName(op, operations)}'`)).map((op) => describeName(op, operations));
    expect(missing).toEqual([]);
  });

  it('a repeated name is never described bare, so its tests cannot pass for the other operation', () => {
    const bare = [...new Set(operations.filter(repeated).map((op) => op.operationId))].filter((id) => tests.includes(`describe('${id}'`));
    expect(bare).toEqual([]);
  });
});
