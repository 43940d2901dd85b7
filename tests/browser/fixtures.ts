/**
 * Graphs for the browser tests: the seeds built by the real CLI and a generated graph
 * with hand-made nodes whose expected rendering is known (an alias to search, an emoji-laden evidence span, a label
 * that is an HTML injection attempt, article nodes with metadata).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeGraph } from '../../src/graph/io.js';
import { KINDS, RELATIONS, type Evidence, type EntityKind, type RelationId } from '../../src/schema/index.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { ROOT } from '../../bench/lib/viewer-page.js';
import { builtFile } from '../helpers/required-tools.js';

export const XSS_LABEL = '<img src=x onerror=alert(1)>';
export const XSS_ALIAS = '<script>alert(2)</script>';

export const CRAFTED = {
  zoe: 'person:zoe ndlovu',
  trust: 'organisation:harbour trust',
  xss: 'person:xss',
  edge: 'person:zoe ndlovu->opposes->organisation:harbour trust',
  xssEdge: 'person:xss->met_with->person:zoe ndlovu',
  alias: 'Minister Ndlovu',
  label: 'Zoë Ndlovu',
  sentence: 'Zoë Ndlovu 🙂 criticised the Harbour Trust 🚢 on Monday.',
  cited: 'Ndlovu 🙂 criticised the Harbour Trust 🚢',
  article: { id: 'article-0', title: 'Storm over the harbour 🌊', date: '2024-03-02', publisher: 'Coast Daily' },
} as const;

function evidenceIn(body: string, sentence: string, cited: string, article: string): Evidence {
  const sentenceStart = body.indexOf(sentence);
  const start = body.indexOf(cited, sentenceStart);
  if (sentenceStart < 0 || start < 0) throw new Error('fixture: span not in body');
  return { article, sentence, sentenceStart, start, end: start + cited.length };
}

/** A synthetic graph of `nodes`/`edges` plus the crafted nodes above, written to `path`. */
export function writeGeneratedGraph(path: string, nodes: number, edges: number): void {
  const graph = syntheticGraph({ nodes, edges, seed: 11 });
  const node = (key: string, label: string, kind: EntityKind, aliases: string[], extra: object = {}) =>
    graph.addNode(key, { label, kind, aliases, articles: ['article-0'], mentions: 2, x: 500, y: 500, size: 3, color: KINDS[kind].color, ...extra });
  node(CRAFTED.zoe, CRAFTED.label, 'person', [CRAFTED.label, CRAFTED.alias, 'Ndlovu'].sort(), { x: 1150, y: 520 });
  node(CRAFTED.trust, 'Harbour Trust 🚢', 'organisation', ['Harbour Trust 🚢', 'the Trust'], { x: 1230, y: 460 });
  node(CRAFTED.xss, XSS_LABEL, 'person', [XSS_ALIAS, XSS_LABEL].sort(), { x: 1190, y: 610 });
  for (let i = 0; i < 3; i++) {
    const meta = i === 0 ? CRAFTED.article : { id: `article-${i}`, title: `Harbour report ${i}`, date: `2024-0${i + 3}-01`, publisher: 'Port News' };
    graph.addNode(`document:article:${meta.id}`, {
      label: meta.title, kind: 'document', category: 'article', aliases: [meta.title], articles: [meta.id], mentions: 0,
      x: 100 * i, y: 50, size: 3, color: KINDS.document.color, title: meta.title, date: meta.date, publisher: meta.publisher, file: `${meta.id}.txt`,
    });
  }
  const body = `Intro 🙂 line. ${CRAFTED.sentence} <b>Not bold</b> met Zoë Ndlovu. End.`;
  const edge = (key: string, source: string, target: string, relation: RelationId, evidence: Evidence[]) =>
    graph.addEdgeWithKey(key, source, target, { relation, label: RELATIONS[relation].label, evidence, weight: evidence.length, confidence: 0.8 });
  edge(CRAFTED.edge, CRAFTED.zoe, CRAFTED.trust, 'opposes', [evidenceIn(body, CRAFTED.sentence, CRAFTED.cited, 'article-0')]);
  edge(CRAFTED.xssEdge, CRAFTED.xss, CRAFTED.zoe, 'met_with', [evidenceIn(body, '<b>Not bold</b> met Zoë Ndlovu.', '<b>Not bold</b> met Zoë Ndlovu', 'article-0')]);
  // They sit beside the random cloud (0-1000) so pointing at them hits them; a few links tie them to it.
  const others = graph.nodes().slice(0, 4);
  others.forEach((other, i) => edge(`${CRAFTED.zoe}->related_to->${other}`, CRAFTED.zoe, other, 'related_to', [{ article: 'article-0', sentence: `Zoë Ndlovu and item ${i}.`, start: 0, end: 20 }]));
  writeGraph(graph, path);
}

/**
 * Builds graph.json from seeds/ with the real CLI (dist/cli/main.js build), in a scratch folder so the repository's
 * graph/ is not touched. A missing build or a build that fails is an error (npm test builds dist/ first).
 */
export function buildSeedsGraph(workDir: string): string {
  // A graph already built from the seeds (e.g. graph/graph.json) can be given instead, to iterate on the viewer
  // while the pipeline is being changed.
  const given = process.env.NEWSGRAPH_SEEDS_GRAPH;
  if (given) return given;
  const cli = builtFile('dist/cli/main.js');
  mkdirSync(workDir, { recursive: true });
  cpSync(join(ROOT, 'seeds'), join(workDir, 'seeds'), { recursive: true });
  execFileSync(process.execPath, [cli, 'build'], { cwd: workDir, stdio: 'pipe', timeout: 600_000 });
  const path = join(workDir, 'graph', 'graph.json');
  if (!existsSync(path)) throw new Error(`newsgraph build ran in ${workDir} but wrote no graph/graph.json`);
  return path;
}
