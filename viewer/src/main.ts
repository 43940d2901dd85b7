/**
 * Entry point: fetch the graph next to the page (its compact form when the server or export has one, else
 * graph.json), build the viewer, and let the user open another file.
 *
 * Debug hook: `window.__newsgraph` is a frozen, read-only view used by the browser tests and the bench:
 *   ready            true once a graph is drawn (false while loading or after a load error)
 *   error            the last load error message, or null
 *   firstFrameMs     ms from navigation start to the first drawn frame
 *   frames           frames sigma has drawn so far
 *   visibleNodes()   keys of the nodes sigma draws, read back from sigma's display data after the reducers
 *   visibleEdgeCount()
 *   nodeDisplay(key) what sigma draws for a node: { color, label, hidden, highlighted, size }
 *   edgeDisplay(key) what sigma draws for an edge: { type (the program: arrow, line, curved, curvedArrow, thin), color,
 *                    hidden, size }
 *   nodeViewport(key) the node's position on screen, relative to the graph container
 *   nodePosition(key) the node's layout position { x, y } (moves while the live layout runs)
 *   selection()      { type: 'node' | 'edge', key } or null
 *   filters()        { hiddenKinds: string[], hiddenRelations: string[] }
 *   camera()         { x, y, ratio, angle }
 *   layoutRunning()
 *   pngSize()        bytes of the PNG the export button would download
 *   visibleEdges()   keys of the edges sigma draws, co-mention links (key `a->co_mentioned->b`) included
 *   range()          the time range { from, to } or null
 *   scope()          { type: 'article', id } | { type: 'publisher', name } | null
 *   shown()          { nodes, edges, links, hiddenUnconnected, cutByStory }: what the view keeps
 *   source()         'compact' or 'graph.json': which form of the graph was loaded
 * It exposes no way to change state: tests drive the page through its UI like a user.
 */
import './styles.css';
import { resolveSettings } from './settings.js';
import { settingsFromQuery } from './logic/settings-query.js';
import { GraphLoadError, normaliseGraph, type NormaliseResult } from './logic/normalise.js';
import { graphFromCompact, isCompactGraph } from './logic/compact.js';
import { EvidenceStore } from './load/evidence-store.js';
import { ViewerApp, type GraphSources } from './ui/app.js';
import { byId } from './ui/dom.js';
import { graphFromText, wireOpenFile } from './ui/open-file.js';

const settings = resolveSettings(settingsFromQuery(location.search));
let app: ViewerApp | null = null;
let lastError: string | null = null;
let loadedFrom: 'compact' | 'graph.json' | 'file' | null = null;

function status(text: string, isError = false): void {
  const line = byId('status');
  line.textContent = text;
  line.classList.toggle('error', isError);
  line.setAttribute('role', isError ? 'alert' : 'status');
  line.hidden = !text;
}

function show(result: NormaliseResult, source: string, sources?: GraphSources): void {
  app?.destroy();
  app = null;
  const container = byId('graph');
  app = new ViewerApp(result.graph, settings, container, sources);
  lastError = null;
  const note = result.warnings.length ? ` (${result.warnings.join('; ')})` : '';
  status(result.graph.order ? (note ? `${source}${note}` : '') : `${source}: the graph is empty`);
  document.title = source === 'graph.json' ? 'newsgraph' : `newsgraph · ${source}`;
}

function failed(error: unknown, source: string): void {
  lastError = error instanceof GraphLoadError ? error.message : `${source}: ${(error as Error)?.message ?? String(error)}`;
  status(lastError, true);
}

