/**
 * The viewer in Debian's chromium (software WebGL), served by the real server with its CSP, against (1) the seeds
 * graph built by the real CLI and (2) a generated graph with hand-made nodes.
 *
 * State is read through the viewer's read-only debug hook `window.__newsgraph` (documented in viewer/src/main.ts):
 * `visibleNodes()` reads back what sigma draws after the reducers, so a filter test checks the drawing, not a flag.
 * Everything is driven through the page's own controls. Nothing waits a fixed time: each step polls for the state it
 * needs (the camera at rest, the hash written, pixels drawn), with a generous ceiling for a busy machine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { MultiDirectedGraph } from 'graphology';
import gexfImport from 'graphology-gexf';
import type { RunningServer } from '../../src/serve/server.js';
import { ensureViewerBuilt, launchChromium, serveGraph, waitForViewer, watchPage, type PageProblems } from '../../bench/lib/viewer-page.js';
import { countNonBackground, decodePng, distinctColours } from '../../bench/lib/png.js';
import { buildSeedsGraph, CRAFTED, writeGeneratedGraph, XSS_ALIAS, XSS_LABEL } from './fixtures.js';
import { ARTICLE_CATEGORY, KINDS, type EdgeAttrs, type Evidence, type NodeAttrs } from '../../src/schema/index.js';
import { DEFAULT_SETTINGS } from '../../viewer/src/settings.js';

type GexfModule = typeof import('graphology-gexf');
const gexf: GexfModule = (gexfImport as unknown as { default?: GexfModule }).default ?? (gexfImport as unknown as GexfModule);

interface Hook {
  ready: boolean;
  error: string | null;
  visibleNodes(): string[];
  selection(): { type: string; key: string } | null;
  filters(): { hiddenKinds: string[]; hiddenRelations: string[] };
  camera(): { x: number; y: number; ratio: number; angle: number };
  nodeDisplay(key: string): { color: string; label: string | null; hidden: boolean; highlighted: boolean } | null;
  edgeDisplay(key: string): { type: string | null; color: string; hidden: boolean; size: number } | null;
  nodeViewport(key: string): { x: number; y: number } | null;
  nodePosition(key: string): { x: number; y: number } | null;
  layoutRunning(): boolean;
}
const hook = <T>(page: Page, fn: (h: Hook) => T | Promise<T>): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__newsgraph)`) as Promise<T>;

interface SerializedGraph {
  nodes: { key: string; attributes: NodeAttrs }[];
  edges: { key: string; source: string; target: string; attributes: EdgeAttrs }[];
}

/** What the suite looks for in a graph: a node to search by alias, one of its edges and the span it should mark. */
interface Target {
  node: string;
  label: string;
  query: string;
  edge: string;
  evidence: Evidence;
  /** The cited text when the evidence carries sentenceStart, else null (the span is then placed by search). */
  cited: string | null;
}

const norm = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

function pickTarget(data: SerializedGraph): Target {
  const names = new Map<string, number>();
  for (const n of data.nodes) for (const name of new Set([n.attributes.label, ...n.attributes.aliases].map(norm))) names.set(name, (names.get(name) ?? 0) + 1);
  const withEvidence = new Map<string, SerializedGraph['edges'][number]>();
  for (const e of data.edges) {
    if (!e.attributes.evidence.length) continue;
    for (const end of [e.source, e.target]) if (!withEvidence.has(end)) withEvidence.set(end, e);
  }
  // Prefer a node found through an alias that no other node shares, with an edge whose span has exact offsets.
  const candidates = data.nodes
    .filter((n) => n.attributes.category !== ARTICLE_CATEGORY && withEvidence.has(n.key))
    .map((n) => ({ n, alias: n.attributes.aliases.find((a) => norm(a) !== norm(n.attributes.label) && names.get(norm(a)) === 1) }))
    .sort((a, b) => Number(!!b.alias) - Number(!!a.alias) ||
      Number(typeof withEvidence.get(b.n.key)!.attributes.evidence[0]!.sentenceStart === 'number') - Number(typeof withEvidence.get(a.n.key)!.attributes.evidence[0]!.sentenceStart === 'number'));
  const best = candidates[0];
  if (!best) throw new Error('graph has no node with evidence');
  const edge = withEvidence.get(best.n.key)!;
  const evidence = edge.attributes.evidence[0]!;
  const cited = typeof evidence.sentenceStart === 'number' ? evidence.sentence.slice(evidence.start - evidence.sentenceStart, evidence.end - evidence.sentenceStart) : null;
  return { node: best.n.key, label: best.n.attributes.label, query: best.alias ?? best.n.attributes.label, edge: edge.key, evidence, cited };
}

