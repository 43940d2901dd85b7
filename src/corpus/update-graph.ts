/**
 * An incremental rebuild: when a few articles were added, changed or removed since the last build, update the last
 * graph.json instead of building it again. Identities are still decided over the whole corpus, from the compact
 * index (build-state.ts), so the rules live in one place; then only the nodes, edges and merge decisions the change
 * touched are described and written, and every other line of graph.json is copied as bytes.
 *
 * The result is byte for byte what a full build would write. Where that cannot be had cheaply, as when the change
 * moves an entity of an unchanged article to another node, the update declines with the reason and the caller
 * builds in full.
 */
import { readFileSync } from 'node:fs';
import type { Article, CorpusExtraction, Evidence } from '../schema/index.js';
import type { Settings } from '../config/settings.js';
import { partitionCorpus, type MergeDecision } from '../resolve/corpus.js';
import { collectEdges, edgeAttributes, graphAttributes, nodeAttributes, type EdgeDraft } from '../graph/build.js';
import { GraphFile } from '../graph/graph-file.js';
import { GRAPH_FILE, createNewsGraph } from '../graph/io.js';
import { nodeSize, edgeSize } from '../graph/style.js';
import { canContinue, placeNewNodes } from '../graph/layout.js';
import { writeFileAtomic } from '../graph/atomic-write.js';
import { readPositions, writePositions } from './positions-file.js';
import { fromIndex, indexRecord, writeIndex, writeManifest, type BuildState, type IndexRecord, type IndexedArticle, type StateFiles } from './build-state.js';
import { mergePieces } from './merges-file.js';

export interface UpdatePlan {
  /** Index entries of articles unchanged since the last build, in id order. */
  kept: BuildState['records'];
  /** Articles new or changed since, with their cache keys. */
  added: Array<{ article: Article; key: string }>;
  /** Index records of articles removed or changed since. */
  removed: IndexRecord[];
}

/** Share of the corpus above which changing articles one by one costs more than building again. */
const MAX_CHANGED_SHARE = 0.2;

/** What changed since the last build; undefined when so much changed that a full build is the faster way. */
export function planUpdate(state: BuildState, current: ReadonlyArray<{ article: Article; key: string }>): UpdatePlan | undefined {
  const before = new Map(state.records.map((entry) => [entry.record.id, entry]));
  const plan: UpdatePlan = { kept: [], added: [], removed: [] };
  const present = new Set<string>();
  for (const item of current) {
    present.add(item.article.id);
    const entry = before.get(item.article.id);
    // A moved file keeps its text and id but its node names the file: that is a change too.
    if (entry && entry.record.key === item.key && entry.record.meta.file === item.article.file) plan.kept.push(entry);
    else {
      plan.added.push(item);
      if (entry) plan.removed.push(entry.record);
    }
  }
  for (const { record } of state.records) if (!present.has(record.id)) plan.removed.push(record);
  const changed = plan.added.length + plan.removed.length;
  return changed <= Math.max(1, state.records.length * MAX_CHANGED_SHARE) ? plan : undefined;
}

export interface UpdateResult {
  counts: { nodes: number; edges: number };
  merges: MergeDecision[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const citation = (ev: Evidence) => `${ev.article}\u0000${ev.start}\u0000${ev.end}`;

/** Writes the updated graph.json, merges.json, positions and state; returns the counts, or why it declined. */
export function updateGraph(files: StateFiles, state: BuildState, plan: UpdatePlan, added: ReadonlyArray<{ extraction: CorpusExtraction; key: string }>, settings: Settings): UpdateResult | string {
  const file = GraphFile.read(files.graph);
  if (typeof file === 'string') return file;
  const previous = readPositions(files.positions);
  if (!previous) return `${files.positions}: unreadable`;

  const kept = plan.kept.map(({ record }) => fromIndex(record));
  const inputs: Array<IndexedArticle | CorpusExtraction> = [...kept, ...added.map((a) => a.extraction)];
  inputs.sort((a, b) => byString(a.article.id, b.article.id));
  const partition = partitionCorpus(inputs, settings.resolve);
  const { keyOf } = partition;

  // Every entity of an unchanged article must stay on its node: then only what the change touched differs.
  for (const { record } of plan.kept) {
    for (let i = 0; i < record.e.length; i++) {
      if (keyOf.get(`${record.id}#${record.e[i]![0]}`) !== record.nodes[i]) return `the change moves "${record.e[i]![3]}" of ${record.id} to another node`;
    }
  }
  const touched = new Set<string>();
  for (const { extraction: x } of added) for (const e of x.entities) touched.add(keyOf.get(`${x.article.id}#${e.id}`)!);
  const removedKeyOf = new Map<string, string>();
  for (const record of plan.removed) {
    record.e.forEach(([id], i) => {
      removedKeyOf.set(`${record.id}#${id}`, record.nodes[i]!);
      touched.add(record.nodes[i]!);
    });
  }

  const edges = collectEdges(inputs, keyOf);
  const addedEdges = collectEdges(added.map((a) => a.extraction), keyOf);
  const removedEdges = collectEdges(plan.removed.map(fromIndex), removedKeyOf);
  const touchedEdges = new Set([...addedEdges.keys(), ...removedEdges.keys()]);

  // A new or vanished edge changes its ends' degrees, so their sizes.
  const nodeKeys = new Set(partition.keys);
  const resized = new Set<string>();
  for (const key of touchedEdges) {
    const now = edges.get(key);
    const existed = file.edges.find(key) >= 0;
    if (now && !existed) { resized.add(now.source); resized.add(now.target); }
    if (!now && existed) {
      const gone = removedEdges.get(key)!;
      resized.add(gone.source);
      resized.add(gone.target);
    }
  }
  const rewrite = new Set([...touched, ...resized].filter((key) => nodeKeys.has(key)));

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

  const edgeChanges = new Map<string, string | null>();
  for (const key of touchedEdges) {
    const draft = edges.get(key);
    if (!draft) { edgeChanges.set(key, null); continue; }
    const texts = new Map<string, Evidence>();
    for (const ev of addedEdges.get(key)?.evidence ?? []) texts.set(citation(ev), ev);
    const at = file.edges.find(key);
    if (at >= 0) for (const ev of file.edgeAttributes(at).evidence) if (!texts.has(citation(ev))) texts.set(citation(ev), ev);
    const evidence: Evidence[] = [];
    for (const ev of draft.evidence) {
      const full = texts.get(citation(ev));
      if (!full) return `no sentence for ${key} in ${ev.article}`;
      evidence.push(full);
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
    ...plan.kept.map(({ record, line }) => ({ id: record.id, line })),
    ...added.map(({ extraction, key }) => ({ id: extraction.article.id, line: `${JSON.stringify(indexRecord(extraction, key, keyOf))}\n` })),
  ].sort((a, b) => byString(a.id, b.id)).map((l) => l.line));
  const counts = { nodes: partition.keys.length, edges: edges.size };
  writeManifest(files, settings, counts);
  return { counts, merges };
}
