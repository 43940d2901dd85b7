/**
 * Wires the page together: one ViewState, the part of the graph it keeps (visibility.ts) copied into the display
 * graph that the renderer draws through the reducers, the panels showing it, and the URL hash mirroring it. Every
 * interaction goes through `update`, so the hash, the panels and the canvas agree.
 */
import { MultiDirectedGraph } from 'graphology';
import { ARTICLE_CATEGORY } from '../../../src/schema/index.js';
import type { ViewerSettings } from '../settings.js';
import { buildArticleIndex, type ArticleIndex } from '../logic/articles.js';
import { detectCommunities, type Communities } from '../logic/communities.js';
import { filterCounts, isNodeVisible, toggleKind, toggleRelation } from '../logic/filters.js';
import type { DisplayGraph, ViewerGraph } from '../logic/model.js';
import { edgePanel, nodePanel } from '../logic/panel-model.js';
import { allowedArticles, buildCorpus, type Corpus, type Scope } from '../logic/corpus.js';
import { activeLayer, displaySet, rankNodes, type ActiveLayer, type CoMentionPair, type Display, type StoryCut } from '../logic/visibility.js';
import { syncDisplay } from '../logic/display-sync.js';
import { EdgeTable } from '../logic/edge-table.js';
import { pageRanks, scoreOf } from '../logic/ranking.js';
import { formatRange } from '../logic/time-range.js';
import type { EvidenceStore } from '../load/evidence-store.js';
import { fetchCoMentions } from '../load/co-mentions.js';
import { Timeline } from './timeline.js';
import { ArticlesPanel } from './articles-panel.js';
import { parallelEdgeSlots } from '../logic/parallel-edges.js';
import { computeFocus, edgeStyles, lazyEdgeStyles, type EdgeProgram, type ReducerContext } from '../logic/reducers.js';
import { renderPlan, type RenderPlan } from '../logic/render-plan.js';
import { SearchIndex } from '../logic/search.js';
import { nodeSizes } from '../logic/sizing.js';
import { decodeHash, encodeHash, type CameraView, type HashView } from '../logic/url-hash.js';
import { INITIAL_VIEW_STATE, sameSelection, type Selection, type ViewState } from '../logic/view-state.js';
import { GraphRenderer, type Extent } from '../render/renderer.js';
import { LiveLayout } from '../render/live-layout.js';
import { byId, clear } from './dom.js';
import { renderFilters, syncFilterChecks } from './filters-panel.js';
import { SearchBox } from './search-box.js';
import { renderEdgePanel, renderNodePanel, type PanelCallbacks } from './side-panel.js';

/** Where the parts of a graph not in memory come from: evidence sentences, co-mentions. */
export interface GraphSources {
  /**
   * The edges, when the graph does not hold them yet (a large compact graph): they are added to it once the first
   * frame is drawn (edge-table.ts).
   */
  edges?: EdgeTable;
  /** Fetches evidence per edge (a compact graph); null when the graph holds its evidence. */
  evidence: EvidenceStore | null;
  /** co-mentions.json, or null when there is none to ask for (a file opened from disk). */
  coMentionsUrl: string | null;
}

