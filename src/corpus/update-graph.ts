/**
 * An incremental rebuild: when a few articles were added, changed or removed since the last build, update the last
 * graph.json instead of building it again. Identities are still decided over the whole corpus, from the compact
 * index (build-state.ts), so the rules live in one place; then only the nodes, edges and merge decisions the change
 * touched are described and written, and every other line of graph.json is copied as bytes.
 *
 * The result is byte for byte what a full build would write (tests/corpus/incremental.test.ts holds it to that).
 * When an update would not be cheaper, as when the change touches a large part of the graph or the last layout
 * cannot simply be continued, it declines with the reason and the caller builds in full.
 */
import { readFileSync } from 'node:fs';
import type { Article, ArticleMeta, CorpusExtraction, Evidence } from '../schema/index.js';
import type { Settings } from '../config/settings.js';
import { partitionCorpus, type MergeDecision, type ResolveEntity } from '../resolve/corpus.js';
import { collectEdges, edgeAttributes, graphAttributes, nodeAttributes, nodeOfMap, type EdgeDraft, type EdgeInput, type NodeOf } from '../graph/build.js';
import { GraphFile } from '../graph/graph-file.js';
import { GRAPH_FILE, createNewsGraph } from '../graph/io.js';
import { nodeSize, edgeSize } from '../graph/style.js';
import { canContinue, placeNewNodes } from '../graph/layout.js';
import { writeFileAtomic } from '../graph/atomic-write.js';
import { readPositions, writePositions } from './positions-file.js';
import { entitiesOf, indexRecord, relationsOf, writeIndex, writeManifest, type BuildState, type IndexEntry, type IndexRecord, type StateFiles } from './build-state.js';
import { mergePieces } from './merges-file.js';

export interface UpdatePlan {
  /** Index entries of articles unchanged since the last build, in id order. */
  kept: IndexEntry[];
  /** Articles new or changed since, with their cache keys. */
  added: Array<{ article: Article; key: string }>;
  /** Index records of articles removed or changed since. */
  removed: IndexRecord[];
}

/** Share of the corpus above which changing articles one by one costs more than building again. */
const MAX_CHANGED_SHARE = 0.2;

/** What changed since the last build; undefined when so much changed that a full build is the faster way. */
export function planUpdate(state: BuildState, current: ReadonlyArray<{ article: Article; key: string }>): UpdatePlan | undefined {
  const before = new Map(state.entries.map((entry) => [entry.id, entry]));
  const kept: IndexEntry[] = [];
  const added: UpdatePlan['added'] = [];
  const removed: IndexEntry[] = [];
  const present = new Set<string>();
  for (const item of current) {
    present.add(item.article.id);
    const entry = before.get(item.article.id);
    // A moved file keeps its text and id but its node names the file: that is a change too.
    if (entry && entry.key === item.key && entry.file === item.article.file) kept.push(entry);
    else {
      added.push(item);
      if (entry) removed.push(entry);
    }
  }
  for (const entry of state.entries) if (!present.has(entry.id)) removed.push(entry);
  // Decided before any index line is parsed: a corpus that changed a lot is built in full at once.
  if (added.length + removed.length > Math.max(1, state.entries.length * MAX_CHANGED_SHARE)) return undefined;
  return { kept, added, removed: removed.map((entry) => entry.record) };
}

