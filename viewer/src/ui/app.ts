/**
 * Wires the page together: one ViewState, the renderer drawing it through the reducers, the panels showing it, and
 * the URL hash mirroring it. Every interaction goes through `update`, so the hash, the panels and the canvas agree.
 */
import type { ViewerSettings } from '../settings.js';
import { buildArticleIndex, type ArticleIndex } from '../logic/articles.js';
import { detectCommunities, type Communities } from '../logic/communities.js';
import { filterCounts, isNodeVisible, toggleKind, toggleRelation } from '../logic/filters.js';
import type { ViewerGraph } from '../logic/model.js';
import { edgePanel, nodePanel } from '../logic/panel-model.js';
import { parallelEdgeSlots } from '../logic/parallel-edges.js';
import { computeFocus, edgeStyles, type EdgeProgram, type EdgeStyle, type ReducerContext } from '../logic/reducers.js';
import { renderPlan, type RenderPlan } from '../logic/render-plan.js';
import { SearchIndex } from '../logic/search.js';
import { nodeSizes } from '../logic/sizing.js';
import { decodeHash, encodeHash, type CameraView, type HashView } from '../logic/url-hash.js';
import { INITIAL_VIEW_STATE, sameSelection, type Selection, type ViewState } from '../logic/view-state.js';
import { GraphRenderer } from '../render/renderer.js';
import { LiveLayout } from '../render/live-layout.js';
import { byId, clear } from './dom.js';
import { renderFilters, syncFilterChecks } from './filters-panel.js';
import { SearchBox } from './search-box.js';
import { renderEdgePanel, renderNodePanel, type PanelCallbacks } from './side-panel.js';

export interface AppTimings {
  /** ms from navigation start to the first drawn frame of the current graph. */
  firstFrame: number | null;
}

export class ViewerApp {
  readonly graph: ViewerGraph;
  readonly renderer: GraphRenderer;
  readonly timings: AppTimings = { firstFrame: null };
  private readonly settings: ViewerSettings;
  private readonly plan: RenderPlan;
  private state: ViewState;
  private readonly sizes: ReadonlyMap<string, number>;
  private readonly edgeStyles: ReadonlyMap<string, EdgeStyle>;
  private readonly articles: ArticleIndex;
  private searchIndex: SearchIndex | null = null;
  private communities: Communities | null = null;
  private readonly layout: LiveLayout;
  private context: ReducerContext;
  private lastHash = '';
  private hashTimer: ReturnType<typeof setTimeout> | undefined;
  private frames = 0;
  private readonly cleanups: (() => void)[] = [];
  /** Removes every page listener this instance added when another graph replaces it. */
  private readonly abort = new AbortController();
  private readonly panelCallbacks: PanelCallbacks;

  constructor(graph: ViewerGraph, settings: ViewerSettings, container: HTMLElement) {
    this.graph = graph;
    this.settings = settings;
    this.plan = renderPlan(graph.order, graph.size, settings);
    this.state = { ...INITIAL_VIEW_STATE, colorMode: settings.colorMode };
    this.sizes = nodeSizes(graph, settings);
    this.edgeStyles = edgeStyles(graph, parallelEdgeSlots(graph), settings);
    this.articles = buildArticleIndex(graph);
    this.layout = new LiveLayout(graph);
    this.panelCallbacks = {
      selectNode: (key) => this.select({ type: 'node', key }, true),
      selectEdge: (key) => this.select({ type: 'edge', key }, true),
    };
    // The hash is applied before the first frame, so a shared link never flashes the unfiltered graph.
    const initial = decodeHash(location.hash);
    this.state = this.stateFromHash(initial);
    if (this.state.colorMode === 'community') this.ensureCommunities();
    this.context = this.makeContext();
    // The panel first, so sigma measures the stage at its final width and a linked camera lands where it was.
    this.renderPanel();
    const programs = new Set<EdgeProgram>([...this.edgeStyles.values()].map((s) => s.type));
    if (this.plan.thinEdges) programs.add('thin');
    this.renderer = new GraphRenderer(container, graph, settings, this.plan, programs, () => this.context, {
      clickNode: (key) => this.select({ type: 'node', key }, false),
      clickEdge: (key) => this.select({ type: 'edge', key }, false),
      clickStage: () => this.select(null, false),
      enterNode: (key) => this.hover({ hoveredNode: key }),
      leaveNode: () => this.hover({ hoveredNode: null }),
      enterEdge: (key) => this.hover({ hoveredEdge: key }),
      leaveEdge: () => this.hover({ hoveredEdge: null }),
      cameraMoved: (view) => this.cameraMoved(view),
    });
    performance.mark('newsgraph:sigma-ready');
    this.renderer.bottomInset = () => {
      const panel = byId('panel');
      // On narrow screens the panel is a sheet over the stage rather than a column beside it.
      return !panel.hidden && getComputedStyle(panel).position === 'fixed' ? panel.getBoundingClientRect().height : 0;
    };
    this.cleanups.push(this.renderer.onRender(() => { this.frames++; }));
    if (initial.camera) this.renderer.setCamera(initial.camera);
    else if (this.state.selection?.type === 'node') this.renderer.focusNode(this.state.selection.key);
    // First frame = the GPU has finished drawing it (software WebGL can take seconds after the JS is done).
    void this.renderer.gpuDone().then(() => {
      this.timings.firstFrame = performance.now();
      performance.mark('newsgraph:first-frame');
    });
    this.lastHash = location.hash;
    this.mountChrome();
    window.addEventListener('hashchange', () => this.hashChanged(), { signal: this.abort.signal });
  }

