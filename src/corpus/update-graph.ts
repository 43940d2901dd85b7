/**
 * An incremental rebuild: when a few articles were added, changed or removed since the last build, update the last
 * graph.json instead of building it again. Identities are still decided over the whole corpus, from the identity
 * table the last build kept (resolve/identity-table.ts), so the rules live in one place; then only the nodes, edges
 * and merge decisions the change touched are described and written, and every other line of graph.json is copied as
 * bytes. The compact index (build-state.ts) gives the relations of the few articles a touched edge needs.
 *
 * The result is byte for byte what a full build would write (tests/corpus/incremental*.test.ts hold it to that).
 * When an update would not be cheaper, as when the change touches a large part of the graph or the last layout
 * cannot simply be continued, it declines with the reason and the caller builds in full.
 */
import { readFileSync } from 'node:fs';
import type { ArticleMeta, CorpusExtraction, Evidence } from '../schema/index.js';
import type { Settings } from '../config/settings.js';
import { partitionTable, type CorpusPartition, type MergeDecision } from '../resolve/corpus.js';
import { IdentityTable, NONE, TableBuilder } from '../resolve/identity-table.js';
import { collectEdges, edgeAttributes, graphAttributes, nodeAttributes, nodeOfMap, type EdgeDraft, type EdgeInput } from '../graph/build.js';
import { GraphFile, type Position, type RecordList } from '../graph/graph-file.js';
import { CO_MENTION_FILE, coMentionFilePieces, coMentionOf, collectCoMentions, readCoMentionLines, type CoMentionDraft, type CoMentionInput } from '../graph/co-mention-file.js';
import { GRAPH_FILE, createNewsGraph } from '../graph/io.js';
import { nodeSize, edgeSize, degreeOfSize, type StyleOptions } from '../graph/style.js';
import { canContinue, placeNewNodes } from '../graph/layout.js';
import { writeFileAtomic } from '../graph/atomic-write.js';
import { indexRecord, readIdentities, relationsOf, writeIdentities, writeIndex, writeManifest, type BuildState, type IndexEntry, type StateFiles } from './build-state.js';
import { mergePieces } from './merges-file.js';
import type { UpdatePlan } from './plan-update.js';

/**
 * The parts of an update, in order: the next identity table, identities over the whole corpus, the changed nodes and
 * edges, describing them (layout, sizes, lines, merge decisions), writing the files. Reading the last build's files
 * comes before (readLastBuild), while the changed articles are still being extracted.
 */
export type UpdateStep = 'table' | 'identities' | 'changes' | 'describe' | 'write';

/** The last build's graph.json, merge decisions and identity table, as an update reads them. */
export interface LastBuild {
  file: GraphFile;
  /** co-mentions.json's lines. */
  coMentions: RecordList;
  decisions: MergeDecision[];
  table: IdentityTable;
}

/**
 * The last build's files, or why they cannot be updated. Reading them needs no extraction, so a build reads them
 * while a worker thread extracts the changed articles (build-corpus.ts).
 */
export function readLastBuild(files: StateFiles, state: BuildState): LastBuild | string {
  const file = GraphFile.read(files.graph, state);
  if (typeof file === 'string') return file;
  let decisions: MergeDecision[];
  try {
    decisions = JSON.parse(readFileSync(files.merges, 'utf8')) as MergeDecision[];
  } catch {
    return `${files.merges}: unreadable`;
  }
  const table = readIdentities(files, state);
  if (typeof table === 'string') return table;
  const coMentions = readCoMentionLines(files.coMentions);
  if (typeof coMentions === 'string') return coMentions;
  return { file, coMentions, decisions, table };
}

export interface UpdateResult {
  counts: { nodes: number; edges: number };
  merges: MergeDecision[];
  /** Seconds per step, for `build --verbose`. */
  steps: Record<UpdateStep, number>;
}

type Added = ReadonlyArray<{ extraction: CorpusExtraction; key: string }>;

