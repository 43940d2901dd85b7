/**
 * `bench:viewer --corpus DIR | generated:N`: a corpus built into a graph by the real CLI (dist/), served by the real
 * server, opened in Debian's chromium; per run a fresh browser measures the first frame, the nodes drawn and the page's
 * JS heap. Prints each run, then one JSON line of medians.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus-generator.js';
import { launchChromium, serveGraph, waitForViewer, watchPage } from './viewer-page.js';
import { repoRoot, requireBuiltDist } from './dist.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** The folder of articles: DIR itself, or `generated:N` written once under the temporary folder and reused. */
function corpusFolder(spec: string): string {
  const generated = /^generated:(\d+)$/.exec(spec);
  if (!generated) {
    const dir = resolve(spec);
    if (!existsSync(dir)) throw new Error(`bench/viewer: ${spec}: no such folder`);
    return dir;
  }
  const articles = Number(generated[1]);
  const generator = fileURLToPath(new URL('./corpus-generator.ts', import.meta.url));
  const version = createHash('sha256').update(readFileSync(generator)).digest('hex').slice(0, 16);
  // The same place and marker as bench:corpus, so either bench reuses the other's corpus.
  const dir = join(tmpdir(), 'newsgraph-bench', `corpus-s1-n${articles}`);
  const marker = join(dir, '.complete');
  const previous = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { generator: string }) : undefined;
  if (previous?.generator !== version) {
    console.log(`corpus: generating ${articles} articles into ${dir}`);
    const { bytes } = generateCorpus({ dir, articles, seed: 1 });
    writeFileSync(marker, JSON.stringify({ generator: version, seed: 1, articles, bytes }));
  }
  return dir;
}

export interface CorpusBenchOptions {
  corpus: string;
  runs: number;
  viewerDir?: string;
}

export async function benchCorpus(o: CorpusBenchOptions): Promise<void> {
  requireBuiltDist('bench/viewer');
  const articlesDir = corpusFolder(o.corpus);
  const name = createHash('sha256').update(articlesDir).digest('hex').slice(0, 10);
  const graphPath = join(tmpdir(), 'newsgraph-bench', `viewer-${basename(articlesDir)}-${name}`, 'graph.json');
  mkdirSync(join(graphPath, '..'), { recursive: true });
  const started = performance.now();
  // Incremental: a graph already built from the same articles is left as it is.
  execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), 'build', articlesDir, '--out', graphPath, '--quiet'], { stdio: 'inherit' });
  console.log(`build: ${((performance.now() - started) / 1000).toFixed(1)} s → ${graphPath}`);
  const data = JSON.parse(readFileSync(graphPath, 'utf8')) as { attributes: { articleCount: number }; nodes: unknown[]; edges: unknown[] };
  const counts = { articles: data.attributes.articleCount, nodes: data.nodes.length, edges: data.edges.length };
  const server = await serveGraph(graphPath, o.viewerDir);
  console.log(`viewer bench: ${counts.articles} articles, ${counts.nodes} nodes, ${counts.edges} edges; headless chromium, software WebGL; ${o.runs} runs; load average ${load()}`);
  const runs: Array<{ firstFrameMs: number; nodesDrawn: number; heapMb: number }> = [];
  try {
    for (let run = 0; run < o.runs; run++) {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const problems = watchPage(page);
        await page.goto(server.url);
        await waitForViewer(page, 180_000);
        const firstFrameMs = (await page.evaluate('window.__newsgraph.firstFrameMs')) as number;
        const nodesDrawn = (await page.evaluate('window.__newsgraph.visibleNodes().length')) as number;
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('HeapProfiler.collectGarbage');
        const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        await cdp.detach();
        if (problems.errors.length) throw new Error(`page errors: ${problems.errors.join('; ')}`);
        runs.push({ firstFrameMs, nodesDrawn, heapMb: heap.usedSize / 1e6 });
        console.log(`  run ${run + 1}: first frame ${(firstFrameMs / 1000).toFixed(2)} s, ${nodesDrawn} nodes drawn, JS heap ${(heap.usedSize / 1e6).toFixed(0)} MB; load average ${load()}`);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  console.log(JSON.stringify({
    ...counts,
    firstFrameMs: Math.round(median(runs.map((r) => r.firstFrameMs))),
    nodesDrawn: median(runs.map((r) => r.nodesDrawn)),
    heapMb: Math.round(median(runs.map((r) => r.heapMb))),
  }));
}