  // --- state -------------------------------------------------------------------------------------------------

  private makeContext(): ReducerContext {
    return {
      state: this.state,
      focus: computeFocus(this.graph, this.state),
      sizes: this.sizes,
      edgeStyles: this.edgeStyles,
      thinEdges: this.plan.thinEdges,
      communityColors: this.state.colorMode === 'community' ? this.communities?.colors ?? null : null,
      settings: this.settings,
    };
  }

  private update(patch: Partial<ViewState>): void {
    const before = this.state;
    this.state = { ...before, ...patch };
    this.context = this.makeContext();
    this.renderer.refresh();
    const viewChanged = before.filters !== this.state.filters || !sameSelection(before.selection, this.state.selection) || before.colorMode !== this.state.colorMode;
    if (viewChanged) {
      this.renderPanel();
      this.writeHash();
    }
  }

  private hover(patch: Pick<Partial<ViewState>, 'hoveredNode' | 'hoveredEdge'>): void {
    if (this.plan.hoverFade) this.update(patch);
  }

  private select(selection: Selection | null, centre: boolean): void {
    if (selection?.type === 'node' && !this.graph.hasNode(selection.key)) return;
    if (selection?.type === 'edge' && !this.graph.hasEdge(selection.key)) return;
    this.update({ selection, hoveredNode: null, hoveredEdge: null });
    if (centre && selection?.type === 'node') this.renderer.focusNode(selection.key);
    if (centre && selection?.type === 'edge') this.renderer.focusEdge(selection.key);
  }

  private ensureCommunities(): void {
    this.communities ??= detectCommunities(this.graph, this.settings.communitySeed);
  }

  private setColorMode(mode: 'kind' | 'community'): void {
    if (mode === 'community') this.ensureCommunities();
    this.update({ colorMode: mode });
    this.renderLegendNote();
  }

  // --- URL hash ----------------------------------------------------------------------------------------------

  private stateFromHash(view: HashView): ViewState {
    let selection = view.selection;
    if (selection?.type === 'node' && !this.graph.hasNode(selection.key)) selection = null;
    if (selection?.type === 'edge' && !this.graph.hasEdge(selection.key)) selection = null;
    return {
      ...this.state,
      filters: { hiddenKinds: new Set(view.hiddenKinds), hiddenRelations: new Set(view.hiddenRelations) },
      selection,
      colorMode: view.colorMode,
      hoveredNode: null,
      hoveredEdge: null,
    };
  }

  private currentHash(): string {
    return encodeHash({
      selection: this.state.selection,
      hiddenKinds: [...this.state.filters.hiddenKinds],
      hiddenRelations: [...this.state.filters.hiddenRelations],
      colorMode: this.state.colorMode,
      camera: this.renderer.getCamera(),
    });
  }

  private writeHash(): void {
    clearTimeout(this.hashTimer);
    const hash = this.currentHash();
    if (hash === this.lastHash) return;
    this.lastHash = hash;
    // replaceState: panning should not flood the back button, and it fires no hashchange.
    history.replaceState(history.state, '', hash || `${location.pathname}${location.search}`);
  }

  private cameraMoved(view: CameraView): void {
    const zoomedIn = view.ratio < this.settings.edgeLabelsBelowRatio;
    if (zoomedIn !== this.state.zoomedIn) this.update({ zoomedIn });
    clearTimeout(this.hashTimer);
    this.hashTimer = setTimeout(() => this.writeHash(), this.settings.hashDelayMs);
  }

  private hashChanged(): void {
    if (location.hash === this.lastHash) return;
    const view = decodeHash(location.hash);
    if (view.colorMode === 'community') this.ensureCommunities();
    this.lastHash = location.hash;
    const next = this.stateFromHash(view);
    this.update(next);
    syncFilterChecks(byId('filters'), this.state.filters);
    byId<HTMLSelectElement>('color-mode').value = this.state.colorMode;
    this.renderLegendNote();
    if (view.camera) this.renderer.setCamera(view.camera, true);
    else if (next.selection?.type === 'node') this.renderer.focusNode(next.selection.key);
  }

