/**
 * `npm run bench:checklist`: the construction checklist in ../shared/eval/checklist (invented sentences by English
 * construction, with gold). Runs the shared `run.sh` (total and one line per family), then checks the relations each
 * item lists under `absent` ("did not sign", "may join"): the last line says how many of them the graph holds, which
 * should be none.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Item {
  id: string;
  entities: Array<{ id: string; names: string[] }>;
  absent?: Array<{ source: string; relation: string; target: string }>;
}
interface GraphExport {
  nodes: Array<{ key: string; attributes: { label: string; aliases?: string[]; articles?: string[] } }>;
  edges: Array<{ source: string; target: string; attributes: { relation: string } }>;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const here = join(root, '..', 'shared', 'eval', 'checklist');
if (!existsSync(join(here, 'checklist.json'))) {
  console.error(`${here} not found (the checklist lives beside the project, in ../shared/eval/checklist)`);
  process.exit(2);
}

execFileSync('bash', [join(here, 'run.sh')], { cwd: root, stdio: 'inherit' });

// The same articles again, built once more for the graph itself (run.sh keeps its graph in a folder it removes).
const out = mkdtempSync(join(tmpdir(), 'newsgraph-checklist-'));
try {
  execFileSync('node', [join(here, 'to-articles.mjs'), join(here, 'checklist.json'), out], { stdio: 'ignore' });
  const articles = join(out, 'articles');
  if (!readdirSync(articles).length) throw new Error('no checklist articles written');
  execFileSync('node', [join(root, 'dist', 'cli', 'main.js'), 'build', articles, '--out', join(out, 'graph.json'), '--no-cache'], { cwd: root, stdio: 'ignore' });
  const graph = JSON.parse(readFileSync(join(out, 'graph.json'), 'utf8')) as GraphExport;
  const items = JSON.parse(readFileSync(join(here, 'checklist.json'), 'utf8')) as Item[];
  const norm = (s: string) => s.toLowerCase().replace(/^(the|a|an) /, '').replace(/[^\p{L}\p{N} ]/gu, '').replace(/\s+/g, ' ').trim();
  let produced = 0;
  let total = 0;
  for (const item of items) {
    const article = `k-${item.id}`;
    const nodesOf = (id: string): string[] => {
      const names = (item.entities.find((e) => e.id === id)?.names ?? []).map(norm);
      return graph.nodes
        .filter((n) => (n.attributes.articles ?? []).includes(article) && [n.attributes.label, ...(n.attributes.aliases ?? [])].some((x) => names.includes(norm(x))))
        .map((n) => n.key);
    };
    for (const a of item.absent ?? []) {
      total++;
      const sources = nodesOf(a.source);
      const targets = nodesOf(a.target);
      const symmetric = a.relation === 'met_with' || a.relation === 'related_to';
      const hit = graph.edges.some((e) => e.attributes.relation === a.relation &&
        ((sources.includes(e.source) && targets.includes(e.target)) || (symmetric && sources.includes(e.target) && targets.includes(e.source))));
      if (hit) {
        produced++;
        console.log(`absent but produced: ${item.id}: ${a.source} -${a.relation}-> ${a.target}`);
      }
    }
  }
  console.log(`absent relations produced: ${produced} of ${total}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
