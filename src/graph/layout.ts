/**
 * Positions computed at build time, so the viewer opens on a readable picture: seeded start positions, then
 * ForceAtlas2 with settings inferred from the graph, then noverlap to pull apart nodes that sit on each other.
 * Same graph and options → same positions.
 */
import { createRequire } from 'node:module';
import forceAtlas2Module, { type ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
import noverlapModule from 'graphology-layout-noverlap';
import { MultiDirectedGraph } from 'graphology';
import type { NewsGraph } from './io.js';
import { hashString, seededRandom } from '../random.js';

// These packages are CommonJS whose module.exports is the layout function; TypeScript's NodeNext view of their
// `export default` puts it one level down.
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;
const noverlap = noverlapModule as unknown as typeof noverlapModule.default;
/** ForceAtlas2's own defaults, which it fills in itself when it runs here; a run elsewhere needs them spelt out. */
const require = createRequire(import.meta.url);
const FA2_DEFAULTS = require('graphology-layout-forceatlas2/defaults.js') as Required<ForceAtlas2Settings>;

/** The libraries' own test for a graphology graph, which noverlap insists on. */
const isGraph = require('graphology-utils/is-graph') as (value: unknown) => value is NewsGraph;

/** Positions and sizes, what the layouts read of a node. */
interface Placed {
  x: number;
  y: number;
  size: number;
}

/**
 * What the layouts read and write of a graph: a graphology graph, or a draft seen through draft.ts's DraftView. Nodes
 * and edges are read in the graph's own order, which fixes the result.
 */
export interface LayoutTarget {
  readonly order: number;
  readonly size: number;
  forEachNode(callback: (key: string, attributes: Placed) => void): void;
  forEachEdge(callback: (key: string, attributes: { weight: number }, source: string, target: string) => void): void;
  updateEachNodeAttributes(updater: (key: string, attributes: Placed) => Placed): void;
  neighbors(key: string): string[];
}

/**
 * The library's own steps of a synchronous ForceAtlas2 run (its index.js), which read any LayoutTarget: the node and
 * edge matrices, the iteration, and writing positions back. A run in a worker thread uses the same steps (layout-thread.ts).
 */
export const forceAtlas2Steps = {
  helpers: require('graphology-layout-forceatlas2/helpers.js') as {
    graphToByteArrays(graph: LayoutTarget, weight: (edge: string, attributes: { weight?: unknown }) => number): { nodes: Float32Array; edges: Float32Array };
    assignLayoutChanges(graph: LayoutTarget, nodes: Float32Array, reducer: null): void;
  },
  iterate: require('graphology-layout-forceatlas2/iterate.js') as (settings: Required<ForceAtlas2Settings>, nodes: Float32Array, edges: Float32Array) => void,
  weight: (require('graphology-utils/getters') as { createEdgeWeightGetter(name: string): { fromEntry: (edge: string, attributes: { weight?: unknown }) => number } })
    .createEdgeWeightGetter('weight').fromEntry,
  /** The matrices the run iterates over. */
  matrices(work: LayoutTarget) {
    return forceAtlas2Steps.helpers.graphToByteArrays(work, forceAtlas2Steps.weight);
  },
};

export interface LayoutOptions {
  seed: number;
  /**
   * Positions from an earlier build, by node key. When they cover most nodes, the layout continues from them instead
   * of starting again, so adding an article does not reshuffle the picture (and costs little).
   */
  previous?: ReadonlyMap<string, { x: number; y: number }>;
  /** ForceAtlas2 iterations; `auto` scales them down as the graph grows so big corpora stay fast. */
  iterations: number | 'auto';
  /** Run noverlap after ForceAtlas2 (skipped above `noverlapMaxNodes`). */
  noverlap: boolean;
  noverlapMaxNodes: number;
  /**
   * From this many nodes a build runs a fresh ForceAtlas2 in a worker thread, and meanwhile writes what does not
   * depend on positions (layout-thread.ts). Same positions either way.
   */
  threadMinNodes: number;
}

export const LAYOUT_DEFAULTS: LayoutOptions = { seed: 42, iterations: 'auto', noverlap: true, noverlapMaxNodes: 5000, threadMinNodes: 5000 };

/** Share of nodes with an earlier position above which the earlier layout is kept and only new nodes are placed. */
const REUSE_SHARE = 0.9;

/**
 * Iterations within a fixed amount of work, so the layout costs about the same on any corpus (roughly 1–2 s here):
 * a Barnes–Hut iteration costs about n log n + m. Small graphs get up to 500 iterations and settle fully; a graph
 * of 90k nodes gets one, and is better laid out live in the viewer.
 */
export function autoIterations(graph: { order: number; size: number }): number {
  const n = Math.max(2, graph.order);
  const work = n * Math.log2(n) + graph.size;
  return Math.max(1, Math.min(500, Math.floor(2_000_000 / work)));
}

const round = (v: number) => Math.round(v * 100) / 100;
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What the layouts read: each node's position and size, each edge's weight. */
type LayoutGraph = MultiDirectedGraph<Placed, { weight: number }>;

/**
 * A copy of the graph with only what the layouts read, in the graph's order (so they give what they would give on
 * the graph itself, without copying every attribute and evidence list); the nodes alone for noverlap, which reads
 * nothing else.
 */
function layoutCopy(graph: LayoutTarget, withEdges = true): LayoutGraph {
  const work: LayoutGraph = new MultiDirectedGraph();
  graph.forEachNode((key, { x, y, size }) => { work.addNode(key, { x, y, size }); });
  if (withEdges) graph.forEachEdge((key, { weight }, source, target) => { work.addDirectedEdgeWithKey(key, source, target, { weight }); });
  return work;
}

/** Whether `known` of `order` nodes having an earlier position is enough for the layout to continue from them. */
export function canContinue(known: number, order: number): boolean {
  return order > 0 && known / order >= REUSE_SHARE;
}

/** Whether `previous` places enough of the graph's nodes for the layout to continue from it. */
function continues(graph: LayoutTarget, previous: LayoutOptions['previous']): previous is ReadonlyMap<string, { x: number; y: number }> {
  if (!previous) return false;
  let known = 0;
  graph.forEachNode((key) => { if (previous.has(key)) known++; });
  return canContinue(known, graph.order);
}

/** Each node's start depends only on its key and the seed, so adding an article barely moves the others. */
function seedPositions(work: LayoutTarget, seed: number): void {
  const radius = Math.sqrt(Math.max(1, work.order)) * 10;
  work.forEachNode((key, attrs) => {
    const rand = seededRandom(hashString(key, seed));
    attrs.x = (rand() * 2 - 1) * radius;
    attrs.y = (rand() * 2 - 1) * radius;
  });
}

/** The ForceAtlas2 run for the graph (its settings complete, as the library would fill them in); none without edges. */
function forceAtlas2Run(work: { order: number; size: number }, o: LayoutOptions): ForceAtlas2Run | undefined {
  if (work.size === 0) return undefined;
  const inferred = forceAtlas2.inferSettings(work.order);
  return {
    iterations: o.iterations === 'auto' ? autoIterations(work) : o.iterations,
    settings: { ...FA2_DEFAULTS, ...inferred, adjustSizes: false },
  };
}

/** noverlap where the graph is small enough, then positions rounded to hundredths. */
function finishLayout(work: LayoutTarget, o: LayoutOptions): void {
  if (o.noverlap && work.order <= o.noverlapMaxNodes) {
    const settings = { maxIterations: 100, settings: { margin: 2, ratio: 1.2 } };
    if (isGraph(work)) noverlap.assign(work, settings);
    else {
      // noverlap takes graphology graphs only, and reads nodes alone: a copy of them, in the same order, will do.
      const copy = layoutCopy(work, false);
      noverlap.assign(copy, settings);
      work.forEachNode((key, attrs) => {
        attrs.x = copy.getNodeAttribute(key, 'x');
        attrs.y = copy.getNodeAttribute(key, 'y');
      });
    }
  }
  work.forEachNode((_, attrs) => {
    attrs.x = round(attrs.x);
    attrs.y = round(attrs.y);
  });
}

/** A ForceAtlas2 run: how many iterations, with what settings. */
export interface ForceAtlas2Run {
  iterations: number;
  settings: Required<ForceAtlas2Settings>;
}

/** Runs ForceAtlas2 from the graph's positions, in this thread. */
export function runForceAtlas2(work: LayoutTarget, run: ForceAtlas2Run): void {
  const { nodes, edges } = forceAtlas2Steps.matrices(work);
  for (let i = 0; i < run.iterations; i++) forceAtlas2Steps.iterate(run.settings, nodes, edges);
  forceAtlas2Steps.helpers.assignLayoutChanges(work, nodes, null);
}

/** Seeded start positions, ForceAtlas2, then noverlap, written into `work`'s node attributes and rounded. */
function runLayouts(work: LayoutTarget, o: LayoutOptions): void {
  seedPositions(work, o.seed);
  const run = forceAtlas2Run(work, o);
  if (run) runForceAtlas2(work, run);
  finishLayout(work, o);
}

/**
 * `layout.assign` with its ForceAtlas2 run handed out, to run elsewhere (layout-thread.ts): the graph gets its start
 * positions, and `finish` takes it on from the positions the run left. Without a fresh run to hand out (the last
 * layout continued, or no edges), the layout is assigned here and now, and undefined returned.
 */
export function beginLayout(graph: LayoutTarget, options: Partial<LayoutOptions> = {}): { run: ForceAtlas2Run; finish(): void } | undefined {
  const o = { ...LAYOUT_DEFAULTS, ...options };
  if (continues(graph, o.previous)) {
    const positions = continueLayout(graph, o.previous, o.seed);
    graph.forEachNode((key, attrs) => {
      const p = positions[key]!;
      attrs.x = p.x;
      attrs.y = p.y;
    });
    return undefined;
  }
  seedPositions(graph, o.seed);
  const run = forceAtlas2Run(graph, o);
  const finish = () => finishLayout(graph, o);
  if (run) return { run, finish };
  finish();
  return undefined;
}

/** Positions for every node, as `{ key: { x, y } }`; the graph is left as it is. */
export function layout(graph: NewsGraph, options: Partial<LayoutOptions> = {}): Record<string, { x: number; y: number }> {
  const o = { ...LAYOUT_DEFAULTS, ...options };
  if (continues(graph, o.previous)) return continueLayout(graph, o.previous, o.seed);
  const work = layoutCopy(graph);
  runLayouts(work, o);
  const positions: Record<string, { x: number; y: number }> = {};
  work.forEachNode((key, attrs) => { positions[key] = { x: attrs.x, y: attrs.y }; });
  return positions;
}

/** Keeps earlier positions and places the nodes that have none (see placeNewNodes). */
function continueLayout(graph: LayoutTarget, previous: ReadonlyMap<string, { x: number; y: number }>, seed: number): Record<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  const fresh: string[] = [];
  let spread = 1;
  graph.forEachNode((key) => {
    const p = previous.get(key);
    if (p) {
      positions.set(key, { x: p.x, y: p.y });
      spread = Math.max(spread, Math.abs(p.x), Math.abs(p.y));
    } else fresh.push(key);
  });
  placeNewNodes(positions, fresh, (key) => graph.neighbors(key), { spread, seed });
  return Object.fromEntries(positions);
}

