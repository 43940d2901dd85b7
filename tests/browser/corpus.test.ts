/**
 * Exploring a corpus in the viewer (Debian chromium, software WebGL), on a small corpus of invented, dated articles
 * built by the real CLI and served by the real server: the timeline's brush, the range in the URL, picking an article
 * or a publisher, co-mention links, unconnected nodes, and the story cut with "show neighbours".
 *
 * Expectations are worked out here from graph.json and co-mentions.json as written; the page is driven through its
 * own controls and read through its debug hook (viewer/src/main.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../src/serve/server.js';
import { ensureViewerBuilt, launchChromium, serveGraph, waitForViewer, watchPage, type PageProblems } from '../../bench/lib/viewer-page.js';
import { buildSmallCorpus, SMALL_CORPUS } from './fixtures.js';
import { ARTICLE_CATEGORY, type CoMention, type EdgeAttrs, type NodeAttrs } from '../../src/schema/index.js';

interface Hook {
  visibleNodes(): string[];
  visibleEdges(): string[];
  range(): { from: string; to: string } | null;
  scope(): { type: string; id?: string; name?: string } | null;
  shown(): { nodes: number; edges: number; links: number; hiddenUnconnected: number; cutByStory: number };
  selection(): { type: string; key: string } | null;
  source(): string;
}
const hook = <T>(page: Page, fn: (h: Hook) => T): Promise<T> => page.evaluate(`(${fn.toString()})(window.__newsgraph)`) as Promise<T>;
const sorted = (xs: Iterable<string>) => [...xs].sort();

interface Data {
  nodes: { key: string; attributes: NodeAttrs }[];
  edges: { key: string; source: string; target: string; attributes: EdgeAttrs }[];
}

let browser: Browser;
let server: RunningServer;
let data: Data;
let pairs: CoMention[];
/** Article id → date, from the article nodes. */
const dates = new Map<string, string>();
const scratch = mkdtempSync(join(tmpdir(), 'newsgraph-corpus-'));
const typed = (keys: string[]) => keys.filter((k) => !k.includes('->co_mentioned->'));