/** A graph above `hideUnconnectedAbove` nodes opens without its unconnected nodes (the test graphs stay below the story cut). */
function shownAtFirst(data: SerializedGraph): string[] {
  if (data.nodes.length <= DEFAULT_SETTINGS.hideUnconnectedAbove) return data.nodes.map((n) => n.key);
  const connected = new Set(data.edges.flatMap((e) => [e.source, e.target]));
  return data.nodes.filter((n) => connected.has(n.key)).map((n) => n.key);
}

let browser: Browser;
const scratch = mkdtempSync(join(tmpdir(), 'newsgraph-browser-'));

beforeAll(async () => {
  ensureViewerBuilt();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function openViewer(server: RunningServer, viewport = { width: 1280, height: 800 }, query = ''): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const problems = watchPage(page);
  await page.goto(`${server.url}${query}`);
  await waitForViewer(page);
  return { page, problems };
}

/** Waits until the camera holds still from one frame to the next: no animation or drag inertia is left. */
async function cameraAtRest(page: Page): Promise<void> {
  await page.waitForFunction(() => new Promise<boolean>((resolve) => {
    const h = (window as unknown as { __newsgraph: Hook }).__newsgraph;
    const before = JSON.stringify(h.camera());
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(JSON.stringify(h.camera()) === before)));
  }), null, { timeout: 30_000 });
}

/** Waits until the page has drawn two more frames, so whatever the last step set off has rendered. */
async function twoFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** Polls a screenshot of the stage until nodes, edges and labels cover a real part of it, in many colours. */
async function expectDrawn(page: Page): Promise<void> {
  await expect.poll(async () => {
    const shot = decodePng(await page.locator('#graph').screenshot());
    return countNonBackground(shot, [255, 255, 255]) > shot.width * shot.height * 0.01 && distinctColours(shot) > 20;
  }, { timeout: 30_000 }).toBe(true);
}

/** The URL hash once the viewer has written the camera where it came to rest (it writes a moment after the last move). */
async function hashAtRest(page: Page): Promise<{ hash: string; camera: { x: number; y: number; ratio: number } }> {
  await cameraAtRest(page);
  const camera = await hook(page, (h) => h.camera());
  const written = async () => {
    const hash = await page.evaluate(() => location.hash);
    const parts = new URLSearchParams(hash.slice(1)).get('camera')?.split(',').map(Number) ?? [];
    return parts.length >= 3 && [camera.x, camera.y, camera.ratio].every((v, i) => Math.abs(v - parts[i]!) < 1e-4) ? hash : null;
  };
  await expect.poll(written, { timeout: 30_000 }).not.toBeNull();
  return { hash: (await written())!, camera };
}

/**
 * Points at a node until the viewer highlights it: a node is found under the pointer once the picking texture is
 * redrawn after the camera stopped, and only a pointer move asks for it again.
 */
async function hoverUntilHighlighted(page: Page, key: string): Promise<void> {
  const box = (await page.locator('#graph').boundingBox())!;
  let nudge = 0;
  await expect.poll(async () => {
    const at = (await page.evaluate((k) => (window as unknown as { __newsgraph: Hook }).__newsgraph.nodeViewport(k), key))!;
    nudge = 1 - nudge;
    await page.mouse.move(box.x + at.x + nudge, box.y + at.y, { steps: 2 });
    return page.evaluate((k) => (window as unknown as { __newsgraph: Hook }).__newsgraph.nodeDisplay(k)?.highlighted, key);
  }).toBe(true);
}

async function searchAndChoose(page: Page, query: string, expectedKey: string): Promise<void> {
  await page.fill('#search', '');
  await page.type('#search', query, { delay: 5 });
  const first = page.locator('#suggestions li[data-key]').first();
  await first.waitFor();
  expect(await first.getAttribute('data-key')).toBe(expectedKey);
  await page.keyboard.press('Enter');
  await page.waitForFunction((key) => (window as unknown as { __newsgraph: Hook }).__newsgraph.selection()?.key === key, expectedKey);
}

