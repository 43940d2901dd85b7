/**
 * `newsgraph view --out DIR`: write the viewer and a graph as a static folder.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { action, out } from '../run.js';
import { requireViewerDist } from '../../serve/viewer-dir.js';
import { DEFAULT_GRAPH } from './serve.js';

interface ViewOptions {
  in: string;
  out: string;
}

export function register(program: Command): void {
  program
    .command('view')
    .description('write the viewer and a graph into a folder that any static web host can serve')
    .requiredOption('--out <dir>', 'folder to write (created if missing)')
    .option('--in <file>', 'graph file to include', DEFAULT_GRAPH)
    .action(action(async (options: ViewOptions) => {
      const { writeStaticViewer } = await import('../../serve/static-site.js');
      const result = writeStaticViewer({ viewerDir: requireViewerDist(), graphPath: options.in, outDir: options.out });
      await out(`${join(result.outDir, 'index.html')}\n`);
      return 0;
    }));
}
