/**
 * Regenerates docs/screenshot.png: the viewer at 1280×800 in headless chromium, with the best-connected node selected
 * and its first relation opened on its evidence.
 *
 *   npx tsx bench/screenshot.ts [--in graph/graph.json] [--out docs/screenshot.png]
 *
 * For a corpus (docs/screenshot-corpus.png, the Reuters documents), the view a user arrives at with a link and one click:
 *   npx tsx bench/screenshot.ts --in /tmp/reuters-graph/graph.json --out docs/screenshot-corpus.png \
 *     --hash 'co-mentions=1&top=150&color=community' --layout-ms 6000 --no-select
 * (`--hash`: the view state to open, docs/viewer.md; `--layout-ms`: run the live layout that long first.)
 *
 * Without a graph file it shows a small synthetic graph (and says so).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeGraph } from '../src/graph/io.js';
import { ARTICLE_CATEGORY } from '../src/schema/index.js';
import { syntheticGraph } from './lib/synthetic-graph.js';
import { ensureViewerBuilt, launchChromium, ROOT, serveGraph, waitForViewer, watchPage } from './lib/viewer-page.js';

const { values } = parseArgs({
  options: {
    in: { type: 'string', default: join(ROOT, 'graph', 'graph.json') },
    out: { type: 'string', default: join(ROOT, 'docs', 'screenshot.png') },
    hash: { type: 'string', default: '' },
    'layout-ms': { type: 'string', default: '0' },
    'no-select': { type: 'boolean', default: false },
  },
});

interface Serialized {
  nodes: { key: string; attributes: { label: string; category?: string } }[];
  edges: { source: string; target: string; attributes: { evidence: unknown[] } }[];
}

async function main(): Promise<void> {
  ensureViewerBuilt();
  let graphPath = resolve(values.in!);
  let scratch: string | null = null;
  if (!existsSync(graphPath)) {
    scratch = mkdtempSync(join(tmpdir(), 'newsgraph-screenshot-'));
    graphPath = join(scratch, 'graph.json');
    writeGraph(syntheticGraph({ nodes: 150, edges: 300, seed: 3 }), graphPath);
    console.log(`${values.in}: not found; showing a synthetic graph instead`);
  }
  const data = JSON.parse(readFileSync(graphPath, 'utf8')) as Serialized;
  const degree = new Map<string, number>();
  for (const e of data.edges) {
    if (!e.attributes.evidence.length) continue;
    for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
  }
  const hub = data.nodes
    .filter((n) => n.attributes.category !== ARTICLE_CATEGORY && degree.has(n.key))
    .sort((a, b) => degree.get(b.key)! - degree.get(a.key)!)[0];

  const server = await serveGraph(graphPath);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watchPage(page);
    await page.goto(`${server.url}${values.hash ? `#${values.hash}` : ''}`);
    await waitForViewer(page);
    const layoutMs = Number(values['layout-ms']);
    if (layoutMs > 0) {
      await page.click('#layout-toggle');
      await page.waitForTimeout(layoutMs);
      await page.click('#layout-toggle');
      await page.click('#zoom-reset');
    }
    if (hub && !values['no-select']) {
      await page.type('#search', hub.attributes.label);
      await page.locator(`#suggestions li[data-key="${hub.key.replace(/["\\]/g, '\\$&')}"]`).dispatchEvent('pointerdown');
      const item = page.locator('#panel details.relation-item').first();
      await item.locator('summary').click({ position: { x: 4, y: 8 } });
      await page.locator('#search').blur();
    }
    await page.waitForTimeout(1200);
    await page.screenshot({ path: values.out!, type: 'png' });
    if (problems.errors.length) throw new Error(`page errors: ${problems.errors.join('; ')}`);
    console.log(`${values.out}: ${data.nodes.length} nodes, ${data.edges.length} edges${hub ? `, ${hub.attributes.label} selected` : ''}`);
  } finally {
    await browser.close();
    await server.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
