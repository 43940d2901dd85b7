/**
 * `npm run bench:viewer`: the viewer on a 10k-node / 50k-edge synthetic graph, served by the real server, in
 * Debian's headless chromium (software WebGL: there is no GPU here, so these are worst-case numbers).
 *
 * Prints medians over several page loads of
 *   - time to first frame: navigation start until the GPU has finished drawing the first frame (the viewer waits on a
 *     WebGL fence), with the phases before it;
 *   - frame time / fps while panning with a mouse drag, one move per frame, with the default settings (edges are
 *     hidden while the camera moves above `hideEdgesOnMoveAbove` edges) and with edges kept on screen.
 * The machine's load average is printed with each run: another process on a core slows everything here.
 *
 * With --corpus DIR (a folder of articles) or --corpus generated:N (the generated corpus of bench:corpus), it builds
 * the articles into a graph with the CLI instead, serves it and prints per run the first frame, the nodes drawn and
 * the page's JS heap, then as its last line {"articles", "nodes", "edges", "firstFrameMs", "nodesDrawn", "heapMb"}
 * (medians; 3 runs unless --runs says otherwise; bench/lib/viewer-corpus.ts).
 *
 * Options: --nodes N --edges N --runs N --pan-frames N --pan-seconds S (a drag stops at whichever comes first)
 *          --cpu-profile FILE  also writes a V8 CPU profile of the first run's page load (open it in Chrome DevTools;
 *                              profiling slows that load a little)
 *          --viewer-dir DIR    measures another build of the viewer (e.g. an older commit's, for a before/after)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { writeGraph } from '../src/graph/io.js';
import { DEFAULT_SETTINGS } from '../viewer/src/settings.js';
import { syntheticGraph } from './lib/synthetic-graph.js';
import { ensureViewerBuilt, launchChromium, serveGraph, waitForViewer, watchPage } from './lib/viewer-page.js';
import { benchCorpus } from './lib/viewer-corpus.js';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '10000' },
    edges: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '5' },
    'pan-frames': { type: 'string', default: '60' },
    'pan-seconds': { type: 'string', default: '20' },
    'cpu-profile': { type: 'string' },
    'viewer-dir': { type: 'string' },
    corpus: { type: 'string' },
  },
});
const NODES = Number(values.nodes);
const EDGES = Number(values.edges);
const RUNS = Number(values.runs);
const PAN_FRAMES = Number(values['pan-frames']);
const PAN_SECONDS = Number(values['pan-seconds']);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

interface LoadResult {
  firstFrame: number;
  marks: Record<string, number>;
}

async function loadPage(page: Page, url: string, profilePath?: string): Promise<LoadResult> {
  const cdp = profilePath ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
  }
  await page.goto(url);
  await waitForViewer(page, 180_000);
  if (cdp && profilePath) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profilePath, JSON.stringify(profile));
    await cdp.detach();
  }
  return page.evaluate(() => {
    const hook = (window as unknown as { __newsgraph: { firstFrameMs: number } }).__newsgraph;
    const marks: Record<string, number> = {};
    for (const m of performance.getEntriesByType('mark')) marks[m.name.replace('newsgraph:', '')] = m.startTime;
    return { firstFrame: hook.firstFrameMs, marks };
  });
}

interface PanResult {
  frames: number;
  seconds: number;
  medianFrameMs: number;
  p90FrameMs: number;
}

/**
 * Drags the stage in a circle for PAN_FRAMES animation frames (or PAN_SECONDS), one pointer move per frame, and times
 * the frames sigma draws. The drag runs inside the page (mouse events dispatched to sigma's own listeners, as a real
 * drag delivers them) so the driver's round trips do not pace the frames.
 */
