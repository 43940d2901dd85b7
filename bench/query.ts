/**
 * Query latency on a large graph: `npm run bench:query [-- --nodes N --edges M]`.
 *
 * Generates a synthetic graph (bench/lib/synthetic-graph.ts, default 100k nodes and 500k edges), writes it as
 * graph.json to a temp folder, loads it back with loadGraph, then times neighbours (depth 1 and 2, 1,000 random
 * entities), path (100 random pairs), findEntity (exact labels and misspelt ones) and search. Prints medians and
 * p99; the target is depth-1 neighbours at or under 1 ms median. `--exports` also times each export format.
 * No assertions: numbers only.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadGraph, writeGraph } from '../src/graph/io.js';
import { findEntity, neighbours, path, search } from '../src/query/index.js';
import { EXPORT_FORMATS, exportGraph } from '../src/export/index.js';
import { seededRandom, syntheticGraph } from './lib/synthetic-graph.js';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '100000' },
    edges: { type: 'string', default: '500000' },
    seed: { type: 'string', default: '42' },
    exports: { type: 'boolean', default: false },
  },
});
const NODES = Number(values.nodes);
const EDGES = Number(values.edges);
const rand = seededRandom(Number(values.seed));

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function report(name: string, samples: number[], extra = ''): void {
  const s = [...samples].sort((a, b) => a - b);
  const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
  console.log(`${name.padEnd(34)} median ${fmt(quantile(s, 0.5)).padStart(9)}   p99 ${fmt(quantile(s, 0.99)).padStart(9)}   max ${fmt(s[s.length - 1]!).padStart(9)}   n=${s.length}${extra ? `   ${extra}` : ''}`);
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const result = fn();
  return [result, performance.now() - t];
}

function misspell(label: string): string {
  // One substitution inside the first long word, as a user's typo would.
  const words = label.split(' ');
  const i = words.findIndex((w) => w.length > 4);
  if (i < 0) return label;
  const w = words[i]!;
  const at = 1 + Math.floor(rand() * (w.length - 2));
  words[i] = `${w.slice(0, at)}${w[at] === 'e' ? 'a' : 'e'}${w.slice(at + 1)}`;
  return words.join(' ');
}

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-bench-query-'));
try {
  console.log(`newsgraph query bench: ${NODES.toLocaleString('en')} nodes, ${EDGES.toLocaleString('en')} edges (node ${process.version})`);
  const [generated, genMs] = time(() => syntheticGraph({ nodes: NODES, edges: EDGES, seed: Number(values.seed) }));
  console.log(`generate                           ${(genMs / 1000).toFixed(1)} s (${generated.order} nodes, ${generated.size} edges)`);
  const file = join(dir, 'graph.json');
  const [, writeMs] = time(() => writeGraph(generated, file));
  console.log(`write graph.json                   ${(writeMs / 1000).toFixed(1)} s (${(statSync(file).size / 1e6).toFixed(0)} MB)`);

  const [graph, loadMs] = time(() => loadGraph(file));
  console.log(`loadGraph                          ${(loadMs / 1000).toFixed(2)} s`);
  const keys = graph.nodes();
  const pick = () => keys[Math.floor(rand() * keys.length)]!;

  // Warm-up so the JIT has compiled the hot paths before timing.
  for (let i = 0; i < 200; i++) neighbours(graph, pick());

  for (const depth of [1, 2]) {
    const samples: number[] = [];
    let edges = 0;
    for (let i = 0; i < 1000; i++) {
      const [r, ms] = time(() => neighbours(graph, pick(), { depth }));
      samples.push(ms);
      edges += r.edges.length;
    }
    report(`neighbours depth ${depth} (key)`, samples, `mean ${(edges / 1000).toFixed(1)} edges`);
  }

  {
    const samples: number[] = [];
    let found = 0;
    let hops = 0;
    for (let i = 0; i < 100; i++) {
      const [r, ms] = time(() => path(graph, pick(), pick()));
      samples.push(ms);
      if (r) {
        found++;
        hops += r.length;
      }
    }
    report('path (random pairs, max depth 6)', samples, `${found} found, mean length ${(hops / Math.max(1, found)).toFixed(1)}`);
  }

  const [, indexMs] = time(() => findEntity(graph, graph.getNodeAttribute(pick(), 'label')));
  console.log(`findEntity first call (index)      ${indexMs.toFixed(0)} ms`);
  for (const [name, query] of [
    ['findEntity exact label', (key: string) => graph.getNodeAttribute(key, 'label')],
    ['findEntity misspelt label', (key: string) => misspell(graph.getNodeAttribute(key, 'label'))],
  ] as const) {
    const samples: number[] = [];
    let top = 0;
    for (let i = 0; i < 200; i++) {
      const key = pick();
      const q = query(key);
      const [r, ms] = time(() => findEntity(graph, q));
      samples.push(ms);
      if (r[0]?.node.key === key) top++;
    }
    report(name, samples, `right node first in ${top}/200`);
  }
  {
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const label = graph.getNodeAttribute(pick(), 'label');
      samples.push(time(() => neighbours(graph, label))[1]);
    }
    report('neighbours depth 1 (by label)', samples);
  }
  {
    const [, firstMs] = time(() => search(graph, 'protest'));
    console.log(`search first call (evidence index) ${firstMs.toFixed(0)} ms`);
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const word = graph.getNodeAttribute(pick(), 'label').split(' ')[0]!;
      samples.push(time(() => search(graph, word))[1]);
    }
    report('search (one word)', samples);
  }
  if (values.exports) {
    // Each format as one string, as the library returns it: time and size on this graph.
    for (const format of EXPORT_FORMATS) {
      const [result, ms] = time(() => exportGraph(graph, format));
      const chars = result.kind === 'single' ? result.text.length : Object.values(result.files).reduce((n, t) => n + t.length, 0);
      console.log(`export ${format.padEnd(28)}${(ms / 1000).toFixed(1)} s, ${(chars / 1e6).toFixed(0)} M characters`);
    }
  }
  console.log(`heap used after the run            ${(process.memoryUsage().heapUsed / 1e9).toFixed(2)} GB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
