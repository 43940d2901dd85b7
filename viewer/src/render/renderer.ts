/**
 * With its program helper moving-points.ts, the only module that imports sigma (and its satellites @sigma/edge-curve
 * and @sigma/export-image), so moving to another sigma version or renderer touches this folder alone. It draws the
 * graph through the pure reducers in logic/reducers.ts and reports interactions through plain callbacks.
 */
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeLineProgram, EdgeRectangleProgram, NodeCircleProgram } from 'sigma/rendering';
import EdgeCurveProgram, { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import { toBlob } from '@sigma/export-image';
import type { ViewerSettings } from '../settings.js';
import type { DisplayGraph, ViewerEdgeAttrs, ViewerGraph, ViewerNodeAttrs } from '../logic/model.js';
import { edgeDisplay, isCoMentionLink, linkDisplay, nodeDisplay, NODE_PROGRAM, type EdgeProgram, type ReducerContext } from '../logic/reducers.js';
import { edgeProgramKeys, type RenderPlan } from '../logic/render-plan.js';
import { cameraMoving, createMovingPointProgram } from './moving-points.js';
import type { CameraView } from '../logic/url-hash.js';

export interface RendererEvents {
  clickNode(key: string): void;
  clickEdge(key: string): void;
  clickStage(): void;
  enterNode(key: string): void;
  leaveNode(key: string): void;
  enterEdge(key: string): void;
  leaveEdge(key: string): void;
  cameraMoved(view: CameraView): void;
}

const EDGE_PROGRAM_CLASSES = {
  thin: EdgeLineProgram,
  line: EdgeRectangleProgram,
  arrow: EdgeArrowProgram,
  curved: EdgeCurveProgram,
  curvedArrow: EdgeCurvedArrowProgram,
} as const satisfies Record<EdgeProgram, unknown>;

/** How often to look whether the camera has stopped, after a frame drawn without picking. */
const PICKING_CHECK_MS = 120;

/** Sigma's own edge program keys come first in its drawing order; see edgeProgramKeys. */
const SIGMA_EDGE_KEYS = ['arrow', 'line', 'edges-3', 'edges-4', 'edges-5'] as const;

/** The layout's extent, which the camera is framed on whatever part of the graph is drawn. */
export interface Extent {
  x: [number, number];
  y: [number, number];
}

export class GraphRenderer {
  private readonly sigma: Sigma;
  /** What is drawn: the part of the graph the view keeps (visibility.ts). */
  private readonly graph: DisplayGraph;
  private readonly settings: ViewerSettings;
  private readonly context: () => ReducerContext;
  /** Our edge program names → sigma's program keys, and back. */
  private readonly edgeKeys: Map<EdgeProgram, string>;
  private readonly edgePrograms: Map<string, EdgeProgram>;
  readonly edgeEvents: boolean;
  private readonly resizeObserver: ResizeObserver;
  /** The last frame skipped the node picking pass (camera moving): one full frame is owed once the camera stops. */
  private pickingStale = false;
  private pickingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Pixels at the bottom of the stage covered by something else (the details sheet on a phone). */
  bottomInset: () => number = () => 0;

  /**
   * `programs`: the edge programs the reducers may ask for. Each registered program is compiled up front, which costs
   * time with software WebGL, so unused ones are left out.
   */
  constructor(container: HTMLElement, graph: DisplayGraph, model: ViewerGraph, extent: Extent, settings: ViewerSettings, plan: RenderPlan, programs: ReadonlySet<EdgeProgram>,
    context: () => ReducerContext, events: RendererEvents) {
    this.graph = graph;
    this.settings = settings;
    this.context = context;
    this.edgeKeys = edgeProgramKeys(programs, SIGMA_EDGE_KEYS);
    this.edgePrograms = new Map([...this.edgeKeys].map(([program, key]) => [key, program]));
    const edgeProgramClasses = Object.fromEntries([...this.edgeKeys].map(([program, key]) => [key, EDGE_PROGRAM_CLASSES[program]]));
    const fallbackKey = this.edgeKeys.values().next().value ?? 'arrow';
    this.edgeEvents = plan.edgeEvents;
    this.sigma = new Sigma(graph as unknown as ViewerGraph, container, {
      // Edge labels cost a pass over every edge per frame; on only while some edge can have a label (see refresh).
      renderEdgeLabels: this.wantsEdgeLabels(),
      enableEdgeEvents: plan.edgeEvents,
      hideEdgesOnMove: plan.hideEdgesOnMove,
      labelDensity: settings.labelDensity,
      labelGridCellSize: settings.labelGridCellSize,
      labelRenderedSizeThreshold: settings.labelRenderedSizeThreshold,
      labelFont: settings.labelFont,
      edgeLabelFont: settings.labelFont,
      edgeLabelSize: 11,
      zIndex: true,
      minCameraRatio: 0.01,
      maxCameraRatio: 20,
      defaultNodeType: NODE_PROGRAM,
      defaultEdgeType: fallbackKey,
      nodeProgramClasses: {
        [NODE_PROGRAM]: plan.pointNodes ? createMovingPointProgram((sigma, skipped) => this.frameDrawn(sigma, skipped)) : NodeCircleProgram,
      },
      nodeHoverProgramClasses: { [NODE_PROGRAM]: NodeCircleProgram },
      edgeProgramClasses,
      nodeReducer: (key, data) => nodeDisplay(key, data as ViewerNodeAttrs, context()),
      edgeReducer: (key, data) => {
        const attrs = data as ViewerEdgeAttrs;
        // Read from the graph drawn, which holds the edge and both its ends (the whole graph may not have its edges yet).
        const drawn = graph as unknown as ViewerGraph;
        const display = isCoMentionLink(attrs) ? linkDisplay(attrs, graph.source(key), graph.target(key), drawn, context()) : edgeDisplay(key, attrs, drawn, context());
        (display as { type: string }).type = this.edgeKeys.get(display.type) ?? fallbackKey;
        return display;
      },
    });
    const s = this.sigma;
    // Framed on the whole layout, not on what is drawn: narrowing the view must not move the picture.
    this.setExtent(extent);
    s.on('clickNode', ({ node }) => events.clickNode(node));
    s.on('clickEdge', ({ edge }) => events.clickEdge(edge));
    s.on('clickStage', () => events.clickStage());
    s.on('enterNode', ({ node }) => events.enterNode(node));
    s.on('leaveNode', ({ node }) => events.leaveNode(node));
    s.on('enterEdge', ({ edge }) => events.enterEdge(edge));
    s.on('leaveEdge', ({ edge }) => events.leaveEdge(edge));
    s.getCamera().on('updated', () => events.cameraMoved(this.getCamera()));
    // Sigma follows window resizes only; the stage also changes size when the panel opens or closes.
    // The observer also reports the initial size; refreshing then would process the whole graph a second time.
    this.resizeObserver = new ResizeObserver(() => {
      const { width, height } = s.getDimensions();
      if (container.offsetWidth !== width || container.offsetHeight !== height) s.scheduleRefresh();
    });
    this.resizeObserver.observe(container);
  }

  /**
   * Resolves once the GPU has finished the frames drawn so far, so a "first frame" time includes the drawing, not just
   * the commands being queued (software WebGL can take seconds after the JS is done). WebGL2 fences are polled
   * without blocking the page; a WebGL1 context falls back to a 1-pixel readPixels, which blocks until done.
   */
  async gpuDone(): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const canvas of Object.values(this.sigma.getCanvases())) {
      const gl2 = canvas.getContext('webgl2');
      if (gl2) {
        const fence = gl2.fenceSync(gl2.SYNC_GPU_COMMANDS_COMPLETE, 0);
        gl2.flush();
        if (!fence) continue;
        waits.push(new Promise<void>((resolve) => {
          const poll = () => {
            if (gl2.isContextLost() || gl2.getSyncParameter(fence, gl2.SYNC_STATUS) === gl2.SIGNALED) {
              gl2.deleteSync(fence);
              resolve();
            } else {
              setTimeout(poll, 2);
            }
          };
          poll();
        }));
        continue;
      }
      const gl = canvas.getContext('webgl');
      if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    }
    await Promise.all(waits);
  }

  /** Keeps the picking texture in step: after frames drawn without it, draws once more when the camera has stopped. */
  private frameDrawn(sigma: object, pickingSkipped: boolean): void {
    // The PNG export draws through a second sigma with the same programs.
    if (sigma !== this.sigma) return;
    this.pickingStale = pickingSkipped;
    if (!pickingSkipped) return;
    clearTimeout(this.pickingTimer);
    const check = () => {
      if (!this.pickingStale) return;
      if (cameraMoving(this.sigma)) this.pickingTimer = setTimeout(check, PICKING_CHECK_MS);
      else this.sigma.scheduleRender();
    };
    this.pickingTimer = setTimeout(check, PICKING_CHECK_MS);
  }

  /** Edge labels show when zoomed in and on the focused edges; otherwise no edge has one. */
  private wantsEdgeLabels(): boolean {
    const { state, focus } = this.context();
    return state.zoomedIn || focus !== null;
  }

  /** Frames the camera on this extent of the layout (after the live layout moved the nodes). */
  setExtent(extent: Extent): void {
    this.sigma.setCustomBBox({ x: extent.x, y: extent.y });
    // The frame takes effect when sigma next processes the graph, not on a render.
    this.sigma.refresh({ schedule: true });
  }

  /** The part of the layout the stage shows, in layout coordinates. */
  viewportExtent(): Extent {
    const { width, height } = this.sigma.getDimensions();
    const a = this.sigma.viewportToGraph({ x: 0, y: 0 });
    const b = this.sigma.viewportToGraph({ x: width, y: height });
    return { x: [Math.min(a.x, b.x), Math.max(a.x, b.x)], y: [Math.min(a.y, b.y), Math.max(a.y, b.y)] };
  }

  /** Re-runs the reducers (after a state change) and draws on the next frame. */
  refresh(): void {
    const edgeLabels = this.wantsEdgeLabels();
    // setSetting refreshes as well.
    if (edgeLabels !== this.sigma.getSetting('renderEdgeLabels')) this.sigma.setSetting('renderEdgeLabels', edgeLabels);
    else this.sigma.refresh({ schedule: true });
  }

  getCamera(): CameraView {
    const { x, y, ratio, angle } = this.sigma.getCamera().getState();
    return { x, y, ratio, angle };
  }

  setCamera(view: CameraView, animate = false): void {
    const camera = this.sigma.getCamera();
    if (animate) void camera.animate(view, { duration: this.settings.cameraAnimationMs });
    else camera.setState(view);
  }

  /**
   * Animates the camera to the middle of `nodes`, zoomed so that the nearest of `context` (the neighbours) stay in
   * view, never zooming out. Waits for the next frame: sigma's display cache holds unnormalised positions between a
   * refresh and the next render, and the stage may just have changed size (the panel opened).
   */
  private animateTo(nodes: string[], context: string[]): void {
    this.sigma.once('afterRender', () => {
      const points = nodes.map((n) => this.sigma.getNodeDisplayData(n)).filter((d) => !!d);
      if (!points.length) return;
      const x = points.reduce((sum, p) => sum + p.x, 0) / points.length;
      const y = points.reduce((sum, p) => sum + p.y, 0) / points.length;
      // At ratio 1 the whole graph spans about one unit of these coordinates across the stage.
      const distances = [...points, ...context.map((n) => this.sigma.getNodeDisplayData(n)).filter((d) => !!d && !d.hidden)]
        .map((p) => Math.max(Math.abs(p!.x - x), Math.abs(p!.y - y)))
        .sort((a, b) => a - b)
        .slice(0, this.settings.focusNeighbours + points.length);
      const fit = 2.4 * (distances.at(-1) ?? 0);
      const camera = this.sigma.getCamera();
      const current = camera.getState().ratio;
      const ratio = Math.min(current, Math.max(this.settings.focusRatio, Math.min(fit, 1)));
      // Centre the node in the part of the stage left visible: move the camera down by half the covered height.
      const inset = this.bottomInset() / 2;
      const top = this.sigma.viewportToFramedGraph({ x: 0, y: 0 });
      const below = this.sigma.viewportToFramedGraph({ x: 0, y: inset });
      const scale = ratio / current;
      void camera.animate({ x: x + (below.x - top.x) * scale, y: y + (below.y - top.y) * scale, ratio }, { duration: this.settings.cameraAnimationMs });
    });
    this.sigma.scheduleRender();
  }

  /** Centres the camera on a node and its nearest neighbours. */
  focusNode(key: string): void {
    if (this.graph.hasNode(key)) this.animateTo([key], this.graph.neighbors(key));
  }

  /** Centres on an edge's two ends. */
  focusEdge(key: string): void {
    if (this.graph.hasEdge(key)) this.animateTo(this.graph.extremities(key), []);
  }

  zoom(factor: number): void {
    const camera = this.sigma.getCamera();
    if (factor > 1) void camera.animatedUnzoom({ duration: 200, factor });
    else void camera.animatedZoom({ duration: 200, factor: 1 / factor });
  }

  resetCamera(): void {
    void this.sigma.getCamera().animatedReset({ duration: this.settings.cameraAnimationMs });
  }

  /** Keys of the nodes sigma currently draws (after the reducers): the debug hook and tests read this. */
  visibleNodeKeys(): string[] {
    return this.graph.filterNodes((key) => {
      const data = this.sigma.getNodeDisplayData(key);
      return !!data && !data.hidden;
    });
  }

  /** What sigma draws for a node after the reducers (colour, label, hidden), or null for an unknown key. */
  nodeDisplay(key: string): { color: string; label: string | null; hidden: boolean; highlighted: boolean; size: number } | null {
    const data = this.graph.hasNode(key) ? this.sigma.getNodeDisplayData(key) : undefined;
    return data ? { color: data.color, label: data.label, hidden: data.hidden, highlighted: data.highlighted, size: data.size } : null;
  }

  /** Where a node is on screen, in CSS pixels relative to the graph container. */
  nodeViewport(key: string): { x: number; y: number } | null {
    if (!this.graph.hasNode(key)) return null;
    const { x, y } = this.graph.getNodeAttributes(key);
    return this.sigma.graphToViewport({ x, y });
  }

  /** What sigma draws for an edge after the reducers, with our program name, or null for an unknown key. */
  edgeDisplay(key: string): { type: EdgeProgram | null; color: string; hidden: boolean; size: number } | null {
    const data = this.graph.hasEdge(key) ? this.sigma.getEdgeDisplayData(key) : undefined;
    return data ? { type: this.edgePrograms.get(data.type) ?? null, color: data.color, hidden: data.hidden, size: data.size } : null;
  }

  /** Keys of the edges sigma draws (co-mention links included). */
  visibleEdgeKeys(): string[] {
    return this.graph.filterEdges((key) => {
      const data = this.sigma.getEdgeDisplayData(key);
      return !!data && !data.hidden;
    });
  }

  visibleEdgeCount(): number {
    let n = 0;
    this.graph.forEachEdge((key) => {
      const data = this.sigma.getEdgeDisplayData(key);
      if (data && !data.hidden) n++;
    });
    return n;
  }

  /** Calls `fn` after each drawn frame. */
  onRender(fn: () => void): () => void {
    this.sigma.on('afterRender', fn);
    return () => this.sigma.off('afterRender', fn);
  }

  /** A PNG of the current view (all layers, on the background colour). */
  exportPng(): Promise<Blob> {
    return toBlob(this.sigma, { format: 'png', backgroundColor: this.settings.backgroundColor });
  }

  kill(): void {
    clearTimeout(this.pickingTimer);
    this.resizeObserver.disconnect();
    this.sigma.kill();
  }
}