async function pan(page: Page): Promise<PanResult> {
  const box = (await page.locator('#graph').boundingBox())!;
  // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
  const times = (await page.evaluate(`new Promise((resolve) => {
    const cx = ${box.x + box.width / 2}, cy = ${box.y + box.height / 2};
    const target = document.elementFromPoint(cx, cy);
    const fire = (node, type, x, y) => node.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, cancelable: true, button: 0, buttons: type === 'mouseup' ? 0 : 1 }));
    fire(target, 'mousedown', cx, cy);
    const times = [];
    const started = performance.now();
    let last = window.__newsgraph.frames;
    let i = 0;
    const tick = (t) => {
      const now = window.__newsgraph.frames;
      if (now !== last) times.push(t);
      last = now;
      if (times.length >= ${PAN_FRAMES} || t - started > ${PAN_SECONDS * 1000}) {
        fire(document, 'mouseup', cx, cy);
        resolve(times);
        return;
      }
      i++;
      const angle = (2 * Math.PI * i) / 60;
      fire(document, 'mousemove', cx + Math.cos(angle) * 150, cy + Math.sin(angle) * 100);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`)) as number[];
  // Let the release (and sigma's refresh after it) settle before the next step.
  await page.waitForTimeout(500);
  const intervals = times.slice(1).map((t, i) => t - times[i]!);
  const sorted = [...intervals].sort((a, b) => a - b);
  return {
    frames: times.length,
    seconds: (times.at(-1)! - times[0]!) / 1000,
    medianFrameMs: median(intervals),
    p90FrameMs: sorted[Math.floor(sorted.length * 0.9)] ?? NaN,
  };
}

async function main(): Promise<void> {
  const viewerDir = values['viewer-dir'];
  if (!viewerDir) ensureViewerBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'newsgraph-bench-viewer-'));
  const graphPath = join(dir, 'graph.json');
  const generated = syntheticGraph({ nodes: NODES, edges: EDGES, seed: 1 });
  writeGraph(generated, graphPath);
  const server = await serveGraph(graphPath, viewerDir);
  console.log(`viewer bench: ${generated.order} nodes, ${generated.size} edges; headless chromium, software WebGL; ${RUNS} runs; load average ${load()}${viewerDir ? `; viewer build ${viewerDir}` : ''}`);
  try {
    const loads: LoadResult[] = [];
    const pans: PanResult[] = [];
    const pansWithEdges: PanResult[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A fresh browser per run: software WebGL may still be drawing the previous page's frames after it closed.
      const browser = await launchChromium();
      let result: LoadResult;
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const problems = watchPage(page);
        result = await loadPage(page, server.url, run === 0 ? values['cpu-profile'] : undefined);
        loads.push(result);
        pans.push(await pan(page));
        await page.goto(`${server.url}?hideEdgesOnMoveAbove=1e12`);
        await waitForViewer(page, 180_000);
        pansWithEdges.push(await pan(page));
        if (problems.errors.length) throw new Error(`page errors: ${problems.errors.join('; ')}`);
      } finally {
        await browser.close();
      }
      const p = pans.at(-1)!;
      const e = pansWithEdges.at(-1)!;
      console.log(`  run ${run + 1}: first frame ${fmt(result.firstFrame)}; pan ${(1000 / p.medianFrameMs).toFixed(1)} fps (edges hidden while moving), ${(1000 / e.medianFrameMs).toFixed(1)} fps (edges drawn); load average ${load()}`);
    }
    const phase = (name: string) => median(loads.map((l) => l.marks[name] ?? NaN));
    console.log('');
    console.log(`time to first frame (median): ${fmt(median(loads.map((l) => l.firstFrame)))}  [min ${fmt(Math.min(...loads.map((l) => l.firstFrame)))}, max ${fmt(Math.max(...loads.map((l) => l.firstFrame)))}]`);
    console.log(`  phases (median, ms from navigation start): response headers ${phase('fetched').toFixed(0)}, JSON parsed ${phase('parsed').toFixed(0)}, graph built ${phase('normalised').toFixed(0)}, sigma ready ${phase('sigma-ready').toFixed(0)}, GPU done ${phase('first-frame').toFixed(0)}`);
    const hidden = `edges hidden while moving (default above ${DEFAULT_SETTINGS.hideEdgesOnMoveAbove.toLocaleString('en')} edges)`;
    for (const [name, list] of [[hidden, pans], ['edges drawn while moving', pansWithEdges]] as const) {
      const ms = median(list.map((p) => p.medianFrameMs));
      console.log(`panning, ${name}: median frame ${ms.toFixed(1)} ms = ${(1000 / ms).toFixed(1)} fps; p90 frame ${median(list.map((p) => p.p90FrameMs)).toFixed(1)} ms; ${median(list.map((p) => p.frames))} frames per drag`);
    }
    console.log(`load average at the end: ${load()}`);
    if (values['cpu-profile']) console.log(`CPU profile of the first page load: ${values['cpu-profile']}`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.corpus) {
  if (!values['viewer-dir']) ensureViewerBuilt();
  await benchCorpus({ corpus: values.corpus, runs: process.argv.includes('--runs') ? RUNS : 3, ...(values['viewer-dir'] ? { viewerDir: values['viewer-dir'] } : {}) });
} else {
  await main();
}
