/**
 * GraphFile reads graph.json as bytes so an incremental rebuild can splice it. fast-check draws small graphs with
 * awkward keys and random edits: the spliced pieces must be byte for byte what serializeGraph writes for the edited
 * graph, find() must land on each record, and positions must come back exactly, from every real file written here.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphFile } from '../../src/graph/graph-file.js';
import { GRAPH_FILE, createNewsGraph, serializeGraph, writeGraph, type NewsGraph } from '../../src/graph/io.js';
import { KINDS, RELATIONS, RELATION_IDS, SCHEMA_VERSION, type EdgeAttrs, type NodeAttrs } from '../../src/schema/index.js';
import { syntheticGraph } from '../../bench/lib/synthetic-graph.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Key pieces that trip a hand-written reader: JSON escapes, the file's own separators, non-ASCII, the edge arrow. */
const ODD = ['"', '\\', ',', '],', '->', '}}', '\n', '{"key":', 'é', '日本', '😀', '\u0000', '\ud800', ' ', 'a', 'z', '~'];
const key = fc.array(fc.oneof(fc.constantFrom(...ODD), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 4 }).map((p) => p.join(''));
// -0 is left out: JSON writes it as 0, so no file can carry it.
const coord = fc.oneof(
  fc.constantFrom(1e21, -0.5, 5e-7, -1e-7, 0, Number.MAX_VALUE, -Number.MIN_VALUE, 123456789.125),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)),
);
// A `z` attribute sorts after `y`, so that record does not end with its position and is read through the full parse.
const nodeAttrs = fc.record({ x: coord, y: coord, size: fc.integer({ min: 1, max: 30 }), mentions: fc.nat(9), label: key, z: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: key, weight: 1 }) })
  .map(({ z, ...a }) => ({ ...a, kind: 'person', color: KINDS.person.color, aliases: [a.label], articles: ['a-1'], ...(z === undefined ? {} : { z }) }) as NodeAttrs);
const edgeAttrs = fc.record({ r: fc.nat(RELATION_IDS.length - 1), weight: fc.integer({ min: 1, max: 5 }), confidence: fc.double({ min: 0, max: 1, noNaN: true }), sentence: key })
  .map(({ r, weight, confidence, sentence }): EdgeAttrs => {
    const relation = RELATION_IDS[r]!;
    return { relation, label: RELATIONS[relation].label, weight, confidence, evidence: [{ article: 'a-1', sentence, start: 0, end: sentence.length }] };
  });
const newEdge = fc.record({ key, s: fc.nat(), t: fc.nat(), attrs: edgeAttrs });
type NewEdge = { key: string; s: number; t: number; attrs: EdgeAttrs };
const draft = fc.record({
  nodes: fc.uniqueArray(fc.tuple(key, nodeAttrs), { maxLength: 30, size: 'medium', selector: ([k]) => k }),
  edges: fc.array(newEdge, { maxLength: 60, size: 'medium' }),
});
type Draft = { nodes: [string, NodeAttrs][]; edges: NewEdge[] };

/** Adds an edge between two distinct nodes picked by index, unless the key is taken or there are fewer than two. */
function addEdge(graph: NewsGraph, e: NewEdge): boolean {
  const keys = graph.nodes();
  if (keys.length < 2 || graph.hasEdge(e.key)) return false;
  const s = e.s % keys.length;
  graph.addEdgeWithKey(e.key, keys[s]!, keys[(s + 1 + (e.t % (keys.length - 1))) % keys.length]!, e.attrs);
  return true;
}

function build(d: Draft): NewsGraph {
  const graph = createNewsGraph();
  graph.replaceAttributes({ schemaVersion: SCHEMA_VERSION, generator: 'test', extractorVersion: 'test', articleCount: 1 });
  for (const [k, a] of d.nodes) graph.addNode(k, a);
  for (const e of d.edges) addEdge(graph, e);
  return graph;
}

function written(graph: NewsGraph): { path: string; file: GraphFile } {
  const path = join(tmp(), 'graph.json');
  writeGraph(graph, path);
  const file = GraphFile.read(path);
  if (typeof file === 'string') throw new Error(file);
  return { path, file };
}