/** The articles of the update by id: unchanged ones by their index entry (parsed when read), changed ones by their extraction. */
class Articles {
  private readonly kept: Map<string, IndexEntry>;
  private readonly added: Map<string, CorpusExtraction>;
  constructor(plan: UpdatePlan, added: Added) {
    this.kept = new Map(plan.kept.map((entry) => [entry.id, entry]));
    this.added = new Map(added.map(({ extraction }) => [extraction.article.id, extraction]));
  }
  meta(id: string): ArticleMeta | undefined {
    return this.added.get(id)?.article ?? this.kept.get(id)?.meta;
  }
  /** The article's relations whose ends' local ids pass `keep`, as edges are made of them. */
  relations(id: string, keep: (source: string, target: string) => boolean): EdgeInput {
    const extraction = this.added.get(id);
    if (extraction) return extraction;
    return { article: { id }, relations: relationsOf(this.kept.get(id)!, keep) };
  }
  /** The article's co-mentions (those with an end that passes `keep`, when given). */
  coMentions(id: string, keep?: (localId: string) => boolean): CoMentionInput {
    const all = this.added.get(id)?.coMentions ?? this.kept.get(id)!.c;
    return { article: { id }, coMentions: keep ? all.filter(([a, b]) => keep(a) || keep(b)) : all };
  }
}

/** The last table's unchanged articles with the changed ones' entities, in article id order. */
function nextTable(last: IdentityTable, plan: UpdatePlan, added: Added): IdentityTable {
  const at = new Map(last.articleIds.map((id, a) => [id, a]));
  const articles: Array<{ id: string; from: number | CorpusExtraction }> = [
    ...plan.kept.map((entry) => ({ id: entry.id, from: at.get(entry.id)! })),
    ...added.map(({ extraction }) => ({ id: extraction.article.id, from: extraction })),
  ].sort((a, b) => byString(a.id, b.id));
  const builder = new TableBuilder(last);
  for (const { from } of articles) {
    if (typeof from === 'number') builder.copy(from);
    else builder.add(from);
  }
  return builder.finish();
}

/** Share of all nodes a change may touch for an update to be worth it (a change renaming a hub touches its world). */
const MAX_TOUCHED_SHARE = 0.25;

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A sentence is known by its article and where it starts (and whether it is the header line). */
const sentenceKey = (ev: Pick<Evidence, 'article' | 'sentenceStart' | 'source'>) => `${ev.article}\u0000${ev.sentenceStart}\u0000${ev.source ?? ''}`;

/** Writes the updated graph.json, merges.json and state; returns the counts, or why it declined. */
export function updateGraph(files: StateFiles, state: BuildState, lastBuild: LastBuild, plan: UpdatePlan, added: Added, settings: Settings): UpdateResult | string {
  try {
    return update(files, state, lastBuild, plan, added, settings);
  } catch (error) {
    // Records are parsed as the update needs them: one whose leading fields are whole but whose rest is not shows
    // only then. The full build writes every file again.
    if (error instanceof SyntaxError) return `the last build's files are damaged (${error.message})`;
    throw error;
  }
}