/** The whole viewer journey, run once per graph. */
function viewerJourney(name: string, load: () => string) {
  describe(`viewer on ${name}`, () => {
    let server: RunningServer | null = null;
    let data: SerializedGraph;
    let target: Target;
    let page: Page;
    let problems: PageProblems;

    beforeAll(async () => {
      const path = load();
      data = JSON.parse(readFileSync(path, 'utf8')) as SerializedGraph;
      target = pickTarget(data);
      server = await serveGraph(path);
      ({ page, problems } = await openViewer(server));
    }, 600_000);

    afterAll(async () => {
      await page?.close();
      await server?.close();
    });

    it('draws the graph on the canvas', async () => {
      await expectDrawn(page);
      expect(await hook(page, (h) => h.visibleNodes().length)).toBe(shownAtFirst(data).length);
    });

    it('finds a node by an alias, selects it, and shows its relations and evidence with the span marked', async () => {
      await searchAndChoose(page, target.query, target.node);
      await expect.poll(() => page.locator('#panel-title').textContent()).toBe(target.label);
      expect(await page.locator('#panel').isVisible()).toBe(true);
      const visibleEdges = data.edges.filter((e) => e.source === target.node || e.target === target.node).length;
      expect(await page.locator('#panel .relation-item').count()).toBe(visibleEdges);
      const item = page.locator(`#panel details.relation-item[data-edge="${target.edge.replace(/["\\]/g, '\\$&')}"]`);
      await item.locator('summary').click({ position: { x: 4, y: 8 } });
      const sentence = item.locator('blockquote.sentence').first();
      await sentence.waitFor();
      expect(await sentence.textContent()).toBe(target.evidence.sentence);
      if (target.cited !== null) expect(await sentence.locator('mark').textContent()).toBe(target.cited);
      else expect(await sentence.locator('mark').count()).toBeLessThanOrEqual(1);
    });

    it('fades everything but the hovered node and its neighbours', async () => {
      // The camera is on the target now; closing the panel clears the selection but keeps the camera.
      await page.click('#panel-close');
      await expect.poll(() => page.locator('#panel').isVisible()).toBe(false);
      await cameraAtRest(page);
      const box = (await page.locator('#graph').boundingBox())!;
      await hoverUntilHighlighted(page, target.node);
      const neighbours = new Set(data.edges.flatMap((e) => (e.source === target.node ? [e.target] : e.target === target.node ? [e.source] : [])));
      const drawn = new Set(shownAtFirst(data));
      const stranger = data.nodes.find((n) => n.key !== target.node && !neighbours.has(n.key) && drawn.has(n.key))!;
      const neighbour = [...neighbours][0]!;
      const [strangerColor, neighbourColor] = await page.evaluate(([s, n]) => {
        const h = (window as unknown as { __newsgraph: Hook }).__newsgraph;
        return [h.nodeDisplay(s!)!.color, h.nodeDisplay(n!)!.color];
      }, [stranger.key, neighbour]);
      expect(strangerColor).toBe(DEFAULT_SETTINGS.fadedNodeColor);
      expect(neighbourColor).not.toBe(DEFAULT_SETTINGS.fadedNodeColor);
      await page.mouse.move(box.x + 2, box.y + 2);
      await expect.poll(() => page.evaluate((k) => (window as unknown as { __newsgraph: Hook }).__newsgraph.nodeDisplay(k)!.color, stranger.key)).not.toBe(DEFAULT_SETTINGS.fadedNodeColor);
    });

    it('hides a kind through its checkbox, and the URL hash restores selection, filters and camera on reload', async () => {
      const counts = new Map<string, number>();
      for (const n of data.nodes) counts.set(n.attributes.kind, (counts.get(n.attributes.kind) ?? 0) + 1);
      const targetKind = data.nodes.find((n) => n.key === target.node)!.attributes.kind;
      const kind = [...counts.entries()].filter(([k]) => k !== targetKind).sort((a, b) => b[1] - a[1])[0]![0];
      await searchAndChoose(page, target.query, target.node);
      await page.uncheck(`input[data-filter="kind:${kind}"]`);
      const first = new Set(shownAtFirst(data));
      const expected = data.nodes.filter((n) => n.attributes.kind !== kind && first.has(n.key)).map((n) => n.key).sort();
      await expect.poll(async () => (await hook(page, (h) => h.visibleNodes())).sort()).toEqual(expected);
      expect(expected.length).toBe(first.size - data.nodes.filter((n) => n.attributes.kind === kind && first.has(n.key)).length);

      const before = await hashAtRest(page);
      expect(before.hash).toContain(`node=${encodeURIComponent(target.node).replace(/%20/g, '+')}`);
      expect(before.hash).toContain(`hide-kinds=${kind}`);
      await page.reload();
      await waitForViewer(page);
      expect(await hook(page, (h) => h.selection())).toEqual({ type: 'node', key: target.node });
      expect(await hook(page, (h) => h.filters().hiddenKinds)).toEqual([kind]);
      expect(await page.isChecked(`input[data-filter="kind:${kind}"]`)).toBe(false);
      expect((await hook(page, (h) => h.visibleNodes())).sort()).toEqual(expected);
      expect(await page.locator('#panel-title').textContent()).toBe(target.label);
      const camera = await hook(page, (h) => h.camera());
      expect(camera.ratio).toBeCloseTo(before.camera.ratio, 4);
      expect(camera.x).toBeCloseTo(before.camera.x, 4);
      expect(camera.y).toBeCloseTo(before.camera.y, 4);
      await page.check(`input[data-filter="kind:${kind}"]`);
      await expect.poll(() => hook(page, (h) => h.visibleNodes().length)).toBe(first.size);
    });

    it('shows an edge with its evidence from the panel, exports a PNG, runs the live layout and colours communities', async () => {
      await searchAndChoose(page, target.query, target.node);
      const item = page.locator(`#panel details.relation-item[data-edge="${target.edge.replace(/["\\]/g, '\\$&')}"]`);
      await item.locator('button.edge-link').click();
      await expect.poll(() => hook(page, (h) => h.selection())).toEqual({ type: 'edge', key: target.edge });
      expect(await page.locator('#panel .evidence blockquote').first().textContent()).toBe(target.evidence.sentence);

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
      expect(download.suggestedFilename()).toBe('newsgraph.png');
      const png = readFileSync((await download.path())!);
      const image = decodePng(png);
      expect(image.width, 'PNG width').toBeGreaterThan(100);
      expect(countNonBackground(image, [255, 255, 255]), 'drawn pixels in the PNG').toBeGreaterThan(100);

      const before = await hook(page, (h) => h.nodePosition(h.visibleNodes()[0]!));
      await page.click('#layout-toggle');
      expect(await page.textContent('#layout-toggle')).toBe('Stop layout');
      await expect.poll(async () => {
        const now = await hook(page, (h) => h.nodePosition(h.visibleNodes()[0]!));
        return now!.x !== before!.x || now!.y !== before!.y;
      }, { timeout: 20_000 }).toBe(true);
      await page.click('#layout-toggle');
      expect(await hook(page, (h) => h.layoutRunning())).toBe(false);

      await page.selectOption('#color-mode', 'community');
      await expect.poll(() => page.locator('#legend-note').isVisible()).toBe(true);
      expect(await page.evaluate(() => location.hash)).toContain('color=community');
      await page.selectOption('#color-mode', 'kind');
    });

    it('logged no console errors and opened no dialogs', () => {
      expect(problems.errors).toEqual([]);
      expect(problems.dialogs).toEqual([]);
    });
  });
}