type Op = 'keep' | 'replace' | 'remove';
const op = fc.constantFrom<Op>('keep', 'replace', 'remove');
const edits = fc.record({
  nodes: fc.array(fc.tuple(op, nodeAttrs), { maxLength: 30, size: 'medium' }),
  edges: fc.array(fc.tuple(op, edgeAttrs), { maxLength: 60, size: 'medium' }),
  addNodes: fc.array(fc.tuple(key, nodeAttrs), { maxLength: 8 }),
  addEdges: fc.array(newEdge, { maxLength: 8 }),
  ghosts: fc.array(key, { maxLength: 3 }),
  wipe: fc.boolean(),
  articleCount: fc.nat(99),
});
type Edits = { nodes: [Op, NodeAttrs][]; edges: [Op, EdgeAttrs][]; addNodes: [string, NodeAttrs][]; addEdges: NewEdge[]; ghosts: string[]; wipe: boolean; articleCount: number };

/** Applies the edits to a copy of the graph, and writes them down as the change maps an update hands to pieces(). */
function applyEdits(graph: NewsGraph, e: Edits) {
  const edited = graph.copy() as NewsGraph;
  const nodeChanges = new Map<string, string | null>();
  const edgeChanges = new Map<string, string | null>();
  graph.nodes().forEach((k, i) => {
    const [what, attrs] = e.wipe ? ['remove' as const, undefined] : e.nodes[i] ?? ['keep' as const, undefined];
    if (what === 'remove') edited.dropNode(k);
    if (what === 'replace') edited.replaceNodeAttributes(k, attrs!);
    if (what !== 'keep') nodeChanges.set(k, what === 'remove' ? null : GRAPH_FILE.node(k, attrs!));
  });
  graph.edges().forEach((k, i) => {
    const [what, attrs] = edited.hasEdge(k) ? e.edges[i] ?? ['keep' as const, undefined] : ['remove' as const, undefined];
    if (what === 'remove' && edited.hasEdge(k)) edited.dropEdge(k);
    if (what === 'replace') edited.replaceEdgeAttributes(k, attrs!);
    if (what !== 'keep') edgeChanges.set(k, what === 'remove' ? null : GRAPH_FILE.edge(k, graph.source(k), graph.target(k), attrs!));
  });
  // New keys land before the first, between and after the last; a removed key may come back, with another record.
  for (const [k, a] of e.addNodes) {
    if (edited.hasNode(k)) continue;
    edited.addNode(k, a);
    nodeChanges.set(k, GRAPH_FILE.node(k, a));
  }
  for (const x of e.addEdges) if (addEdge(edited, x)) edgeChanges.set(x.key, GRAPH_FILE.edge(x.key, edited.source(x.key), edited.target(x.key), x.attrs));
  // Removing what is not there changes nothing.
  for (const k of e.ghosts) {
    if (!graph.hasNode(k) && !edited.hasNode(k)) nodeChanges.set(k, null);
    if (!graph.hasEdge(k) && !edited.hasEdge(k)) edgeChanges.set(k, null);
  }
  edited.setAttribute('articleCount', e.articleCount);
  return { edited, nodeChanges, edgeChanges };
}

function expectSpliceWritesEdited(graph: NewsGraph, e: Edits): void {
  const { file } = written(graph);
  const { edited, nodeChanges, edgeChanges } = applyEdits(graph, e);
  const pieces = [...file.pieces(GRAPH_FILE.head(edited, edited.getAttributes()), nodeChanges, edgeChanges)];
  const bytes = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  const expected = serializeGraph(edited);
  expect(bytes.toString('utf8')).toBe(expected);
  expect(bytes.equals(Buffer.from(expected))).toBe(true);
}

const noEdits: Edits = { nodes: [], edges: [], addNodes: [], addEdges: [], ghosts: [], wipe: false, articleCount: 1 };
const at = (x: number, y: number, extra: object = {}) =>
  ({ label: 'n', kind: 'person', aliases: ['n'], articles: ['a-1'], mentions: 1, x, y, size: 3, color: KINDS.person.color, ...extra }) as NodeAttrs;