beforeAll(async () => {
  ensureViewerBuilt();
  const graphPath = buildSmallCorpus(scratch);
  data = JSON.parse(readFileSync(graphPath, 'utf8')) as Data;
  pairs = (JSON.parse(readFileSync(join(scratch, 'graph', 'co-mentions.json'), 'utf8')) as { pairs: CoMention[] }).pairs;
  for (const n of data.nodes) if (n.attributes.category === ARTICLE_CATEGORY && n.attributes.date) dates.set(n.attributes.articles[0]!, n.attributes.date);
  server = await serveGraph(graphPath);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function open(query = ''): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = watchPage(page);
  await page.goto(`${server.url}${query}`);
  await waitForViewer(page);
  return { page, problems };
}

/** Drags across the timeline's bars from bin `a` to bin `b` with the mouse. */
async function brush(page: Page, a: number, b: number): Promise<void> {
  const bins = await page.locator('#timeline-chart rect.bar').count();
  const box = (await page.locator('#timeline-chart').boundingBox())!;
  const at = (i: number) => box.x + ((i + 0.5) / bins) * box.width;
  await page.mouse.move(at(a), box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move((at(a) + at(b)) / 2, box.y + box.height / 2, { steps: 3 });
  await page.mouse.move(at(b), box.y + box.height / 2, { steps: 3 });
  await page.mouse.up();
}

describe('the viewer on a small dated corpus', () => {
  it('loads the compact form, with a timeline of the articles', async () => {
    const { page, problems } = await open();
    expect(await hook(page, (h) => h.source())).toBe('compact');
    expect(await page.isVisible('#timeline')).toBe(true);
    expect(await page.textContent('#timeline-label')).toContain(`${SMALL_CORPUS.length} articles`);
    // Every node and every typed edge, no co-mention link yet.
    expect(sorted(await hook(page, (h) => h.visibleNodes()))).toEqual(sorted(data.nodes.map((n) => n.key)));
    expect(sorted(await hook(page, (h) => h.visibleEdges()))).toEqual(sorted(data.edges.map((e) => e.key)));
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('on the large-graph path (edges indexed after the first frame, thin lines), panels, search and filters work', async () => {
    const { page, problems } = await open('?thinEdgesAbove=0');
    expect(sorted(await hook(page, (h) => h.visibleEdges()))).toEqual(sorted(data.edges.map((e) => e.key)));
    // The node with most edges: its panel lists every one, with its sentences fetched when opened.
    const degree = new Map<string, number>();
    for (const e of data.edges) for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
    const [hub] = [...degree].sort((a, b) => b[1] - a[1])[0]!;
    const label = data.nodes.find((n) => n.key === hub)!.attributes.label;
    await page.type('#search', label, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#panel-title').textContent()).toBe(label);
    expect(await page.locator('#panel .relation-item').count()).toBe(degree.get(hub));
    const item = page.locator('#panel details.relation-item').first();
    await item.locator('summary').click({ position: { x: 4, y: 8 } });
    const edgeKey = await item.getAttribute('data-edge');
    const edge = data.edges.find((e) => e.key === edgeKey)!;
    await expect.poll(() => item.locator('blockquote.sentence').first().textContent()).toBe(edge.attributes.evidence[0]!.sentence);
    const kind = data.nodes.find((n) => n.key === hub)!.attributes.kind;
    await page.uncheck(`input[data-filter="kind:${kind}"]`);
    await expect.poll(async () => (await hook(page, (h) => h.visibleNodes())).includes(hub)).toBe(false);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('brushing a range keeps only the edges stated in it, puts them back when cleared, and the range survives a reload', async () => {
    const { page, problems } = await open();
    const all = sorted(data.edges.map((e) => e.key));
    await brush(page, 0, 1);
    await expect.poll(() => hook(page, (h) => h.range())).not.toBeNull();
    const range = (await hook(page, (h) => h.range()))!;
    const inRange = (id: string) => { const d = dates.get(id); return !!d && d >= range.from && d <= range.to; };
    const expected = sorted(data.edges.filter((e) => e.attributes.evidence.some((ev) => inRange(ev.article))).map((e) => e.key));
    // The range holds some statements and leaves others out.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    await expect.poll(async () => sorted(typed(await hook(page, (h) => h.visibleEdges())))).toEqual(expected);
    // Nodes no kept article mentions are gone too.
    const nodes = await hook(page, (h) => h.visibleNodes());
    for (const key of nodes) expect(data.nodes.find((n) => n.key === key)!.attributes.articles.some(inRange), key).toBe(true);

    await expect.poll(() => page.evaluate(() => location.hash)).toContain(`range=${range.from}..${range.to}`);
    await page.reload();
    await waitForViewer(page);
    expect(await hook(page, (h) => h.range())).toEqual(range);
    expect(sorted(typed(await hook(page, (h) => h.visibleEdges())))).toEqual(expected);

    await page.click('#timeline-clear');
    await expect.poll(async () => sorted(await hook(page, (h) => h.visibleEdges()))).toEqual(all);
    expect(await hook(page, (h) => h.range())).toBeNull();
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('plays a window through time, one bin a step, and pauses', async () => {
    const { page, problems } = await open('?playStepMs=400');
    const first = await page.locator('#timeline-chart rect.bar').first().getAttribute('data-from');
    await page.click('#timeline-play');
    await expect.poll(() => hook(page, (h) => h.range()?.from)).toBe(first);
    // A later window follows without another click.
    await expect.poll(async () => (await hook(page, (h) => h.range()?.from)) ?? '', { timeout: 10_000 }).toMatch(new RegExp(`^(?!${first}).+`));
    await page.click('#timeline-play');
    await expect.poll(() => page.getAttribute('#timeline-play', 'aria-label')).toBe('Play through time');
    const paused = await hook(page, (h) => h.range());
    // Paused means nothing happens: two and a half steps' time pass without a change of range.
    await page.waitForTimeout(1000);
    expect(await hook(page, (h) => h.range())).toEqual(paused);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('picking an article shows exactly its entities, and its panel lists them with its relations', async () => {
    const { page, problems } = await open();
    const article = SMALL_CORPUS[1]!.file.replace(/\.txt$/, '');
    await page.click('#tab-articles');
    await page.click(`#article-list button[data-article="${article}"]`);
    const expected = sorted(data.nodes.filter((n) => n.attributes.articles.includes(article)).map((n) => n.key));
    await expect.poll(async () => sorted(await hook(page, (h) => h.visibleNodes()))).toEqual(expected);
    const stated = sorted(data.edges.filter((e) => e.attributes.evidence.some((ev) => ev.article === article)).map((e) => e.key));
    expect(sorted(typed(await hook(page, (h) => h.visibleEdges())))).toEqual(stated);
    expect(await hook(page, (h) => h.scope())).toEqual({ type: 'article', id: article });
    // The article node is selected: its panel lists the entities it names and the relations it states.
    await expect.poll(() => page.locator('#panel .article-entities li').count()).toBe(expected.length - 1);
    expect(await page.locator('#panel .article-relations li').count()).toBe(stated.length);
    expect(await page.textContent('#scope-text')).toContain(SMALL_CORPUS[1]!.text.split('\n')[0]!);

    // A publisher: the statements of its articles only.
    await page.click(`#publisher-list button[data-publisher="Valley Voice"]`);
    const voice = new Set(SMALL_CORPUS.filter((a) => a.publisher === 'Valley Voice').map((a) => a.file.replace(/\.txt$/, '')));
    const fromVoice = sorted(data.edges.filter((e) => e.attributes.evidence.some((ev) => voice.has(ev.article))).map((e) => e.key));
    await expect.poll(async () => sorted(typed(await hook(page, (h) => h.visibleEdges())))).toEqual(fromVoice);
    await page.click('#scope-clear');
    await expect.poll(() => hook(page, (h) => h.visibleNodes().length)).toBe(data.nodes.length);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('shows an open relation\'s own words in the edge panel and in its source\'s relations, under "other (open)"', async () => {
    const edge = data.edges.find((e) => e.attributes.open)!;
    expect(edge.attributes).toMatchObject({ relation: 'related_to', label: 'acquired' });
    const { page, problems } = await open(`#edge=${encodeURIComponent(edge.key)}`);
    await expect.poll(() => page.textContent('#panel .edge-title .relation-label')).toBe(' acquired ');
    expect(await page.textContent('#panel dd.open-relation')).toContain('open');
    // The source's panel lists it among its outgoing relations with its phrase.
    await page.click(`#panel .edge-title button.node-link[data-node="${edge.source}"]`);
    await expect.poll(() => hook(page, (h) => h.selection()?.key)).toBe(edge.source);
    const item = page.locator(`#panel .relations-out .relation-group[data-relation="other"] details.relation-item[data-edge="${edge.key}"]`);
    await expect.poll(() => item.locator('.phrase').textContent()).toBe('acquired');
    // Its filter row is "other (open)": unticking it hides the edge and nothing else.
    const before = sorted(await hook(page, (h) => h.visibleEdges()));
    expect(before).toContain(edge.key);
    await page.uncheck('input[data-filter="relation:other"]');
    await expect.poll(async () => sorted(await hook(page, (h) => h.visibleEdges()))).toEqual(before.filter((k) => k !== edge.key));
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('"show co-mentions" adds the co-mention links, and hiding them restores the view', async () => {
    const { page, problems } = await open();
    const before = sorted(await hook(page, (h) => h.visibleEdges()));
    expect(pairs.length).toBeGreaterThan(0);
    await page.check('#co-mentions-toggle');
    const links = pairs.map((p) => `${p.source}->co_mentioned->${p.target}`);
    await expect.poll(async () => sorted(await hook(page, (h) => h.visibleEdges()))).toEqual(sorted([...before, ...links]));
    expect(await page.evaluate(() => location.hash)).toContain('co-mentions=1');
    await page.uncheck('#co-mentions-toggle');
    await expect.poll(async () => sorted(await hook(page, (h) => h.visibleEdges()))).toEqual(before);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('hides unconnected entities in a large graph, counts them, and shows them on request', async () => {
    // The small corpus stands in for a large graph: the threshold (1,000 nodes by default) is lowered from the URL.
    const { page, problems } = await open('?hideUnconnectedAbove=0');
    const connected = new Set(data.edges.flatMap((e) => [e.source, e.target]));
    const lonely = data.nodes.filter((n) => !connected.has(n.key)).length;
    expect(lonely).toBeGreaterThan(0);
    await expect.poll(async () => sorted(await hook(page, (h) => h.visibleNodes()))).toEqual(sorted(connected));
    expect(await page.textContent('#unconnected-count')).toBe(`${lonely} hidden`);
    await page.check('#unconnected-toggle');
    await expect.poll(() => hook(page, (h) => h.visibleNodes().length)).toBe(data.nodes.length);
    expect(await page.evaluate(() => location.hash)).toContain('unconnected=show');
    // Co-mentions connect too: with them shown, only entities with neither stay hidden.
    await page.uncheck('#unconnected-toggle');
    await page.check('#co-mentions-toggle');
    const linked = new Set([...connected, ...pairs.flatMap((p) => [p.source, p.target])]);
    await expect.poll(async () => sorted(await hook(page, (h) => h.visibleNodes()))).toEqual(sorted(linked));
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('shows the best-connected entities first in a large graph, and a node\'s neighbours on request', async () => {
    const { page, problems } = await open('?storyAbove=3&storyTop=3');
    await expect.poll(() => hook(page, (h) => h.shown().cutByStory)).toBeGreaterThan(0);
    const degree = new Map<string, number>();
    for (const e of data.edges) for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
    const shown = await hook(page, (h) => h.visibleNodes());
    expect(shown.length).toBe(3);
    const best = Math.max(...data.nodes.filter((n) => n.attributes.category !== ARTICLE_CATEGORY).map((n) => degree.get(n.key) ?? 0));
    expect(shown.map((k) => degree.get(k) ?? 0)).toContain(best);
    expect(await page.isVisible('#story-controls')).toBe(true);
    // "Show neighbours" on a shown node brings in every node it shares an edge with.
    const hub = shown.find((k) => degree.get(k) === best)!;
    await page.type('#search', data.nodes.find((n) => n.key === hub)!.attributes.label, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(() => hook(page, (h) => h.selection()?.key)).toBe(hub);
    await page.click('#show-neighbours');
    const neighbours = new Set(data.edges.flatMap((e) => (e.source === hub ? [e.target] : e.target === hub ? [e.source] : [])));
    await expect.poll(async () => {
      const now = new Set(await hook(page, (h) => h.visibleNodes()));
      return [...neighbours].every((n) => now.has(n));
    }).toBe(true);
    expect(await page.evaluate(() => location.hash)).toContain('expand=');
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
