/**
 * The "run layout" button: graphology's ForceAtlas2 supervisor (graphology-layout-forceatlas2/worker), with its
 * worker loaded from our own origin (see fa2-worker.ts) so the page keeps a strict Content-Security-Policy.
 */
import supervisorImport from 'graphology-layout-forceatlas2/worker.js';
import { inferSettings } from 'graphology-layout-forceatlas2';
import type { DisplayGraph } from '../logic/model.js';

type Supervisor = typeof supervisorImport.default;
// CommonJS module typed with an ES default export; see logic/communities.ts.
const FA2LayoutSupervisor: Supervisor = (supervisorImport as unknown as { default?: Supervisor }).default ?? (supervisorImport as unknown as Supervisor);

/** The supervisor's internals that spawnWorker touches (not in its typings). */
interface SupervisorInternals {
  worker: Worker | null;
  running: boolean;
  handleMessage: (event: MessageEvent) => void;
  start(): void;
}

function spawnSameOriginWorker(this: SupervisorInternals): void {
  if (this.worker) this.worker.terminate();
  this.worker = new Worker(new URL('./fa2-worker.ts', import.meta.url), { type: 'module', name: 'newsgraph-fa2' });
  this.worker.addEventListener('message', this.handleMessage);
  if (this.running) {
    this.running = false;
    this.start();
  }
}

class SameOriginFA2Layout extends FA2LayoutSupervisor {}
// The supervisor's constructor calls spawnWorker, so the override must be on the prototype before construction.
(SameOriginFA2Layout.prototype as unknown as { spawnWorker: () => void }).spawnWorker = spawnSameOriginWorker;

export class LiveLayout {
  private layout: InstanceType<Supervisor> | null = null;
  /** The graph drawn: the live layout moves what the user sees. */
  private readonly graph: DisplayGraph;

  constructor(graph: DisplayGraph) {
    this.graph = graph;
  }

  get running(): boolean {
    return !!this.layout?.isRunning();
  }

  start(): void {
    if (!this.layout) {
      const settings = { ...inferSettings(this.graph), barnesHutOptimize: this.graph.order > 1000 };
      this.layout = new SameOriginFA2Layout(this.graph, { settings, getEdgeWeight: 'weight' });
    }
    this.layout.start();
  }

  stop(): void {
    this.layout?.stop();
  }

  kill(): void {
    this.layout?.kill();
    this.layout = null;
  }
}