describe('GraphFile.pieces', () => {
  it('splices a written graph.json into exactly what serializeGraph writes for the edited graph', () => {
    fc.assert(fc.property(draft, edits, (d, e) => expectSpliceWritesEdited(build(d), e)), { numRuns: 100 });
  });

  it('empties both lists, fills empty ones, and adds before the first and after the last key', () => {
    const graph = syntheticGraph({ nodes: 6, edges: 8, seed: 5 });
    const attrs = graph.getEdgeAttributes(graph.edges()[0]!);
    expectSpliceWritesEdited(graph, { ...noEdits, wipe: true });
    expectSpliceWritesEdited(graph, { ...noEdits, edges: graph.edges().map(() => ['remove', attrs]) });
    expectSpliceWritesEdited(createNewsGraph(), noEdits);
    expectSpliceWritesEdited(createNewsGraph(), { ...noEdits, addNodes: [['b', at(1, 2)], ['a', at(3, 4)]], addEdges: [{ key: 'e', s: 0, t: 0, attrs }] });
    const ends = [['', at(0, 0)], ['\uffff', at(1, 1)], ['person:', at(2, 2)]] as [string, NodeAttrs][];
    expectSpliceWritesEdited(graph, { ...noEdits, addNodes: ends, addEdges: [{ key: '', s: 0, t: 1, attrs }, { key: '\uffff', s: 2, t: 3, attrs }] });
  });
});

describe('GraphFile.nodes / edges find()', () => {
  /** Each key is found at its own record; an absent key's insertion offset keeps the list in order. */
  function expectFinds(list: GraphFile['nodes'], keys: string[], record: (k: string) => string, probes: string[], bytes: Buffer): void {
    const starts = [...list.starts()];
    const inFile = starts.map((s) => list.key(s));
    expect(inFile).toEqual([...keys].sort(byKey));
    for (const k of keys) {
      const start = list.find(k);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(list.key(start)).toBe(k);
      expect(list.record(start).toString('utf8')).toBe(record(k));
    }
    for (const k of probes.filter((p) => !keys.includes(p))) {
      const found = list.find(k);
      expect(found).toBeLessThan(0);
      const i = inFile.filter((s) => s < k).length;
      // Before the first record with a greater key, or at the list's closing `]`.
      if (i < starts.length) expect(-found - 1).toBe(starts[i]);
      else expect([bytes[-found - 1], -found - 1 > (starts.at(-1) ?? -1)]).toEqual([0x5d, true]);
    }
  }

  it('finds every record and places absent keys in order', () => {
    fc.assert(fc.property(draft, fc.array(key, { maxLength: 12 }), (d, probes) => {
      const graph = build(d);
      const { path, file } = written(graph);
      const bytes = readFileSync(path);
      expectFinds(file.nodes, graph.nodes(), (k) => GRAPH_FILE.node(k, graph.getNodeAttributes(k)), probes, bytes);
      expectFinds(file.edges, graph.edges(), (k) => GRAPH_FILE.edge(k, graph.source(k), graph.target(k), graph.getEdgeAttributes(k)), probes, bytes);
      for (const k of graph.edges()) expect(file.edgeAttributes(file.edges.find(k))).toEqual(graph.getEdgeAttributes(k));
    }), { numRuns: 100 });
  });
});

