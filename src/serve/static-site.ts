/**
 * `newsgraph view --out DIR`: the viewer and the graph as a folder any static host can serve (or a colleague can
 * open with a one-line server): graph.json, its compact form with the evidence shards the viewer loads
 * (compact-graph.ts), and co-mentions.json when the build wrote one. Files are written atomically; files a previous export wrote and this one does not
 * (old hashed bundles) are removed, and nothing else in the folder is touched.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { NewsgraphError } from '../errors.js';
import { writeFileAtomic } from '../graph/atomic-write.js';
import { loadGraph } from '../graph/io.js';
import { coMentionsPathFor } from '../graph/co-mention-file.js';
import { compactGraph } from './compact-graph.js';

export interface StaticViewerOptions {
  viewerDir: string;
  graphPath: string;
  outDir: string;
}

export interface StaticViewerResult {
  outDir: string;
  /** Paths written, relative to outDir, sorted. */
  files: string[];
  /** Stale files of an earlier export removed. */
  removed: string[];
}

/** Lists what this tool wrote into the folder last time, so the next export can clean up after it. */
export const MANIFEST = '.newsgraph-view.json';

function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, base));
    else if (entry.isFile()) out.push(relative(base, path).split(sep).join('/'));
  }
  return out.sort();
}

function readManifest(outDir: string): string[] {
  try {
    const data: unknown = JSON.parse(readFileSync(join(outDir, MANIFEST), 'utf8'));
    const files = (data as { files?: unknown }).files;
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Whether `target` really lies inside `realOut` once links are followed: its nearest existing folder must resolve
 * inside the output folder. Text checks alone let a link named "assets" lead anywhere.
 */
function staysInside(realOut: string, target: string): boolean {
  let dir = dirname(target);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const real = realpathSync(dir);
  return real === realOut || real.startsWith(realOut + sep);
}

export function writeStaticViewer(options: StaticViewerOptions): StaticViewerResult {
  const viewerDir = resolve(options.viewerDir);
  const outDir = resolve(options.outDir);
  const graphPath = resolve(options.graphPath);
  let viewerFiles: string[];
  try {
    viewerFiles = listFiles(viewerDir);
  } catch {
    throw new NewsgraphError(`${options.viewerDir}: the viewer is not built (run \`npm run build\`)`);
  }
  if (!viewerFiles.includes('index.html')) throw new NewsgraphError(`${options.viewerDir}: the viewer is not built (index.html missing; run \`npm run build\`)`);
  if (outDir === viewerDir || outDir.startsWith(viewerDir + sep) || viewerDir.startsWith(outDir + sep)) {
    throw new NewsgraphError(`${options.outDir}: the output folder must not overlap the viewer build folder ${options.viewerDir}`);
  }
  try {
    if (!statSync(outDir).isDirectory()) throw new NewsgraphError(`${options.outDir}: exists and is not a folder`);
  } catch (error) {
    if (error instanceof NewsgraphError) throw error;
    mkdirSync(outDir, { recursive: true });
  }
  // Validates before writing anything: a bad graph leaves the folder as it was.
  const compact = compactGraph(loadGraph(graphPath), { coMentions: existsSync(coMentionsPathFor(graphPath)) });
  const graphText = readFileSync(graphPath);
  const data = new Map<string, string | Buffer>([['graph.json', graphText], ['graph.compact.json', compact.graph]]);
  compact.shards.forEach((text, i) => data.set(`evidence/${i}.json`, text));
  if (existsSync(coMentionsPathFor(graphPath))) data.set('co-mentions.json', readFileSync(coMentionsPathFor(graphPath)));

  const previous = readManifest(outDir);
  const realOut = realpathSync(outDir);
  const files = [...viewerFiles.filter((f) => !data.has(f)), ...data.keys()].sort();
  for (const file of files) {
    const target = join(outDir, ...file.split('/'));
    if (!staysInside(realOut, target)) throw new NewsgraphError(`${options.outDir}: ${file} would be written through a link that leads out of the folder; remove the link`);
  }
  for (const file of files) {
    const target = join(outDir, ...file.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, data.get(file) ?? readFileSync(join(viewerDir, ...file.split('/'))));
  }

  const keep = new Set(files);
  const removed: string[] = [];
  for (const file of previous) {
    if (keep.has(file) || file.split('/').some((s) => s === '..' || s === '')) continue;
    const target = join(outDir, ...file.split('/'));
    if (!target.startsWith(outDir + sep) || !staysInside(realOut, target)) continue;
    rmSync(target, { force: true });
    removed.push(file);
  }
  writeFileAtomic(join(outDir, MANIFEST), `${JSON.stringify({ generator: 'newsgraph view', files }, null, 1)}\n`);
  return { outDir, files, removed: removed.sort() };
}
