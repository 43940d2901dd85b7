/**
 * The graph's edges as plain lists, what the view's first frame reads of them (visibility.ts, display-sync.ts):
 * a large graph from the compact form draws before its edges are added to graphology (the slowest step of its load);
 * `addTo` adds them once the first frame is drawn, for the panels, filters and search (docs/viewer.md).
 */
import type { ViewerEdgeAttrs, ViewerGraph } from './model.js';

export class EdgeTable {
  readonly keys: string[] = [];
  readonly sources: string[] = [];
  readonly targets: string[] = [];
  readonly attributes: ViewerEdgeAttrs[] = [];
  private index?: Map<string, number>;
  private around?: Map<string, number[]>;

  get size(): number {
    return this.keys.length;
  }

  push(key: string, source: string, target: string, attrs: ViewerEdgeAttrs): void {
    this.keys.push(key);
    this.sources.push(source);
    this.targets.push(target);
    this.attributes.push(attrs);
    this.index = undefined;
    this.around = undefined;
  }

  /** The graph's own edges, for a graph that has them already (graph.json, an opened file). */
  static of(graph: ViewerGraph): EdgeTable {
    const table = new EdgeTable();
    graph.forEachEdge((key, attrs, source, target) => table.push(key, source, target, attrs));
    return table;
  }

  private at(key: string): number | undefined {
    this.index ??= new Map(this.keys.map((k, i) => [k, i]));
    return this.index.get(key);
  }

  has(key: string): boolean {
    return this.at(key) !== undefined;
  }

  extremities(key: string): [string, string] {
    const i = this.at(key);
    if (i === undefined) throw new Error(`edge-table: no edge ${key}`);
    return [this.sources[i]!, this.targets[i]!];
  }

  get(key: string): ViewerEdgeAttrs | undefined {
    const i = this.at(key);
    return i === undefined ? undefined : this.attributes[i];
  }

  forEach(callback: (key: string, attrs: ViewerEdgeAttrs, source: string, target: string) => void): void {
    for (let i = 0; i < this.keys.length; i++) callback(this.keys[i]!, this.attributes[i]!, this.sources[i]!, this.targets[i]!);
  }

  /** The edges at a node, either way. */
  forEachAround(node: string, callback: (key: string, attrs: ViewerEdgeAttrs, source: string, target: string) => void): void {
    if (!this.around) {
      const around = new Map<string, number[]>();
      const add = (n: string, i: number) => {
        const list = around.get(n);
        if (list) list.push(i);
        else around.set(n, [i]);
      };
      for (let i = 0; i < this.keys.length; i++) {
        add(this.sources[i]!, i);
        if (this.targets[i] !== this.sources[i]) add(this.targets[i]!, i);
      }
      this.around = around;
    }
    for (const i of this.around.get(node) ?? []) callback(this.keys[i]!, this.attributes[i]!, this.sources[i]!, this.targets[i]!);
  }

  /** Adds the edges to a graph that has none yet (one from the compact form); a graph with edges has them all. */
  addTo(graph: ViewerGraph): void {
    if (graph.size > 0) return;
    for (let i = 0; i < this.keys.length; i++) graph.addDirectedEdgeWithKey(this.keys[i]!, this.sources[i]!, this.targets[i]!, this.attributes[i]!);
  }
}