export interface UpdateResult {
  counts: { nodes: number; edges: number };
  merges: MergeDecision[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An article as the update reads it: unchanged ones from their index record, changed ones from their extraction. */
type Input = (IndexedArticle & { relations?: undefined; record: IndexRecord }) | (CorpusExtraction & { record: undefined });
interface IndexedArticle {
  article: ArticleMeta;
  entities: ResolveEntity[];
  extractorVersion: string;
}
/** A sentence is known by its article and where it starts (and whether it is the header line). */
const sentenceKey = (ev: Pick<Evidence, 'article' | 'sentenceStart' | 'source'>) => `${ev.article}\u0000${ev.sentenceStart}\u0000${ev.source ?? ''}`;

/** Share of all nodes a change may touch for an update to be worth it (a change renaming a hub touches its world). */
const MAX_TOUCHED_SHARE = 0.25;

/** The record's relations with an end on one of `nodes` and none on `not`. */
function nearRelations(record: IndexRecord, nodes: ReadonlySet<string>, not?: ReadonlySet<string>) {
  if (!record.nodes.some((key) => nodes.has(key))) return [];
  const nodeOf = new Map(record.e.map(([id], i) => [id, record.nodes[i]!]));
  return relationsOf(record, (source, target) => {
    const s = nodeOf.get(source)!;
    const t = nodeOf.get(target)!;
    return (nodes.has(s) || nodes.has(t)) && !(not && (not.has(s) || not.has(t)));
  });
}

/** Writes the updated graph.json, merges.json, positions and state; returns the counts, or why it declined. */
export function updateGraph(files: StateFiles, state: BuildState, plan: UpdatePlan, added: ReadonlyArray<{ extraction: CorpusExtraction; key: string }>, settings: Settings): UpdateResult | string {
  const file = GraphFile.read(files.graph);
  if (typeof file === 'string') return file;
  const previous = readPositions(files.positions);
  if (!previous) return `${files.positions}: unreadable`;

  // Every article, unchanged ones from the index, in id order: identities are decided over the whole corpus.
  const inputs: Input[] = [
    ...plan.kept.map(({ record }) => ({ article: record.meta, entities: entitiesOf(record), extractorVersion: record.version, record })),
    ...added.map(({ extraction }) => ({ ...extraction, record: undefined })),
  ];
  inputs.sort((a, b) => byString(a.article.id, b.article.id));
  const partition = partitionCorpus(inputs, settings.resolve);
  // Local entity → node, per article, made only for the articles whose relations are read.
  const locals = new Map<string, Map<string, string>>();
  const idsOf = new Map(inputs.map((x) => [x.article.id, x.entities]));
  const nodeOf: NodeOf = (articleId, localId) => {
    let local = locals.get(articleId);
    if (!local) {
      const nodes = partition.nodesOf(articleId);
      local = new Map((idsOf.get(articleId) ?? []).map((e, i) => [e.id, nodes[i]!]));
      locals.set(articleId, local);
    }
    return local.get(localId);
  };

  // Nodes whose members changed: those of added and removed entities, and both nodes of an entity of an unchanged
  // article that the change moved (a node renamed when its commonest label changed, or a merge undone).
  const touched = new Set<string>();
  for (const { extraction: x } of added) for (const key of partition.nodesOf(x.article.id)) touched.add(key);
  const oldKeyOf = new Map<string, string>();
  const movedFrom: EdgeInput[] = [];
  /** Index lines of unchanged articles with moved entities, naming their new nodes. */
  const renamed = new Map<string, string>();
  for (const { record } of plan.kept) {
    const moved = new Set<string>();
    const nodes = partition.nodesOf(record.id);
    record.e.forEach(([id], i) => {
      if (nodes[i] === record.nodes[i]) return;
      moved.add(id);
      touched.add(nodes[i]!).add(record.nodes[i]!);
    });
    if (!moved.size) continue;
    renamed.set(record.id, `${JSON.stringify({ ...record, nodes })}\n`);
    // Under their old nodes, the relations of moved entities name the other end by its old node too.
    record.e.forEach(([id], i) => oldKeyOf.set(`${record.id}#${id}`, record.nodes[i]!));
    movedFrom.push({ article: record.meta, relations: relationsOf(record, (s, t) => moved.has(s) || moved.has(t)) });
  }
  for (const record of plan.removed) {
    record.e.forEach(([id], i) => {
      oldKeyOf.set(`${record.id}#${id}`, record.nodes[i]!);
      touched.add(record.nodes[i]!);
    });
  }
  if (touched.size > MAX_TOUCHED_SHARE * partition.keys.length) return 'the change touches too many nodes for an update';

  // Only edges at a touched node can change, or count in a touched node's size or a new node's place.
  const near = inputs.map((x) => ({ article: x.article, relations: x.record ? nearRelations(x.record, touched) : x.relations }));
  const edges = collectEdges(near, nodeOf);
  const addedEdges = collectEdges(added.map((a) => a.extraction), nodeOf);
  // What the changed relations were before: of removed articles, and of moved entities under their old nodes.
  const before = [...plan.removed.map((record) => ({ article: record.meta, relations: relationsOf(record) })), ...movedFrom];
  const removedEdges = collectEdges(before, nodeOfMap(oldKeyOf));
  const touchedEdges = new Set([...addedEdges.keys(), ...removedEdges.keys(), ...collectEdges(movedFrom, nodeOf).keys()]);

  // A new or vanished edge changes its ends' degrees, so their sizes.
  const nodeKeys = new Set(partition.keys);
  const resized = new Set<string>();
  let edgeCount = state.edges;
  for (const key of touchedEdges) {
    const now = edges.get(key);
    const existed = file.edges.find(key) >= 0;
    if (now && !existed) {
      resized.add(now.source);
      resized.add(now.target);
      edgeCount++;
    }
    if (!now && existed) {
      const gone = removedEdges.get(key)!;
      resized.add(gone.source);
      resized.add(gone.target);
      edgeCount--;
    }
  }
  const rewrite = new Set([...touched, ...resized].filter((key) => nodeKeys.has(key)));
  // A resized node's size counts all its edges: those not at a touched node are gathered now.
  const extra = new Set([...resized].filter((key) => !touched.has(key)));
  if (extra.size) {
    const away = (x: Input) => x.record ? nearRelations(x.record, extra, touched) : [];
    collectEdges(inputs.map((x) => ({ article: x.article, relations: away(x) })), nodeOf, edges);
  }

  // Layout: as a full build would continue it.
  let known = 0;
  let spread = 1;
  const fresh: string[] = [];
  for (const key of partition.keys) {
    const p = previous.get(key);
    if (!p) { fresh.push(key); continue; }
    known++;
    spread = Math.max(spread, Math.abs(p.x), Math.abs(p.y));
  }
  if (!canContinue(known, partition.keys.length)) return 'the change is too large to continue the last layout';
  const freshSet = new Set(fresh);
  const degree = new Map<string, number>();
  const neighbours = new Map<string, Set<string>>(fresh.map((key) => [key, new Set()]));
  for (const e of edges.values()) {
    if (rewrite.has(e.source)) degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    if (rewrite.has(e.target)) degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    if (freshSet.has(e.source)) neighbours.get(e.source)!.add(e.target);
    if (freshSet.has(e.target)) neighbours.get(e.target)!.add(e.source);
  }
  const positions = new Map(previous);
  placeNewNodes(positions, fresh, (key) => [...neighbours.get(key)!], { spread, seed: settings.layout.seed });

  const metaOf = new Map(inputs.map((x) => [x.article.id, x.article]));
  const nodeChanges = new Map<string, string | null>();
  for (const key of touched) if (!nodeKeys.has(key)) nodeChanges.set(key, null);
  for (const key of rewrite) {
    const { entity } = partition.describe(key);
    const attrs = nodeAttributes(entity, metaOf.get(entity.articles[0]!));
    const p = positions.get(key)!;
    attrs.x = p.x;
    attrs.y = p.y;
    attrs.size = nodeSize(degree.get(key) ?? 0, settings.style);
    nodeChanges.set(key, GRAPH_FILE.node(key, attrs));
  }

  // Sentence texts, by article and sentence start: from the changed articles, and from the old lines of the edges
  // whose sentences may have moved to another edge.
  const sentences = new Map<string, string>();
  const changedIds = new Set([...plan.removed.map((r) => r.id), ...added.map((a) => a.extraction.article.id)]);
  // A changed article keeps its id, so its old sentences are never taken: they may differ.
  const note = (ev: Evidence) => sentences.set(sentenceKey(ev), ev.sentence);
  for (const key of new Set([...touchedEdges, ...removedEdges.keys()])) {
    const at = file.edges.find(key);
    if (at >= 0) for (const ev of file.edgeAttributes(at).evidence) if (!changedIds.has(ev.article)) note(ev);
  }
  for (const { extraction } of added) for (const r of extraction.relations) note({ article: extraction.article.id, ...r.evidence });
  const edgeChanges = new Map<string, string | null>();
  for (const key of touchedEdges) {
    const draft = edges.get(key);
    if (!draft) { edgeChanges.set(key, null); continue; }
    const evidence: Evidence[] = [];
    for (const ev of draft.evidence) {
      const sentence = sentences.get(sentenceKey(ev));
      if (sentence === undefined) return `no sentence for ${key} in ${ev.article}`;
      evidence.push({ ...ev, sentence });
    }
    const attrs = edgeAttributes({ ...draft, evidence } satisfies EdgeDraft);
    attrs.size = edgeSize(attrs.weight, settings.style);
    edgeChanges.set(key, GRAPH_FILE.edge(key, draft.source, draft.target, attrs));
  }

  // Merge decisions: redone for touched nodes, and for any other whose reasons the change reordered.
  let decisions: MergeDecision[];
  try {
    decisions = JSON.parse(readFileSync(files.merges, 'utf8')) as MergeDecision[];
  } catch {
    return `${files.merges}: unreadable`;
  }
  const merges: MergeDecision[] = [];
  const redo = new Set(touched);
  for (const d of decisions) {
    if (!touched.has(d.into) && partition.reasonOf(d.into) === d.reason) merges.push(d);
    else redo.add(d.into);
  }
  for (const key of redo) {
    if (!nodeKeys.has(key)) continue;
    const { decision } = partition.describe(key);
    if (decision) merges.push(decision);
  }
  merges.sort((a, b) => (a.into < b.into ? -1 : 1));

  const head = GRAPH_FILE.head(createNewsGraph(), graphAttributes(inputs.map((x) => x.extractorVersion), inputs.length));
  writeFileAtomic(files.graph, file.pieces(head, nodeChanges, edgeChanges));
  writeFileAtomic(files.merges, mergePieces(merges));
  writePositions(files.positions, [...positions.entries()].filter(([key]) => nodeKeys.has(key)).sort((a, b) => byString(a[0], b[0])));
  writeIndex(files, [
    ...plan.kept.map(({ record, line }) => ({ id: record.id, line: renamed.get(record.id) ?? line })),
    ...added.map(({ extraction, key }) => ({ id: extraction.article.id, line: `${JSON.stringify(indexRecord(extraction, key, partition.nodesOf(extraction.article.id)))}\n` })),
  ].sort((a, b) => byString(a.id, b.id)).map((l) => l.line));
  const counts = { nodes: partition.keys.length, edges: edgeCount };
  writeManifest(files, settings, counts);
  return { counts, merges };
}
