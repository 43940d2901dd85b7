/**
 * Shared by the viewer bench, the screenshot script and the browser tests: Debian chromium through playwright-core,
 * the real server (src/serve/server.ts) in front of viewer/dist, and a page that waits for the viewer's debug hook
 * (`window.__newsgraph`, documented in viewer/src/main.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/serve/server.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const VIEWER_DIST = join(ROOT, 'viewer', 'dist');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds viewer/dist when it is missing or older than the viewer's sources, so a run never tests stale code. */
export function ensureViewerBuilt(): void {
  const index = join(VIEWER_DIST, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'viewer', 'src')), statSync(join(ROOT, 'viewer', 'index.html')).mtimeMs,
    statSync(join(ROOT, 'viewer', 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'viewer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`sudo apt-get update && sudo apt-get install -y chromium\` (npm test does this itself when run as root)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Serves `graphPath` as ./graph.json beside a built viewer (viewer/dist unless another build is given). */
export async function serveGraph(graphPath: string, viewerDir: string = VIEWER_DIST): Promise<RunningServer> {
  return startServer({ viewerDir, graphPath });
}

export interface PageProblems {
  /** console.error messages, uncaught exceptions and CSP violations. */
  errors: string[];
  dialogs: string[];
}

/** Records every console error, page error and dialog; dialogs are dismissed. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { errors: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.errors.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}

/** Waits until the viewer has drawn its first frame; throws with the viewer's own error when loading failed. */
export async function waitForViewer(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => {
    const hook = (window as unknown as { __newsgraph?: { ready: boolean; error: string | null } }).__newsgraph;
    return !!hook && (hook.ready || !!hook.error);
  }, null, { timeout });
  const error = await page.evaluate(() => (window as unknown as { __newsgraph: { error: string | null } }).__newsgraph.error);
  if (error) throw new Error(`viewer failed to load: ${error}`);
}