function update(files: StateFiles, state: BuildState, { file, coMentions: coLines, decisions, table: last }: LastBuild, plan: UpdatePlan, added: Added, settings: Settings): UpdateResult | string {
  const steps = {} as UpdateResult['steps'];
  let mark = performance.now();
  const done = (step: UpdateStep) => {
    const now = performance.now();
    steps[step] = Math.round(now - mark) / 1000;
    mark = now;
  };
  // Identities are decided over the whole corpus: every article's entities, unchanged ones from the last table.
  const table = nextTable(last, plan, added);
  done('table');
  const partition = partitionTable(table, settings.resolve);
  done('identities');
  const articles = new Articles(plan, added);
  const nodes = changedNodes(partition, table, last, articles, plan);
  if (nodes.touched.size > MAX_TOUCHED_SHARE * partition.keys.length) return 'the change touches too many nodes for an update';
  const nodeKeys = new Set(partition.keys);
  const edges = changedEdges(table, articles, added, nodes, plan, file, partition, nodeKeys);
  const coMentions = changedCoMentions(table, articles, added, nodes, plan, partition, nodeKeys);
  const rewrite = new Set([...nodes.touched, ...edges.resized].filter((key) => nodeKeys.has(key)));
  done('changes');

  const layout = continueLayout(file, { keys: nodeKeys, touched: nodes.touched, rewrite }, [...edges.now.values(), ...coMentions.values()], settings.layout.seed);
  if (typeof layout === 'string') return layout;
  const sizes = sizesNow(file, rewrite, edges, settings.style);

  // A touched node is described twice, for its line and for its merge decision: once is enough.
  const descriptions = new Map<string, ReturnType<CorpusPartition['describe']>>();
  const describe = (key: string) => {
    let described = descriptions.get(key);
    if (!described) descriptions.set(key, (described = partition.describe(key)));
    return described;
  };
  const nodeLines = new Map<string, string | null>();
  for (const key of nodes.touched) if (!nodeKeys.has(key)) nodeLines.set(key, null);
  for (const key of rewrite) {
    const { entity } = describe(key);
    const attrs = nodeAttributes(entity, articles.meta(entity.articles[0]!));
    const p = layout.positions.get(key)!;
    attrs.x = p.x;
    attrs.y = p.y;
    attrs.size = sizes.get(key)!;
    nodeLines.set(key, GRAPH_FILE.node(key, attrs));
  }
  const edgeLines = edgeRecords(edges, file, plan, added, settings);
  if (typeof edgeLines === 'string') return edgeLines;
  const merges = mergeDecisions(decisions, partition, describe, nodes.touched, nodeKeys);
  done('describe');

  const head = GRAPH_FILE.head(createNewsGraph(), graphAttributes(Array.from(table.version, (v) => table.strings[v]!), table.articleIds.length));
  writeFileAtomic(files.graph, file.pieces(head, nodeLines, edgeLines));
  writeFileAtomic(files.merges, mergePieces(merges));
  writeFileAtomic(files.coMentions, coMentionFilePieces(coLines, coMentionLines(coMentions)));
  writeIndex(files, [
    ...plan.kept,
    ...added.map(({ extraction, key }) => ({ id: extraction.article.id, line: `${JSON.stringify(indexRecord(extraction, key))}\n` })),
  ].sort((a, b) => byString(a.id, b.id)).map((l) => l.line));
  writeIdentities(files, table, partition.nodes);
  const counts = { nodes: partition.keys.length, edges: state.edges + edges.created.length - edges.gone.length };
  writeManifest(files, settings, counts);
  done('write');
  return { counts, merges, steps };
}

interface NodeChange {
  /** Nodes whose members changed, by their new or old key. */
  touched: Set<string>;
  /** Old node of every entity of a removed article, and of every entity of an unchanged article that moved. */
  oldKeyOf: Map<string, string>;
  /** The relations of moved entities, read under their old nodes and their new ones. */
  movedFrom: EdgeInput[];
  /** The co-mentions of moved entities, likewise. */
  movedCoFrom: CoMentionInput[];
}

/**
 * Nodes whose members changed: those of added and removed entities, and both nodes of an entity of an unchanged
 * article that the change moved (a node renamed when its commonest label changed, or a merge undone). `table` holds
 * each unchanged entity's last node, `last` each removed one's.
 */
function changedNodes(partition: CorpusPartition, table: IdentityTable, last: IdentityTable, articles: Articles, plan: UpdatePlan): NodeChange {
  const change: NodeChange = { touched: new Set(), oldKeyOf: new Map(), movedFrom: [], movedCoFrom: [] };
  const { strings, columns } = table;
  for (let a = 0; a < table.articleIds.length; a++) {
    const start = table.articleStart[a]!;
    const end = table.articleStart[a + 1]!;
    // A changed article's entities have no node yet: each of their nodes is touched.
    if (start < end && columns.node[start] === NONE) {
      for (let i = start; i < end; i++) change.touched.add(partition.nodes[i]!);
      continue;
    }
    let moved: Set<string> | undefined;
    for (let i = start; i < end; i++) {
      const was = strings[columns.node[i]!]!;
      const now = partition.nodes[i]!;
      if (was === now) continue;
      (moved ??= new Set()).add(strings[columns.localId[i]!]!);
      change.touched.add(now).add(was);
    }
    if (!moved) continue;
    const id = table.articleIds[a]!;
    // Under their old nodes, the relations of moved entities name the other end by its old node too.
    for (let i = start; i < end; i++) change.oldKeyOf.set(`${id}#${strings[columns.localId[i]!]}`, strings[columns.node[i]!]!);
    change.movedFrom.push(articles.relations(id, (s, t) => moved.has(s) || moved.has(t)));
    change.movedCoFrom.push(articles.coMentions(id, (localId) => moved.has(localId)));
  }
  if (plan.removed.length) {
    const at = new Map(last.articleIds.map((id, a) => [id, a]));
    for (const { id } of plan.removed) {
      const a = at.get(id)!;
      for (let i = last.articleStart[a]!; i < last.articleStart[a + 1]!; i++) {
        const node = last.strings[last.columns.node[i]!]!;
        change.oldKeyOf.set(`${id}#${last.strings[last.columns.localId[i]!]}`, node);
        change.touched.add(node);
      }
    }
  }
  return change;
}