viewerJourney('the seeds graph (built by the CLI)', () => buildSeedsGraph(join(scratch, 'seeds-build')));

viewerJourney('a generated graph of 3,000 nodes', () => {
  const path = join(scratch, 'generated.json');
  writeGeneratedGraph(path, 3000, 9000);
  return path;
});

describe('viewer safety, other files and small screens', () => {
  let server: RunningServer;
  const path = join(scratch, 'crafted.json');

  beforeAll(async () => {
    writeGeneratedGraph(path, 200, 400);
    server = await serveGraph(path);
  }, 120_000);
  afterAll(async () => server?.close());

  it('shows an HTML-injection label as text everywhere and runs nothing', async () => {
    const { page, problems } = await openViewer(server);
    await page.type('#search', '<img', { delay: 5 });
    const suggestion = page.locator(`#suggestions li[data-key="${CRAFTED.xss}"]`);
    await suggestion.waitFor();
    expect(await suggestion.locator('.suggestion-label').textContent()).toBe(XSS_LABEL);
    await suggestion.dispatchEvent('pointerdown');
    await expect.poll(() => page.locator('#panel-title').textContent()).toBe(XSS_LABEL);
    expect(await page.locator('#panel .chips li').allTextContents()).toContain(XSS_ALIAS);
    const item = page.locator('#panel details.relation-item').first();
    await item.locator('summary').click({ position: { x: 4, y: 8 } });
    expect(await item.locator('mark').textContent()).toBe('<b>Not bold</b> met Zoë Ndlovu');
    // No element was made from the text: no <img>, <script> or <b> anywhere in the document.
    expect(await page.evaluate(() => document.querySelectorAll('img, b, #panel script, #suggestions script').length)).toBe(0);
    await twoFrames(page);
    expect(problems.dialogs).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('marks an evidence span after emoji exactly, and lists the article title, date and publisher', async () => {
    const { page, problems } = await openViewer(server);
    await searchAndChoose(page, CRAFTED.alias, CRAFTED.zoe);
    const articles = await page.locator('#panel .articles li').allTextContents();
    expect(articles[0]).toBe(`${CRAFTED.article.title} ${CRAFTED.article.date} · ${CRAFTED.article.publisher}`);
    const item = page.locator(`#panel details.relation-item[data-edge="${CRAFTED.edge}"]`);
    await item.locator('summary').click({ position: { x: 4, y: 8 } });
    expect(await item.locator('blockquote').textContent()).toBe(CRAFTED.sentence);
    expect(await item.locator('mark').textContent()).toBe(CRAFTED.cited);
    expect(await item.locator('cite').textContent()).toBe(`${CRAFTED.article.title} ${CRAFTED.article.date} · ${CRAFTED.article.publisher}`);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('opens a GEXF file from the file picker, and reports a broken file in one line', async () => {
    const { page, problems } = await openViewer(server);
    const g = new MultiDirectedGraph();
    for (const [key, kind] of [['a', 'person'], ['b', 'organisation'], ['c', 'place']] as const) {
      g.addNode(key, { label: `GEXF ${key}`, kind, aliases: `GEXF ${key}|${key}`, x: key.charCodeAt(0), y: 1, size: 4, color: KINDS[kind].color });
    }
    g.addEdge('a', 'b', { relation: 'member_of', label: 'member of', weight: 1 });
    g.addEdge('b', 'c', { relation: 'located_in', label: 'located in', weight: 1 });
    const gexfPath = join(scratch, 'small.gexf');
    writeFileSync(gexfPath, gexf.write(g));
    await page.setInputFiles('#file-input', gexfPath);
    await expect.poll(() => hook(page, (h) => h.visibleNodes().sort())).toEqual(['a', 'b', 'c']);
    expect(await page.textContent('#kind-filters')).toContain('Organisations');
    await searchAndChoose(page, 'gexf b', 'b');
    expect(await page.locator('#panel .relation-item').count()).toBe(2);

    // The same file dropped on the page (a real DataTransfer carrying a File, as a drag from the desktop delivers).
    await page.evaluate(async (text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.gexf', { type: 'application/xml' }));
      for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, gexf.write(g).replace(/GEXF a/g, 'Dropped a'));
    await expect.poll(() => page.evaluate(() => document.title)).toBe('newsgraph · dropped.gexf');
    expect(await page.isHidden('#drop-zone')).toBe(true);
    await searchAndChoose(page, 'dropped a', 'a');

    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '{"nodes": [');
    await page.setInputFiles('#file-input', broken);
    await expect.poll(() => page.textContent('#status')).toMatch(/^broken\.json: not a graph: invalid JSON/);
    expect(await page.getAttribute('#status', 'role')).toBe('alert');
    // The graph that was open stays open.
    expect((await hook(page, (h) => h.visibleNodes())).sort()).toEqual(['a', 'b', 'c']);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('draws a large graph with points and thin lines, gives the selected node\'s edges their arrows back, and exports it', async () => {
    // Every large-graph setting switched on for this small graph, so the journey runs through the cheap programs.
    const large = '?thinEdgesAbove=0&pointNodesAbove=0&edgeEventsMaxEdges=0&hoverFadeMaxEdges=0&hideEdgesOnMoveAbove=0';
    const { page, problems } = await openViewer(server, undefined, large);
    const data = JSON.parse(readFileSync(path, 'utf8')) as SerializedGraph;
    await expectDrawn(page);
    expect(await hook(page, (h) => h.visibleNodes().length)).toBe(data.nodes.length);
    const stranger = data.edges.find((e) => e.source !== CRAFTED.zoe && e.target !== CRAFTED.zoe)!.key;
    const types = (keys: string[]) => page.evaluate((ks) => ks.map((k) => (window as unknown as { __newsgraph: Hook }).__newsgraph.edgeDisplay(k)!.type), keys);
    expect(await types([CRAFTED.edge, CRAFTED.xssEdge, stranger])).toEqual(['thin', 'thin', 'thin']);

    await searchAndChoose(page, CRAFTED.alias, CRAFTED.zoe);
    // opposes is directed (an arrow), met_with symmetric (a plain line with width); the rest stay thin.
    await expect.poll(() => types([CRAFTED.edge, CRAFTED.xssEdge, stranger])).toEqual(['arrow', 'line', 'thin']);
    expect(await page.locator('#graph-summary').textContent()).toContain('edge hover off');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const image = decodePng(readFileSync((await download.path())!));
    expect(countNonBackground(image, [255, 255, 255]), 'drawn pixels in the PNG').toBeGreaterThan(1000);
    await page.click('#panel-close');
    await expect.poll(() => types([CRAFTED.edge])).toEqual(['thin']);
    // Zoomed in far enough for edge labels (sigma's edge-label pass is switched on then).
    // One click at a time: a click during the previous zoom's animation restarts it from where it is, so a burst of
    // clicks on a busy machine zooms less than the same clicks spaced out.
    const ratio = () => hook(page, (h) => h.camera().ratio);
    for (let i = 0; i < 12 && (await ratio()) >= DEFAULT_SETTINGS.edgeLabelsBelowRatio; i++) {
      await page.click('#zoom-in');
      await cameraAtRest(page);
    }
    expect(await ratio()).toBeLessThan(DEFAULT_SETTINGS.edgeLabelsBelowRatio);
    await twoFrames(page);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('finds nodes under the pointer again after a drag drawn without the picking pass', async () => {
    // Point nodes skip picking while the camera moves; edges stay drawn, so sigma itself does not refresh afterwards.
    const { page, problems } = await openViewer(server, undefined, '?pointNodesAbove=0&hideEdgesOnMoveAbove=1e12');
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 - 8 * i, box.y + box.height / 2 + 5 * i);
    // Released at once or after a pause, sigma's inertia may or may not follow: either way the last frames are
    // drawn with the camera moving, and picking must work once it rests.
    await page.mouse.up();
    await cameraAtRest(page);
    const at = (await page.evaluate((k) => (window as unknown as { __newsgraph: Hook }).__newsgraph.nodeViewport(k), CRAFTED.trust))!;
    expect(at.x).toBeGreaterThan(0);
    expect(at.x).toBeLessThan(box.width);
    await hoverUntilHighlighted(page, CRAFTED.trust);
    // The browser sends the drag's release as a click too, and sigma takes a click soon after it as the second of a
    // double click (it zooms): a click it took so is followed, once the camera rests, by another.
    let outcome = 'zoomed';
    for (let tries = 0; tries < 3 && outcome === 'zoomed'; tries++) {
      await cameraAtRest(page);
      await hoverUntilHighlighted(page, CRAFTED.trust);
      const where = (await page.evaluate((k) => (window as unknown as { __newsgraph: Hook }).__newsgraph.nodeViewport(k), CRAFTED.trust))!;
      const ratio = await hook(page, (h) => h.camera().ratio);
      await page.mouse.click(box.x + where.x, box.y + where.y);
      outcome = await (await page.waitForFunction(([k, r]) => {
        const h = (window as unknown as { __newsgraph: Hook }).__newsgraph;
        return h.selection()?.key === k ? 'selected' : h.camera().ratio !== r ? 'zoomed' : false;
      }, [CRAFTED.trust, ratio] as const, { timeout: 30_000 })).jsonValue() as string;
    }
    expect(await hook(page, (h) => h.selection())).toEqual({ type: 'node', key: CRAFTED.trust });
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('turns the panel into a bottom sheet and the filters into a drawer on a phone', async () => {
    const { page, problems } = await openViewer(server, { width: 390, height: 844 });
    await searchAndChoose(page, CRAFTED.alias, CRAFTED.zoe);
    const panel = (await page.locator('#panel').boundingBox())!;
    expect(panel.width).toBe(390);
    expect(Math.round(panel.y + panel.height)).toBe(844);
    expect(panel.height).toBeLessThanOrEqual(844 * 0.56);
    const hidden = (await page.locator('#filters').boundingBox())!;
    expect(hidden.x + hidden.width).toBeLessThanOrEqual(0);
    await page.click('#filters-toggle');
    await expect.poll(async () => (await page.locator('#filters').boundingBox())!.x).toBe(0);
    const drawn = decodePng(await page.screenshot());
    expect(countNonBackground(drawn, [255, 255, 255])).toBeGreaterThan(1000);
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