  // --- page chrome -------------------------------------------------------------------------------------------

  private listen<K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, fn: (event: HTMLElementEventMap[K]) => void): void {
    target.addEventListener(type, fn, { signal: this.abort.signal });
  }

  private mountChrome(): void {
    const counts = filterCounts(this.graph);
    renderFilters(byId('kind-filters'), byId('relation-filters'), counts, this.state.filters, {
      kind: (kind, visible) => this.update({ filters: toggleKind(this.state.filters, kind, visible) }),
      relation: (relation, visible) => this.update({ filters: toggleRelation(this.state.filters, relation, visible) }),
    });
    byId('graph-summary').textContent = `${this.graph.order.toLocaleString('en')} nodes · ${this.graph.size.toLocaleString('en')} edges` +
      (this.renderer.edgeEvents ? '' : ' · edge hover off for this size (select edges from the panel)');
    this.renderLegendNote();

    const search = byId<HTMLInputElement>('search');
    search.disabled = false;
    search.value = '';
    new SearchBox({
      input: search,
      list: byId<HTMLUListElement>('suggestions'),
      limit: this.settings.searchLimit,
      index: () => (this.searchIndex ??= new SearchIndex(this.graph.mapNodes((key, a) => ({ key, label: a.label, aliases: a.aliases, weight: this.graph.degree(key) })))),
      accept: (key) => isNodeVisible(this.graph, this.state.filters, key),
      kindOf: (key) => this.graph.getNodeAttribute(key, 'kind'),
      choose: (key) => this.select({ type: 'node', key }, true),
      signal: this.abort.signal,
    });

    const layoutButton = byId<HTMLButtonElement>('layout-toggle');
    layoutButton.disabled = false;
    const showLayout = () => {
      layoutButton.textContent = this.layout.running ? 'Stop layout' : 'Run layout';
      layoutButton.setAttribute('aria-pressed', String(this.layout.running));
    };
    showLayout();
    this.listen(layoutButton, 'click', () => {
      if (this.layout.running) this.layout.stop();
      else this.layout.start();
      showLayout();
    });

    const colorMode = byId<HTMLSelectElement>('color-mode');
    colorMode.disabled = false;
    colorMode.value = this.state.colorMode;
    this.listen(colorMode, 'change', () => this.setColorMode(colorMode.value === 'community' ? 'community' : 'kind'));

    for (const [id, action] of [
      ['zoom-in', () => this.renderer.zoom(1 / 1.5)],
      ['zoom-out', () => this.renderer.zoom(1.5)],
      ['zoom-reset', () => this.renderer.resetCamera()],
    ] as const) {
      const button = byId<HTMLButtonElement>(id);
      button.disabled = false;
      this.listen(button, 'click', action);
    }

    const exportButton = byId<HTMLButtonElement>('export-png');
    exportButton.disabled = false;
    this.listen(exportButton, 'click', () => void this.downloadPng());

    this.listen(byId('panel-close'), 'click', () => this.select(null, false));
  }

  private renderLegendNote(): void {
    const note = byId('legend-note');
    if (this.state.colorMode === 'community' && this.communities) {
      const big = this.communities.sizes.filter((n) => n > 1).length;
      note.textContent = `Node colours show ${big} communit${big === 1 ? 'y' : 'ies'} (Louvain); the swatches below are kinds.`;
      note.hidden = false;
    } else {
      note.hidden = true;
    }
  }

  private renderPanel(): void {
    const panel = byId('panel');
    const body = byId('panel-body');
    const selection = this.state.selection;
    if (!selection) {
      panel.hidden = true;
      clear(body);
      document.body.classList.remove('has-panel');
      return;
    }
    if (selection.type === 'node') {
      renderNodePanel(body, nodePanel(this.graph, selection.key, this.state.filters, this.articles), this.panelCallbacks, this.settings.evidencePerRelation);
    } else {
      renderEdgePanel(body, edgePanel(this.graph, selection.key, this.articles), this.panelCallbacks);
    }
    panel.hidden = false;
    panel.scrollTop = 0;
    document.body.classList.add('has-panel');
  }

  async pngBlob(): Promise<Blob> {
    return this.renderer.exportPng();
  }

  private async downloadPng(): Promise<void> {
    const blob = await this.pngBlob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'newsgraph.png';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // --- read-only views for the debug hook ----------------------------------------------------------------------

  get view(): Readonly<ViewState> {
    return this.state;
  }

  get frameCount(): number {
    return this.frames;
  }

  get layoutRunning(): boolean {
    return this.layout.running;
  }

  destroy(): void {
    clearTimeout(this.hashTimer);
    this.abort.abort();
    for (const fn of this.cleanups.splice(0)) fn();
    this.layout.kill();
    this.renderer.kill();
  }
}