interface EdgeChange {
  /** The touched edges as they are now (sentences without text); an edge gone is not in it. */
  now: Map<string, EdgeDraft>;
  /** The edges of the changed articles' relations, with their sentences. */
  added: Map<string, EdgeDraft>;
  /** The edges of the removed relations, and of moved entities' relations under their old nodes. */
  removed: Map<string, EdgeDraft>;
  /** Keys of every edge the change may have altered, created or removed. */
  touched: Set<string>;
  /** Ends of created and removed edges: their degrees, so their sizes, changed. */
  resized: Set<string>;
  /** Edges created and removed. */
  created: EdgeDraft[];
  gone: EdgeDraft[];
}

/**
 * The edges the change touched, as they are now. Only a touched edge can differ from the last graph: every relation
 * that the change added, removed or moved to another node is in one. A touched edge now gathers every sentence that
 * joins its two nodes, so only the articles with an entity in both are read; at a hub such as a country, that spares
 * reading the relations of most of the corpus.
 */
function changedEdges(table: IdentityTable, articles: Articles, added: Added, nodes: NodeChange, plan: UpdatePlan, file: GraphFile,
  partition: CorpusPartition, nodeKeys: ReadonlySet<string>): EdgeChange {
  const nodeOf = partition.nodeOf;
  const fresh = collectEdges(added.map((a) => a.extraction), nodeOf);
  const before = [...plan.removed.map((entry) => ({ article: { id: entry.id }, relations: relationsOf(entry) })), ...nodes.movedFrom];
  const removed = collectEdges(before, nodeOfMap(nodes.oldKeyOf));
  const moved = collectEdges(nodes.movedFrom, nodeOf);
  const touched = new Set([...fresh.keys(), ...removed.keys(), ...moved.keys()]);

  const { wanted, joined } = articlesJoining([...fresh.values(), ...removed.values(), ...moved.values()], partition, nodeKeys);
  const now = collectEdges(table.articleIds.filter((id) => wanted.has(id)).map((id) =>
    articles.relations(id, (source, target) => joined(nodeOf(id, source), nodeOf(id, target)))), nodeOf);
  for (const key of now.keys()) if (!touched.has(key)) now.delete(key);

  const resized = new Set<string>();
  const created: EdgeDraft[] = [];
  const gone: EdgeDraft[] = [];
  for (const key of touched) {
    const edge = now.get(key);
    const existed = file.edges.find(key) >= 0;
    if (edge && !existed) created.push(edge);
    else if (!edge && existed) gone.push(removed.get(key)!);
    else continue;
    const changed = edge ?? removed.get(key)!;
    resized.add(changed.source).add(changed.target);
  }
  return { now, added: fresh, removed, touched, resized, created, gone };
}

/**
 * The node pairs of `drafts` that can still exist (both nodes are in the graph), and the articles that hold both
 * nodes of such a pair: only they can state what joins the pair now.
 */
function articlesJoining(drafts: Iterable<{ source: string; target: string }>, partition: CorpusPartition, nodeKeys: ReadonlySet<string>) {
  const pairs = new Map<string, Set<string>>();
  const wanted = new Set<string>();
  for (const { source: s, target: t } of drafts) {
    if (!nodeKeys.has(s) || !nodeKeys.has(t) || pairs.get(s)?.has(t)) continue;
    for (const [a, b] of [[s, t], [t, s]] as const) {
      if (!pairs.has(a)) pairs.set(a, new Set());
      pairs.get(a)!.add(b);
    }
    const [small, large] = [partition.articlesOf(s), partition.articlesOf(t)].sort((x, y) => x.size - y.size);
    for (const id of small!) if (large!.has(id)) wanted.add(id);
  }
  const joined = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && !!pairs.get(a)?.has(b);
  return { wanted, joined };
}