describe('GraphFile positions', () => {
  const positionsOf = (graph: NewsGraph) => graph.nodes().sort(byKey).map((k): [string, { x: number; y: number }] => [k, { x: graph.getNodeAttribute(k, 'x'), y: graph.getNodeAttribute(k, 'y') }]);

  it('nodePositions() and positions() give every node its exact x and y, in key order', () => {
    fc.assert(fc.property(draft, (d) => {
      const graph = build(d);
      const { path, file } = written(graph);
      expect([...file.nodePositions()]).toEqual(positionsOf(graph));
      expect(GraphFile.positions(path)).toEqual(new Map(positionsOf(graph)));
      for (const [k, p] of positionsOf(graph)) expect(file.nodePosition(file.nodes.find(k))).toEqual(p);
    }), { numRuns: 100 });
  });

  it('reads exponents and signs exactly, and falls back to the whole record when y is not its last attribute', () => {
    const graph = createNewsGraph();
    graph.addNode('a', at(1e21, -0.5));
    graph.addNode('b', at(5e-7, -1e-7, { z: 'y":1}}' }));
    graph.addNode('c', at(-Number.MAX_VALUE, Number.MIN_VALUE, { z: 7 }));
    graph.addNode('d', at(0.1 + 0.2, -123456789012345680000));
    const { path, file } = written(graph);
    expect(readFileSync(path, 'utf8')).toContain('"x":1e+21,"y":-0.5}}');
    expect(file.nodes.record(file.nodes.find('c')).toString()).toMatch(/"z":7\}\}$/);
    expect([...file.nodePositions()]).toEqual(positionsOf(graph));
    expect(GraphFile.positions(join(tmp(), 'absent.json'))).toBeUndefined();
  });
});

describe('GraphFile.read on files not laid out as this program writes them', () => {
  const text = serializeGraph(syntheticGraph({ nodes: 5, edges: 6, seed: 2 }));
  const lines = text.split('\n');
  const cases: [string, string, RegExp][] = [
    ['an empty file', '', /no head/],
    ['no head', lines.slice(1).join('\n'), /no head/],
    ['options but no attributes line', [lines[0], ...lines.slice(2)].join('\n'), /no head/],
    ['one-line JSON', `${JSON.stringify(JSON.parse(text))}\n`, /no head/],
    ['no new line at the end', text.slice(0, -1), /does not end as a graph file/],
    ['a tail cut inside the edges', text.slice(0, text.lastIndexOf('\n{') + 20), /does not end as a graph file/],
    ['a file cut inside the nodes', text.slice(0, text.indexOf('\n{') + 20), /no lists of nodes and edges/],
    ['an indented record', text.replace('\n{"key"', '\n  {"key"'), /a list is not one record per line/],
    ['the last node on the closing line', text.replace('}}\n],\n"edges"', '}}],\n"edges"'), /a list is not one record per line/],
    ['the last edge on the closing line', `${text.slice(0, -4)}]}\n`, /a list is not one record per line/],
    ['windows line ends', text.replaceAll('\n', '\r\n'), /no lists of nodes and edges/],
  ];
  function expectReason(content: string, why: RegExp, counts?: { nodes: number; edges: number }): void {
    const path = join(tmp(), 'graph.json');
    writeFileSync(path, content);
    const result = GraphFile.read(path, counts);
    expect(typeof result).toBe('string');
    expect(result).toMatch(why);
    expect((result as string).startsWith(`${path}: `)).toBe(true);
    expect(result).not.toContain('\n');
  }
  it.each(cases)('%s gives a one-line reason naming the file', (_, content, why) => expectReason(content, why));

  // Records sharing a line are caught when the counts the writer wrote are given (an update gives them).
  it('the first node on the `"nodes":[` line gives a reason', () => expectReason(text.replace('"nodes":[\n{', '"nodes":[{'), /one record per line/));
  it('two nodes on one line give a reason, given the counts', () => {
    expectReason(text.replace(/\}\},\n\{"key"/, '}},{"key"'), /one record per line \(4 lines for 5 records\)/, { nodes: 5, edges: 6 });
  });
  it('a blank line among the edges gives a reason, given the counts', () => {
    expectReason(text.replace(/\}\},\n\{"key":("[^"]*"),"source"/, '}},\n\n{"key":$1,"source"'), /one record per line/, { nodes: 5, edges: 6 });
  });
  it('the same file with the right counts is read', () => {
    const path = join(tmp(), 'graph.json');
    writeFileSync(path, text);
    expect(typeof GraphFile.read(path, { nodes: 5, edges: 6 })).toBe('object');
    expect(GraphFile.read(path, { nodes: 5, edges: 7 })).toMatch(/6 lines for 7 records/);
  });

  it('a missing file gives a reason naming it', () => {
    const path = join(tmp(), 'missing.json');
    expect(GraphFile.read(path)).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*ENOENT`));
  });
});
