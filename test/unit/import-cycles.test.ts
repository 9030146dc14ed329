/**
 * Imports point one way (docs/decisions/005): no import cycle among the project's sources, type-only imports
 * included (a type-only cycle still ties two layers together). Imports are read with TypeScript's own
 * pre-processor, so `import type`, re-exports and dynamic imports all count.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');
const subpaths = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).imports as Record<string, string>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : sources(p);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  let target: string | undefined;
  if (spec.startsWith('.')) target = resolve(dirname(from), spec);
  for (const [pattern, to] of Object.entries(subpaths)) {
    if (pattern.endsWith('/*') && spec.startsWith(pattern.slice(0, -1))) target = join(root, to.replace('*', spec.slice(pattern.length - 1)));
  }
  if (!target) return undefined; // a package
  return [target, `${target}.ts`, join(target, 'index.ts')].find((c) => existsSync(c) && statSync(c).isFile());
}

/** Every cycle (strongly connected component of more than one file, or a file importing itself). */
export function importCycles(files: string[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
    graph.set(f, importedFiles.map((i) => resolveImport(f, i.fileName)).filter((x): x is string => !!x));
  }
  // Tarjan's algorithm, iterative enough for a few hundred files.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.map((c) => relative(root, c)).sort());
    }
  };
  for (const f of graph.keys()) if (!idx.has(f)) visit(f);
  return cycles;
}

describe('import graph', () => {
  it('has no cycle among functions/, shared/, infra/, bench/ and test/support/', () => {
    const files = ['functions', 'shared', 'infra', 'bench', 'test/support'].flatMap((d) => sources(join(root, d)));
    expect(files.length).toBeGreaterThan(100);
    expect(importCycles(files)).toEqual([]);
  });

  it('finds a cycle when there is one (type-only imports included)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(root, 'test', '.cycle-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.ts';\nexport type A = B;\n");
      writeFileSync(join(dir, 'b.ts'), "import { a } from './c.ts';\nexport type B = string;\nexport const b = a;\n");
      writeFileSync(join(dir, 'c.ts'), "export type { A } from './a.ts';\nexport const a = 1;\n");
      writeFileSync(join(dir, 'd.ts'), "import { a } from './c.ts';\nexport const d = a;\n");
      const cycles = importCycles(['a.ts', 'b.ts', 'c.ts', 'd.ts'].map((f) => join(dir, f)));
      expect(cycles).toHaveLength(1);
      expect(cycles[0].map((f) => f.split('/').pop())).toEqual(['a.ts', 'b.ts', 'c.ts']);
    } finally {
      (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    }
  });
});