/**
 * The co-mention pairs the change touched, as they are now (a pair gone is not in the map): as for edges, every pair
 * an added, removed or moved entity was in, gathered again from the articles that hold both its nodes.
 */
function changedCoMentions(table: IdentityTable, articles: Articles, added: Added, nodes: NodeChange, plan: UpdatePlan, partition: CorpusPartition,
  nodeKeys: ReadonlySet<string>): Map<string, CoMentionDraft | null> {
  const nodeOf = partition.nodeOf;
  const fresh = collectCoMentions(added.map((a) => a.extraction), nodeOf);
  const before = [...plan.removed.map((entry) => ({ article: { id: entry.id }, coMentions: entry.c })), ...nodes.movedCoFrom];
  const removed = collectCoMentions(before, nodeOfMap(nodes.oldKeyOf));
  const moved = collectCoMentions(nodes.movedCoFrom, nodeOf);
  const { wanted } = articlesJoining([...fresh.values(), ...removed.values(), ...moved.values()], partition, nodeKeys);
  const now = collectCoMentions(table.articleIds.filter((id) => wanted.has(id)).map((id) => articles.coMentions(id)), nodeOf);
  const touched = new Map<string, CoMentionDraft | null>();
  for (const key of [...fresh.keys(), ...removed.keys(), ...moved.keys()]) touched.set(key, now.get(key) ?? null);
  return touched;
}

/** The new lines of the touched co-mention pairs (null for a pair gone). */
function coMentionLines(pairs: ReadonlyMap<string, CoMentionDraft | null>): Map<string, string | null> {
  const lines = new Map<string, string | null>();
  for (const [key, draft] of pairs) lines.set(key, draft ? CO_MENTION_FILE.record(coMentionOf(draft)) : null);
  return lines;
}

/**
 * The sizes of `nodes` now, from their degrees: each node's last degree, told by its size where the size tells it
 * (style.ts degreeOfSize), plus the edges created at it, less those removed. A node at full size stays there unless
 * it lost an edge. Only for a degree still unknown are the edges of the whole last graph counted.
 */
function sizesNow(file: GraphFile, nodes: ReadonlySet<string>, edges: EdgeChange, style: StyleOptions): Map<string, number> {
  const delta = new Map<string, number>();
  const add = (key: string, by: number) => delta.set(key, (delta.get(key) ?? 0) + by);
  for (const e of edges.created) { add(e.source, 1); add(e.target, 1); }
  for (const e of edges.gone) { add(e.source, -1); add(e.target, -1); }
  const sizes = new Map<string, number>();
  const unknown = new Map<string, number>();
  for (const key of nodes) {
    const change = delta.get(key) ?? 0;
    const at = file.nodes.find(key);
    // A new node's edges are all new.
    if (at < 0) { sizes.set(key, nodeSize(change, style)); continue; }
    const size = file.nodeAttributes(at).size;
    const last = degreeOfSize(size, style);
    if (last !== undefined) sizes.set(key, nodeSize(last + change, style));
    else if (size === style.maxNodeSize && change >= 0) sizes.set(key, size);
    else unknown.set(key, change);
  }
  if (unknown.size) {
    for (const [source, target] of file.edgeEnds()) {
      if (unknown.has(source)) unknown.set(source, unknown.get(source)! + 1);
      if (unknown.has(target)) unknown.set(target, unknown.get(target)! + 1);
    }
    for (const [key, degree] of unknown) sizes.set(key, nodeSize(degree, style));
  }
  return sizes;
}

/**
 * The positions of the nodes to rewrite as a full build continuing the last layout gives them (graph/layout.ts).
 * Only a touched node can be new or gone: every other one keeps its key, so its place in the file.
 */
