/**
 * How long one CLI call takes on a small graph, as a script that calls the query commands over and over sees it:
 * `npm run bench:cli [-- --runs 11]`. Each command runs as a real child process of the compiled CLI (dist/, built
 * first), alternating with a bare `node` start so the machine's load shows in both. Prints medians and ranges.
 * No target: numbers only (a query on a small graph is mostly Node starting and loading modules).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeGraph } from '../src/graph/io.js';
import { repoRoot, requireBuiltDist } from './lib/dist.js';
import { syntheticGraph } from './lib/synthetic-graph.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '11' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('bench/cli-start: --runs must be a positive integer');
  process.exit(2);
}
requireBuiltDist('bench/cli-start');

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-cli-bench-'));
const graph = join(dir, 'graph.json');
const small = syntheticGraph({ nodes: 300, edges: 1200, seed: 7 });
writeGraph(small, graph);
const someLabel = String(small.getNodeAttribute(small.nodes()[0]!, 'label'));
const cli = join(repoRoot, 'dist', 'cli', 'main.js');

const commands: Record<string, string[]> = {
  'node -e 0 (Node alone)': ['-e', '0'],
  'newsgraph --version': [cli, '--version'],
  'newsgraph search --json': [cli, 'search', someLabel, '--in', graph, '--json'],
  'newsgraph neighbours --json': [cli, 'neighbours', someLabel, '--in', graph, '--json'],
  'newsgraph stats': [cli, 'stats', '--in', graph],
};
const times = new Map<string, number[]>(Object.keys(commands).map((name) => [name, []]));
try {
  for (let r = 0; r < runs; r++) {
    for (const [name, args] of Object.entries(commands)) {
      const started = performance.now();
      const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
      const ms = performance.now() - started;
      // Exit 1 is "nothing found", still a full run of the command; anything else means the bench is wrong.
      if (result.status !== 0 && result.status !== 1) throw new Error(`${name} exited with ${result.status}: ${result.stderr}`);
      times.get(name)!.push(ms);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const summary: Record<string, number> = {};
console.log(`one call each, ${runs} rounds, on a graph of ${small.order} nodes and ${small.size} edges:`);
for (const [name, samples] of times) {
  const s = [...samples].sort((a, b) => a - b);
  const median = s[s.length >> 1]!;
  summary[name] = Math.round(median);
  console.log(`  ${name.padEnd(30)} median ${median.toFixed(0).padStart(4)} ms   range ${s[0]!.toFixed(0)}–${s[s.length - 1]!.toFixed(0)} ms`);
}
console.log(JSON.stringify(summary));