/** The compact form, or null when there is none beside the page (a plain folder with graph.json). */
async function loadCompact(): Promise<boolean> {
  const response = await fetch(settings.compactGraphUrl, { cache: 'no-cache' }).catch(() => null);
  if (!response?.ok) return false;
  performance.mark('newsgraph:fetched');
  const data: unknown = await response.json().catch(() => null);
  if (!isCompactGraph(data)) return false;
  performance.mark('newsgraph:parsed');
  const result = graphFromCompact(data, 'graph.json');
  performance.mark('newsgraph:normalised');
  loadedFrom = 'compact';
  show(result, 'graph.json', {
    edges: result.edges,
    evidence: new EvidenceStore(result.graph, result.edgeKeys, settings.evidenceBaseUrl, data.shards.size),
    coMentionsUrl: data.coMentions ? settings.coMentionsUrl : null,
  });
  return true;
}

async function loadDefault(): Promise<void> {
  const source = 'graph.json';
  try {
    if (await loadCompact()) return;
    const response = await fetch(settings.graphUrl, { cache: 'no-cache' });
    if (!response.ok) throw new GraphLoadError(source, `could not be fetched (HTTP ${response.status}); open a file instead`);
    performance.mark('newsgraph:fetched');
    const data: unknown = await response.json().catch((error: Error) => {
      throw new GraphLoadError(source, `not a graph: invalid JSON (${error.message.split('\n')[0]})`);
    });
    performance.mark('newsgraph:parsed');
    const result = normaliseGraph(data, source);
    performance.mark('newsgraph:normalised');
    loadedFrom = 'graph.json';
    show(result, source, { evidence: null, coMentionsUrl: settings.coMentionsUrl });
  } catch (error) {
    failed(error, source);
  }
}

async function openFile(file: File): Promise<void> {
  status(`Opening ${file.name}…`);
  try {
    const text = await file.text();
    const result = graphFromText(text, file.name);
    // A link made for the previous graph means nothing in this one.
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    loadedFrom = 'file';
    show(result, file.name);
  } catch (error) {
    failed(error, file.name);
  }
}

function setupChrome(): void {
  wireOpenFile({ input: byId<HTMLInputElement>('file-input'), dropTarget: document.body, dropHint: byId('drop-zone'), open: (f) => void openFile(f) });
  const toggle = byId<HTMLButtonElement>('filters-toggle');
  toggle.addEventListener('click', () => {
    const open = document.body.classList.toggle('filters-open');
    toggle.setAttribute('aria-expanded', String(open));
  });
}

Object.defineProperty(window, '__newsgraph', {
  value: Object.freeze({
    get ready() { return !!app && app.timings.firstFrame !== null; },
    get error() { return lastError; },
    get firstFrameMs() { return app?.timings.firstFrame ?? null; },
    get frames() { return app?.frameCount ?? 0; },
    visibleNodes: () => app?.renderer.visibleNodeKeys() ?? [],
    visibleEdgeCount: () => app?.renderer.visibleEdgeCount() ?? 0,
    nodeDisplay: (key: string) => app?.renderer.nodeDisplay(key) ?? null,
    edgeDisplay: (key: string) => app?.renderer.edgeDisplay(key) ?? null,
    nodeViewport: (key: string) => app?.renderer.nodeViewport(key) ?? null,
    nodePosition: (key: string) => (app?.graph.hasNode(key) ? { x: app.graph.getNodeAttribute(key, 'x'), y: app.graph.getNodeAttribute(key, 'y') } : null),
    selection: () => (app?.view.selection ? { ...app.view.selection } : null),
    filters: () => ({ hiddenKinds: [...(app?.view.filters.hiddenKinds ?? [])], hiddenRelations: [...(app?.view.filters.hiddenRelations ?? [])] }),
    camera: () => app?.renderer.getCamera() ?? null,
    layoutRunning: () => app?.layoutRunning ?? false,
    pngSize: async () => (app ? (await app.pngBlob()).size : 0),
    visibleEdges: () => app?.renderer.visibleEdgeKeys() ?? [],
    range: () => (app?.view.range ? { ...app.view.range } : null),
    scope: () => (app?.view.scope ? { ...app.view.scope } : null),
    shown: () => app?.shownSummary ?? null,
    source: () => loadedFrom,
  }),
  writable: false,
  configurable: false,
});

setupChrome();
void loadDefault();
