/**
 * The build-time layout with a fresh ForceAtlas2 run in a worker thread, so that the build can write what does not
 * depend on positions (graph.json's edge lines) meanwhile, on the other core. On a 10k-article graph (97k nodes) one
 * iteration took 1.4–2 s, as long as writing its edge lines. The worker runs the library's own iteration on the same
 * arrays the library would build, so the positions are the same to the bit as `layout.assign`'s.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { LAYOUT_DEFAULTS, beginLayout, forceAtlas2Steps, layout, runForceAtlas2, type ForceAtlas2Run, type LayoutOptions, type LayoutTarget } from './layout.js';

const require = createRequire(import.meta.url);

/** The worker: plain CommonJS given as text, so it runs the same from the TypeScript sources and from dist. */
const ITERATE = `
const { parentPort, workerData } = require('node:worker_threads');
const iterate = require(workerData.iterate);
const { settings, iterations, nodes, edges } = workerData;
for (let i = 0; i < iterations; i++) iterate(settings, nodes, edges);
parentPort.postMessage(nodes, [nodes.buffer]);
`;

function iterateInWorker(run: ForceAtlas2Run, nodes: Float32Array, edges: Float32Array): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(ITERATE, {
      eval: true, workerData: { iterate: require.resolve('graphology-layout-forceatlas2/iterate.js'), ...run, nodes, edges },
    });
    worker.once('message', (result: Float32Array) => { resolve(result); void worker.terminate(); });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`layout worker exited with code ${code}`)));
  });
}

/**
 * `layout.assign`, with a fresh ForceAtlas2 run on a graph of `threadMinNodes` nodes or more in a worker thread: then
 * a promise, settled once the layout is assigned, and the graph must not change until it settles (should the worker
 * fail, the run is done in this thread instead). Otherwise the layout is assigned before this returns undefined.
 */
export function assignLayoutInThread(graph: LayoutTarget, options: Partial<LayoutOptions> = {}): Promise<void> | undefined {
  if (graph.order < (options.threadMinNodes ?? LAYOUT_DEFAULTS.threadMinNodes)) {
    layout.assign(graph, options);
    return undefined;
  }
  const begun = beginLayout(graph, options);
  if (!begun) return undefined;
  const matrices = forceAtlas2Steps.matrices(graph);
  return iterateInWorker(begun.run, matrices.nodes, matrices.edges).then(
    (nodes) => forceAtlas2Steps.helpers.assignLayoutChanges(graph, nodes, null),
    () => runForceAtlas2(graph, begun.run),
  ).then(() => begun.finish());
}
