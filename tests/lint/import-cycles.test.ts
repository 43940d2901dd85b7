/**
 * Imports run one way: no module of src/ or viewer/src/ reaches itself through its imports, types included. New
 * modules are checked as they are added, whatever their folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-cycles.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'newsgraph-cycles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, 'p-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('the import cycle finder', () => {
  it('finds a cycle of types one way and functions the other, one through a re-export and a dynamic import, and a self-import', () => {
    const dir = project({
      'graph/io.ts': "import { draftOf } from './draft.js';\nexport type Graph = { order: number };\nexport const read = () => draftOf();\n",
      'graph/draft.ts': "import type { Graph } from './io.js';\nexport const draftOf = (g?: Graph) => g;\n",
      'a/one.ts': "export { two } from './two.js';\n",
      'a/two.ts': "export const two = async () => (await import('../b/three.js')).three;\n",
      'b/three.ts': "import { two } from '../a/index.js';\nexport const three = two;\n",
      'a/index.ts': "export * from './one.js';\n",
      'self.ts': "import * as me from './self.js';\nexport const x = me;\n",
      'leaf.ts': "import { read } from './graph/io.js';\nimport { readFileSync } from 'node:fs';\nimport ts from 'typescript';\nexport const y = [read, readFileSync, ts];\n",
    });
    const graph = importGraph(dir);
    expect(graph.get('leaf.ts')).toEqual(['graph/io.ts']);
    expect(importCycles(graph)).toEqual([
      { modules: ['a/index.ts', 'a/one.ts', 'a/two.ts', 'b/three.ts'], example: ['a/index.ts', 'a/one.ts', 'a/two.ts', 'b/three.ts', 'a/index.ts'] },
      { modules: ['graph/draft.ts', 'graph/io.ts'], example: ['graph/draft.ts', 'graph/io.ts', 'graph/draft.ts'] },
      { modules: ['self.ts'], example: ['self.ts', 'self.ts'] },
    ]);
  });

  it('finds none where imports run one way', () => {
    const dir = project({
      'types.ts': 'export type Graph = { order: number };\n',
      'io.ts': "import type { Graph } from './types.js';\nimport { draftOf } from './draft.js';\nexport const read = (g: Graph) => draftOf(g);\n",
      'draft.ts': "import type { Graph } from './types.js';\nexport const draftOf = (g: Graph) => g;\n",
    });
    expect(importCycles(importGraph(dir))).toEqual([]);
  });
});

describe.each(['src', 'viewer/src'])('%s', (folder) => {
  it('has no import cycle', () => {
    const graph = importGraph(join(ROOT, folder));
    // The finder saw the folder's imports: far more than one module, importing one another.
    const imports = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
    expect(graph.size).toBeGreaterThan(20);
    expect(imports).toBeGreaterThan(graph.size);
    const cycles = importCycles(graph).map((c) => `${c.modules.join(', ')} (${c.example.join(' -> ')})`);
    expect(cycles, 'modules that import each other: move what they share to a module both can import').toEqual([]);
  });
});