/** The layout's extent, with a margin of one unit so a single node still has one. */
function extentOf(graph: ViewerGraph): Extent {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  graph.forEachNode((_k, a) => {
    if (a.x < x0) x0 = a.x;
    if (a.x > x1) x1 = a.x;
    if (a.y < y0) y0 = a.y;
    if (a.y > y1) y1 = a.y;
  });
  if (!Number.isFinite(x0)) return { x: [0, 1], y: [0, 1] };
  return { x: [x0 - 1, x1 + 1], y: [y0 - 1, y1 + 1] };
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a === b || (a.size === b.size && [...a].every((x) => b.has(x)));
const sameScope = (a: Scope | null, b: Scope | null) => JSON.stringify(a) === JSON.stringify(b);

export interface AppTimings {
  /** ms from navigation start to the first drawn frame of the current graph. */
  firstFrame: number | null;
}

export class ViewerApp {
  readonly graph: ViewerGraph;
  /** What the renderer draws: the nodes and edges the view keeps, and co-mention links when shown. */
  readonly display: DisplayGraph;
  readonly renderer: GraphRenderer;
  readonly timings: AppTimings = { firstFrame: null };
  private readonly settings: ViewerSettings;
  private readonly plan: RenderPlan;
  private state: ViewState;
  private readonly sizes: ReadonlyMap<string, number>;
  private readonly edgeStyles: ReducerContext['edgeStyles'];
  /** Edge programs the styles may ask for, registered with sigma up front. */
  private readonly programs: Set<EdgeProgram>;
  private readonly articles: ArticleIndex;
  private corpusCache: Corpus | null = null;
  private readonly sources: GraphSources;
  /** The edges, which the view's own logic reads; the graph has them too once `edgesReady`. */
  private readonly table: EdgeTable;
  private edgesReady: boolean;
  private extent: Extent;
  /** What the kept articles keep (recomputed when the range, scope or co-mentions change), and what is drawn of it. */
  private active!: ActiveLayer;
  private activeKey = '';
  private allowed: ((id: string) => boolean) | null = null;
  /** The story cut's ranking, each node's place in it, and the nodes it always labels; made again with the kept statements. */
  private ranked: { key: string; list: string[]; position: Map<string, number>; labelled: Set<string> } | null = null;
  private pageRank: Map<string, number> | null = null;
  private shown!: Display;
  private shownSizes: ReadonlyMap<string, number>;
  private story = false;
  private viewport: StoryCut['viewport'] = null;
  private viewportTimer: ReturnType<typeof setTimeout> | undefined;
  private coMentionPairs: CoMentionPair[] | null = null;
  private coMentionLoad: Promise<void> | null = null;
  private timeline: Timeline | null = null;
  private articlesPanel: ArticlesPanel | null = null;
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

  constructor(graph: ViewerGraph, settings: ViewerSettings, container: HTMLElement, sources: GraphSources = { evidence: null, coMentionsUrl: null }) {
    this.graph = graph;
    this.settings = settings;
    this.sources = sources;
    this.table = sources.edges ?? EdgeTable.of(graph);
    // A small graph gets its edges at once; a large one after its first frame (edge-table.ts).
    if (this.table.size <= settings.thinEdgesAbove) this.table.addTo(graph);
    this.edgesReady = graph.size === this.table.size;
    this.plan = renderPlan(graph.order, this.table.size, settings);
    this.state = { ...INITIAL_VIEW_STATE, colorMode: settings.colorMode };
    this.sizes = nodeSizes(graph, settings);
    this.shownSizes = this.sizes;
    // A large graph draws its edges as thin lines but for the few focused: their styles are worked out when drawn
    // rather than for every edge up front, so every program is registered.
    if (this.plan.thinEdges) {
      this.edgeStyles = lazyEdgeStyles(graph, settings);
      this.programs = new Set<EdgeProgram>(['thin', 'line', 'arrow', 'curved', 'curvedArrow']);
    } else {
      const styles = edgeStyles(graph, parallelEdgeSlots(graph), settings);
      this.edgeStyles = styles;
      this.programs = new Set<EdgeProgram>([...styles.values()].map((style) => style.type));
    }
    this.articles = buildArticleIndex(graph);
    this.extent = extentOf(graph);
    this.display = new MultiDirectedGraph({ allowSelfLoops: true });
    this.layout = new LiveLayout(this.display);
    this.panelCallbacks = {
      selectNode: (key) => this.select({ type: 'node', key }, true),
      selectEdge: (key) => this.select({ type: 'edge', key }, true),
      expand: (key) => this.update({ expanded: new Set([...this.state.expanded, key]) }),
      expanded: (key) => this.state.expanded.has(key),
      loadEvidence: (edges) => this.sources.evidence?.load(edges) ?? Promise.resolve(),
    };
    // The hash is applied before the first frame, so a shared link never flashes the unfiltered graph.
    const initial = decodeHash(location.hash);
    this.state = this.stateFromHash(initial);
    if (this.state.colorMode === 'community') this.ensureCommunities();
    if (this.state.coMentions) this.loadCoMentions();
    this.refreshDisplay();
    this.context = this.makeContext();
    // The panel first, so sigma measures the stage at its final width and a linked camera lands where it was.
    this.renderPanel();
    this.renderer = new GraphRenderer(container, this.display, graph, this.extent, settings, this.plan, this.programs, () => this.context, {
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
    // The panels and their counts come after it: a large graph shows a little sooner. Both happen in one task, so the
    // page never reads as ready without its controls.
    void this.renderer.gpuDone().then(() => {
      if (this.abort.signal.aborted) return;
      this.timings.firstFrame = performance.now();
      performance.mark('newsgraph:first-frame');
      this.table.addTo(this.graph);
      this.edgesReady = true;
      this.renderPanel();
      this.mountChrome();
    });
    this.lastHash = location.hash;
    window.addEventListener('hashchange', () => this.hashChanged(), { signal: this.abort.signal });
  }

  // --- state -------------------------------------------------------------------------------------------------

  /** The articles and their days, worked out when first needed: a first view without a range or an article needs neither. */
  private get corpus(): Corpus {
    return (this.corpusCache ??= buildCorpus(this.articles));
  }

  /**
   * Brings the display graph in line with the state: the statements of the kept articles (a range, an article or a
   * publisher), co-mention links if shown, unconnected nodes hidden in a large graph, the story cut above a few
   * thousand nodes.
   */
  private refreshDisplay(): void {
    const { state, settings, graph } = this;
    const links = state.coMentions ? this.coMentionPairs : null;
    const activeKey = JSON.stringify([state.range, state.scope, !!links]);
    if (activeKey !== this.activeKey) {
      this.activeKey = activeKey;
      this.allowed = state.range || state.scope ? allowedArticles(this.corpus, state.range, state.scope) : null;
      this.active = activeLayer(graph, this.table, this.allowed, links);
      this.ranked = null;
    }
    const hideUnconnected = !state.showUnconnected && graph.order > settings.hideUnconnectedAbove && state.scope?.type !== 'article';
    const pool = hideUnconnected ? this.active.connected : this.active.candidates;
    this.story = pool.size > settings.storyAbove;
    if (state.rank === 'pagerank' && this.story) this.pageRank ??= pageRanks(graph, this.table);
    const score = scoreOf(graph, this.active, state.rank, this.pageRank);
    const rankKey = `${activeKey}|${state.rank}`;
    // Article nodes are the corpus's own furniture (listed in the articles tab): the cut ranks what the articles name.
    if (this.story && this.ranked?.key !== rankKey) {
      const list = rankNodes([...this.active.candidates].filter((key) => graph.getNodeAttribute(key, 'category') !== ARTICLE_CATEGORY), score);
      this.ranked = { key: rankKey, list, position: new Map(list.map((key, i) => [key, i])), labelled: new Set(list.slice(0, settings.storyLabels)) };
    }
    const position = this.ranked?.position;
    const pinned = [...state.pinned];
    if (state.selection?.type === 'node') pinned.push(state.selection.key);
    if (state.selection?.type === 'edge' && this.table.has(state.selection.key)) pinned.push(...this.table.extremities(state.selection.key));
    this.shown = displaySet(graph, this.table, this.active, {
      hideUnconnected,
      story: this.story ? { top: state.top ?? settings.storyTop, ranked: this.ranked!.list, viewport: this.viewport } : null,
      pinned, expanded: state.expanded, expandLimit: settings.expandLimit,
      score: this.story && position ? (key) => position.get(key) ?? Infinity : (key) => -score(key),
    });
    syncDisplay(this.display, graph, this.table, this.shown);
    this.shownSizes = this.allowed ? this.sizesInView() : this.sizes;
  }

  /** Sizes that follow the kept statements: a node's size shrinks on the build's log scale with the edges left to it. */
  private sizesInView(): Map<string, number> {
    const min = this.settings.minNodeSize;
    const sizes = new Map<string, number>();
    for (const key of this.shown.nodes) {
      const base = this.sizes.get(key) ?? min;
      const all = this.graph.degree(key);
      const kept = this.active.degrees.get(key) ?? 0;
      sizes.set(key, all ? min + (base - min) * (Math.log1p(kept) / Math.log1p(all)) : base);
    }
    return sizes;
  }

  private loadCoMentions(): void {
    const url = this.sources.coMentionsUrl;
    const note = byId('co-mentions-note');
    if (!url) {
      note.textContent = 'Co-mentions come with a served or exported graph (co-mentions.json).';
      note.hidden = false;
      return;
    }
    this.coMentionLoad ??= fetchCoMentions(url, this.graph).then((pairs) => {
      this.coMentionPairs = pairs;
      note.hidden = true;
      this.activeKey = '';
      this.update({});
      this.renderViewControls();
    }, (error: Error) => {
      this.coMentionLoad = null;
      note.textContent = error.message;
      note.hidden = false;
      this.update({ coMentions: false });
    });
  }

  private makeContext(): ReducerContext {
    return {
      state: this.state,
      focus: computeFocus(this.display, this.state),
      sizes: this.shownSizes,
      edgeWeights: this.allowed ? this.shown.edges : null,
      labelled: this.story ? this.ranked!.labelled : null,
      edgeStyles: this.edgeStyles,
      thinEdges: this.plan.thinEdges,
      communityColors: this.state.colorMode === 'community' ? this.communities?.colors ?? null : null,
      settings: this.settings,
    };
  }

  private update(patch: Partial<ViewState>): void {
    const before = this.state;
    this.state = { ...before, ...patch };
    const s = this.state;
    const corpusChanged = before.range !== s.range || !sameScope(before.scope, s.scope) || before.coMentions !== s.coMentions ||
      before.showUnconnected !== s.showUnconnected || before.top !== s.top || before.rank !== s.rank;
    const shownChanged = corpusChanged || !sameSet(before.expanded, s.expanded) || !sameSet(before.pinned, s.pinned) || !sameSelection(before.selection, s.selection) || !this.activeKey;
    if (shownChanged) this.refreshDisplay();
    this.context = this.makeContext();
    this.renderer.refresh();
    const viewChanged = corpusChanged || before.filters !== s.filters || !sameSelection(before.selection, s.selection) || before.colorMode !== s.colorMode ||
      !sameSet(before.expanded, s.expanded);
    if (viewChanged) {
      this.renderPanel();
      this.writeHash();
      this.renderViewControls();
    }
  }

  private hover(patch: Pick<Partial<ViewState>, 'hoveredNode' | 'hoveredEdge'>): void {
    if (this.plan.hoverFade) this.update(patch);
  }

  private select(selection: Selection | null, centre: boolean): void {
    if (selection?.type === 'node' && !this.graph.hasNode(selection.key)) return;
    if (selection?.type === 'edge' && !this.table.has(selection.key)) return;
    // A hover over a co-mention link is not a selection of an edge of the graph.
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
    if (selection?.type === 'edge' && !this.table.has(selection.key)) selection = null;
    return {
      ...this.state,
      filters: { hiddenKinds: new Set(view.hiddenKinds), hiddenRelations: new Set(view.hiddenRelations) },
      selection,
      colorMode: view.colorMode,
      hoveredNode: null,
      hoveredEdge: null,
      range: view.range,
      scope: view.scope,
      coMentions: view.coMentions,
      showUnconnected: view.showUnconnected,
      top: view.top,
      rank: view.rank,
      expanded: new Set(view.expanded.filter((key) => this.graph.hasNode(key))),
    };
  }

  private currentHash(): string {
    return encodeHash({
      selection: this.state.selection,
      hiddenKinds: [...this.state.filters.hiddenKinds],
      hiddenRelations: [...this.state.filters.hiddenRelations],
      colorMode: this.state.colorMode,
      camera: this.renderer.getCamera(),
      range: this.state.range,
      scope: this.state.scope,
      coMentions: this.state.coMentions,
      showUnconnected: this.state.showUnconnected,
      top: this.state.top,
      rank: this.state.rank,
      expanded: [...this.state.expanded],
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
    // The story cut shows more where the camera zooms in, once it rests.
    if (this.story) {
      clearTimeout(this.viewportTimer);
      this.viewportTimer = setTimeout(() => this.viewportChanged(), this.settings.hashDelayMs);
    }
  }

  private viewportChanged(): void {
    const v = this.renderer.viewportExtent();
    const e = this.extent;
    const share = ((v.x[1] - v.x[0]) * (v.y[1] - v.y[0])) / Math.max(1e-9, (e.x[1] - e.x[0]) * (e.y[1] - e.y[0]));
    this.viewport = share < 1 ? { x0: v.x[0], x1: v.x[1], y0: v.y[0], y1: v.y[1], share } : null;
    this.refreshDisplay();
    this.context = this.makeContext();
    this.renderer.refresh();
    this.renderViewControls();
  }

  private hashChanged(): void {
    if (location.hash === this.lastHash) return;
    const view = decodeHash(location.hash);
    if (view.colorMode === 'community') this.ensureCommunities();
    this.lastHash = location.hash;
    const next = this.stateFromHash(view);
    this.update(next);
    syncFilterChecks(byId('filters'), this.state.filters);
    this.timeline?.set(this.state.range);
    this.articlesPanel?.set(this.state.scope);
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
    this.renderLegendNote();
    this.mountCorpusChrome();

    const search = byId<HTMLInputElement>('search');
    search.disabled = false;
    search.value = '';
    new SearchBox({
      input: search,
      list: byId<HTMLUListElement>('suggestions'),
      limit: this.settings.searchLimit,
      index: () => (this.searchIndex ??= new SearchIndex(this.graph.mapNodes((key, a) => ({ key, label: a.label, aliases: a.aliases, weight: this.graph.degree(key) })))),
      // Any node the kept articles mention, drawn or not: choosing one brings it into the view.
      accept: (key) => isNodeVisible(this.graph, this.state.filters, key) && this.active.candidates.has(key),
      kindOf: (key) => this.graph.getNodeAttribute(key, 'kind'),
      choose: (key) => {
        if (!this.display.hasNode(key)) this.state = { ...this.state, pinned: new Set([...this.state.pinned, key]) };
        this.select({ type: 'node', key }, true);
      },
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
      if (this.layout.running) {
        this.layout.stop();
        // Framed on what the live layout moved: the nodes drawn (the rest kept their places).
        this.extent = extentOf(this.display as unknown as ViewerGraph);
        this.renderer.setExtent(this.extent);
      } else this.layout.start();
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

  /** The view controls, the timeline, the articles tab and the scope bar. */
  private mountCorpusChrome(): void {
    const unconnected = byId<HTMLInputElement>('unconnected-toggle');
    unconnected.checked = this.state.showUnconnected;
    this.listen(unconnected, 'change', () => this.update({ showUnconnected: unconnected.checked }));
    const coMentions = byId<HTMLInputElement>('co-mentions-toggle');
    coMentions.checked = this.state.coMentions;
    byId('co-mentions-note').hidden = true;
    this.listen(coMentions, 'change', () => {
      if (coMentions.checked && !this.coMentionPairs) this.loadCoMentions();
      this.update({ coMentions: coMentions.checked });
    });
    const top = byId<HTMLInputElement>('story-top');
    let topTimer: ReturnType<typeof setTimeout> | undefined;
    this.listen(top, 'input', () => {
      clearTimeout(topTimer);
      topTimer = setTimeout(() => this.update({ top: Number(top.value) }), 150);
    });
    const rank = byId<HTMLSelectElement>('story-rank');
    this.listen(rank, 'change', () => this.update({ rank: rank.value === 'pagerank' ? 'pagerank' : 'degree' }));
    this.listen(byId('scope-clear'), 'click', () => this.pick(null));

    this.timeline = new Timeline({
      histogram: this.corpus.histogram, range: this.state.range, stepMs: this.settings.playStepMs,
      change: (range) => this.update({ range }), signal: this.abort.signal,
    });
    const tabs = [byId('tab-filters'), byId('tab-articles')];
    const show = (tab: HTMLElement) => {
      for (const t of tabs) {
        t.setAttribute('aria-selected', String(t === tab));
        byId(t.getAttribute('aria-controls')!).hidden = t !== tab;
      }
      // The list of articles is made when first looked at, not before the first frame.
      if (tab.id === 'tab-articles' && !this.articlesPanel) {
        this.articlesPanel = new ArticlesPanel({ corpus: this.corpus, limit: 300, pick: (scope) => this.pick(scope), signal: this.abort.signal });
        this.articlesPanel.set(this.state.scope);
      }
    };
    for (const tab of tabs) this.listen(tab, 'click', () => show(tab));
    show(tabs[0]!);
    this.renderViewControls();
  }

  /** Narrows the view to an article (and selects its node) or a publisher's articles; null shows every article. */
  private pick(scope: Scope | null): void {
    let selection = this.state.selection;
    if (scope?.type === 'article') {
      const node = this.corpus.byId.get(scope.id)?.node;
      selection = node ? { type: 'node', key: node } : null;
    } else if (scope?.type === 'publisher') {
      const node = this.graph.findNode((_k, a) => a.kind === 'organisation' && a.label === scope.name);
      selection = node ? { type: 'node', key: node } : null;
    }
    this.update({ scope, selection, hoveredNode: null, hoveredEdge: null });
    this.articlesPanel?.set(scope);
    if (selection?.type === 'node') this.renderer.focusNode(selection.key);
    else this.renderer.resetCamera();
  }

  /** Counts and states of the view controls, the summary line and the scope bar. */
  private renderViewControls(): void {
    const { shown, state, graph } = this;
    const hideable = graph.order > this.settings.hideUnconnectedAbove && state.scope?.type !== 'article';
    byId('unconnected-row').hidden = !hideable;
    byId<HTMLInputElement>('unconnected-toggle').checked = state.showUnconnected;
    byId('unconnected-count').textContent = shown.hiddenUnconnected ? `${shown.hiddenUnconnected.toLocaleString('en')} hidden` : '';
    byId<HTMLInputElement>('co-mentions-toggle').checked = state.coMentions;
    byId('co-mentions-count').textContent = state.coMentions && this.coMentionPairs ? `${shown.links.size.toLocaleString('en')} shown` : '';
    const story = byId('story-controls');
    story.hidden = !this.story;
    if (this.story) {
      const pool = this.shown.nodes.size + this.shown.cutByStory;
      const top = byId<HTMLInputElement>('story-top');
      top.max = String(Math.max(50, Math.min(20_000, pool)));
      top.value = String(state.top ?? this.settings.storyTop);
      byId<HTMLSelectElement>('story-rank').value = state.rank;
      byId('story-label').textContent = `Best-connected entities: ${top.value}`;
      byId('story-note').textContent = `${shown.nodes.size.toLocaleString('en')} of ${pool.toLocaleString('en')} shown; zoom in, search or show a node's neighbours for more.`;
    }
    let edges = 0;
    this.display.forEachEdge((_k, a) => { if (!('coMention' in a)) edges++; });
    byId('graph-summary').textContent = `${this.display.order.toLocaleString('en')} of ${graph.order.toLocaleString('en')} nodes · ${edges.toLocaleString('en')} of ${graph.size.toLocaleString('en')} edges` +
      (this.renderer?.edgeEvents === false ? ' · edge hover off for this size (select edges from the panel)' : '');
    const bar = byId('scope-bar');
    const scope = state.scope;
    bar.hidden = !scope;
    if (scope?.type === 'article') {
      const a = this.corpus.byId.get(scope.id);
      byId('scope-text').textContent = `Article: ${a?.title ?? scope.id}${a?.day ? ` · ${a.day}` : ''}${a?.publisher ? ` · ${a.publisher}` : ''}`;
    } else if (scope?.type === 'publisher') {
      byId('scope-text').textContent = `Publisher: ${scope.name}`;
    }
    if (state.range) byId('timeline-label').dataset.range = formatRange(state.range);
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
    const kept = { allowed: this.allowed, edges: this.active.edges };
    if (!this.edgesReady) {
      // The panel opens now, so sigma measures the stage at its final width; it is filled once the graph has its edges.
      clear(body);
      body.appendChild(document.createTextNode('Loading…'));
    } else if (selection.type === 'node') {
      renderNodePanel(body, nodePanel(this.graph, selection.key, this.state.filters, this.articles, kept), this.panelCallbacks, this.settings.evidencePerRelation);
    } else {
      const key = selection.key;
      clear(body);
      body.appendChild(document.createTextNode('Loading evidence…'));
      // Sentences come with the panel from graph.json, or are fetched for this edge from a compact graph.
      void this.panelCallbacks.loadEvidence([key]).then(() => {
        if (this.state.selection?.type === 'edge' && this.state.selection.key === key) renderEdgePanel(body, edgePanel(this.graph, key, this.articles, this.allowed), this.panelCallbacks);
      }, (error: Error) => { body.textContent = `Evidence could not be loaded: ${error.message}`; });
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

  /** What the view keeps, for the debug hook. */
  get shownSummary(): { nodes: number; edges: number; links: number; hiddenUnconnected: number; cutByStory: number } {
    return { nodes: this.shown.nodes.size, edges: this.shown.edges.size, links: this.shown.links.size, hiddenUnconnected: this.shown.hiddenUnconnected, cutByStory: this.shown.cutByStory };
  }

  destroy(): void {
    clearTimeout(this.hashTimer);
    clearTimeout(this.viewportTimer);
    this.abort.abort();
    for (const fn of this.cleanups.splice(0)) fn();
    this.layout.kill();
    this.renderer.kill();
  }
}