function continueLayout(file: GraphFile, nodes: { keys: ReadonlySet<string>; touched: ReadonlySet<string>; rewrite: ReadonlySet<string> },
  links: ReadonlyArray<{ source: string; target: string } | null>, seed: number): { positions: Map<string, Position> } | string {
  const fresh: string[] = [];
  const gone = new Set<string>();
  for (const key of nodes.touched) {
    if (!nodes.keys.has(key)) gone.add(key);
    else if (file.nodes.find(key) < 0) fresh.push(key);
  }
  if (!canContinue(nodes.keys.size - fresh.length, nodes.keys.size)) return 'the change is too large to continue the last layout';
  // Every edge and co-mention at a new node was touched (its entities are new, or moved), so the touched ones name its
  // neighbours, as the full build's layout counts them (graph/layout-links.ts).
  const neighbours = new Map<string, Set<string>>(fresh.map((key) => [key, new Set()]));
  for (const e of links) {
    if (!e) continue;
    neighbours.get(e.source)?.add(e.target);
    neighbours.get(e.target)?.add(e.source);
  }
  const positions = new Map<string, Position>();
  const known = (key: string) => {
    if (positions.has(key)) return;
    const at = file.nodes.find(key);
    const p = at >= 0 ? file.nodePosition(at) : undefined;
    if (p) positions.set(key, p);
  };
  for (const key of nodes.rewrite) known(key);
  if (fresh.length) {
    for (const key of fresh) for (const n of neighbours.get(key)!) known(n);
    // The largest coordinate among the nodes kept, as a full build measures it. Gone nodes are told by where their
    // records start, so no other node's key is read (30 ms of 70 at 10k articles).
    const goneAt = new Set([...gone].map((key) => file.nodes.find(key)));
    let spread = 1;
    for (const at of file.nodes.starts()) {
      if (goneAt.has(at)) continue;
      const p = file.nodePosition(at);
      if (p) spread = Math.max(spread, Math.abs(p.x), Math.abs(p.y));
    }
    placeNewNodes(positions, fresh, (key) => [...neighbours.get(key)!], { spread, seed });
  }
  return { positions };
}

/** The new lines of the touched edges (null for an edge gone), or why one cannot be written. */
function edgeRecords(edges: EdgeChange, file: GraphFile, plan: UpdatePlan, added: Added, settings: Settings): Map<string, string | null> | string {
  // Sentence texts: from the old lines of the edges whose sentences may have moved to another edge, and from the
  // changed articles. A changed article keeps its id, so its old sentences are never taken: they may differ.
  const sentences = new Map<string, string>();
  const changedIds = new Set([...plan.removed.map((r) => r.id), ...added.map((a) => a.extraction.article.id)]);
  for (const key of new Set([...edges.touched, ...edges.removed.keys()])) {
    const at = file.edges.find(key);
    if (at < 0) continue;
    for (const ev of file.edgeAttributes(at).evidence) if (!changedIds.has(ev.article)) sentences.set(sentenceKey(ev), ev.sentence);
  }
  for (const { extraction: x } of added) for (const r of x.relations) sentences.set(sentenceKey({ article: x.article.id, ...r.evidence }), r.evidence.sentence);

  const lines = new Map<string, string | null>();
  for (const key of edges.touched) {
    const draft = edges.now.get(key);
    if (!draft) {
      lines.set(key, null);
      continue;
    }
    const evidence: Evidence[] = [];
    for (const ev of draft.evidence) {
      const sentence = sentences.get(sentenceKey(ev));
      if (sentence === undefined) return `no sentence for ${key} in ${ev.article}`;
      evidence.push({ ...ev, sentence });
    }
    const attrs = edgeAttributes({ ...draft, evidence });
    attrs.size = edgeSize(attrs.weight, settings.style);
    lines.set(key, GRAPH_FILE.edge(key, draft.source, draft.target, attrs));
  }
  return lines;
}

/** Merge decisions: redone for touched nodes, and for any other whose reasons the change reordered. */
function mergeDecisions(decisions: readonly MergeDecision[], partition: CorpusPartition, describe: CorpusPartition['describe'], touched: ReadonlySet<string>,
  nodeKeys: ReadonlySet<string>): MergeDecision[] {
  const merges: MergeDecision[] = [];
  const redo = new Set(touched);
  for (const d of decisions) {
    if (!touched.has(d.into) && partition.reasonOf(d.into) === d.reason) merges.push(d);
    else redo.add(d.into);
  }
  for (const key of redo) {
    if (!nodeKeys.has(key)) continue;
    const { decision } = describe(key);
    if (decision) merges.push(decision);
  }
  return merges.sort((a, b) => (a.into < b.into ? -1 : 1));
}