/**
 * Puts each new node at the centre of its already placed neighbours (or at its seeded start when it has none), a
 * small seeded step away so new nodes do not sit exactly on each other. New nodes go in key order and their
 * neighbours are summed in key order, so the result depends only on the graph and the earlier positions: an
 * incremental rebuild places them exactly as a full one does. `spread` is the largest coordinate already placed.
 */
export function placeNewNodes(positions: Map<string, { x: number; y: number }>, fresh: readonly string[],
  neighboursOf: (key: string) => readonly string[], o: { spread: number; seed: number }): void {
  const step = o.spread * 0.02;
  for (const key of [...fresh].sort(byKey)) {
    const rand = seededRandom(hashString(key, o.seed));
    const placed = [...neighboursOf(key)].sort(byKey).map((n) => positions.get(n)).filter((p): p is { x: number; y: number } => !!p);
    const base = placed.length
      ? { x: placed.reduce((s, p) => s + p.x, 0) / placed.length, y: placed.reduce((s, p) => s + p.y, 0) / placed.length }
      : { x: (rand() * 2 - 1) * o.spread, y: (rand() * 2 - 1) * o.spread };
    positions.set(key, { x: round(base.x + (rand() * 2 - 1) * step), y: round(base.y + (rand() * 2 - 1) * step) });
  }
}

/**
 * Writes the positions into the graph's `x` and `y` attributes. A fresh layout runs on the graph itself: a copy of
 * a 100k-node graph, even a bare one, was the largest thing in a corpus build's memory.
 */
layout.assign = function assign(graph: LayoutTarget, options: Partial<LayoutOptions> = {}): void {
  const begun = beginLayout(graph, options);
  if (!begun) return;
  runForceAtlas2(graph, begun.run);
  begun.finish();
};
