/**
 * Graphs for the browser tests: the seeds built by the real CLI and a generated graph
 * with hand-made nodes whose expected rendering is known (an alias to search, an emoji-laden evidence span, a label
 * that is an HTML injection attempt, article nodes with metadata).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
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

/**
 * A small corpus of invented, dated articles from two publishers over three months, built into graph.json (and
 * co-mentions.json) by the real CLI in `workDir`. One sentence states an open relation ("acquired").
 */
export const SMALL_CORPUS: ReadonlyArray<{ file: string; date: string; publisher: string; text: string }> = [
  { file: 'h01.txt', date: '2024-01-08', publisher: 'Harbour Herald', text: 'Dam row reaches the council\n\nMayor Odile Brandt met with Councillor Piet Varga in Port Ellery on Monday.\n\nThe Norvale Water Board supports the Kestrel Dam project, Odile Brandt said.' },
  { file: 'h02.txt', date: '2024-01-15', publisher: 'Harbour Herald', text: 'Fishers object\n\nThe Coastal Fishers Union opposes the Kestrel Dam project.\n\nUnion leader Marta Quell called for an inquiry into the Norvale Water Board.' },
  { file: 'v01.txt', date: '2024-02-05', publisher: 'Valley Voice', text: 'Harbour deal signed\n\nPiet Varga signed the harbour agreement with the Port Ellery Council.\n\nMarta Quell and Odile Brandt spoke in Lindhaven.' },
  { file: 'v02.txt', date: '2024-02-19', publisher: 'Valley Voice', text: 'Tenants take sides\n\nThe Lindhaven Tenants Group supports Marta Quell.\n\nThe Port Ellery Council called on the Norvale Water Board to publish its accounts.' },
  { file: 'h03.txt', date: '2024-03-04', publisher: 'Harbour Herald', text: 'Board answers critics\n\nThe Norvale Water Board opposes the Coastal Fishers Union.\n\nGreta Holm of the Saltmarsh Trust visited Port Ellery with Ivo Renn.\n\nAtlas Shipping acquired Meridian Freight last year.' },
  { file: 'v03.txt', date: '2024-03-25', publisher: 'Valley Voice', text: 'Inquiry opens\n\nIvo Renn supports the inquiry.\n\nThe Saltmarsh Trust called on Odile Brandt to halt the Kestrel Dam project.' },
];

export function buildSmallCorpus(workDir: string): string {
  const cli = join(ROOT, 'dist', 'cli', 'main.js');
  if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing (run `npm run build:lib`)');
  const dir = join(workDir, 'articles');
  mkdirSync(dir, { recursive: true });
  for (const a of SMALL_CORPUS) writeFileSync(join(dir, a.file), ` date ${a.date} ${a.publisher}\n\n${a.text}\n`);
  const out = join(workDir, 'graph', 'graph.json');
  execFileSync(process.execPath, [cli, 'build', dir, '--out', out], { cwd: workDir, stdio: 'pipe', timeout: 300_000 });
  return out;
}
