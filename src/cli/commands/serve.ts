/**
 * `newsgraph serve`: the viewer and a graph on a local web server, until Ctrl-C.
 */
import type { Command } from 'commander';
import { action, out } from '../run.js';
import { parsePort } from '../options.js';
import { startServer, SERVER_DEFAULTS } from '../../serve/server.js';
import { requireViewerDist } from '../../serve/viewer-dir.js';

export const DEFAULT_GRAPH = 'graph/graph.json';
/** A fixed port, so the address printed by `npm start` stays the same from run to run. */
export const DEFAULT_PORT = 8080;

interface ServeOptions {
  in: string;
  port: number;
  host: string;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the viewer and a graph on a local web server (stops on Ctrl-C)')
    .option('--in <file>', 'graph file to show', DEFAULT_GRAPH)
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('--host <host>', 'address to bind (use 0.0.0.0 to share on your network)', SERVER_DEFAULTS.host)
    .action(action(async (options: ServeOptions) => {
      const server = await startServer({ viewerDir: requireViewerDist(), graphPath: options.in, host: options.host, port: options.port });
      // Listening for the signals before the URL is printed: whoever reads the URL may stop the server at once.
      const stopped = new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          done();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await out(`${server.url}\n`);
      await stopped;
      await server.close();
      return 0;
    }));
}
