/**
 * Extraction in worker threads. Results come back keyed by position, so the output never depends on which worker
 * finished first.
 */
import { Worker } from 'node:worker_threads';
import type { Article } from '../schema/index.js';
import type { WorkerData, WorkerReply } from './extract-worker.js';

export type ExtractResult = WorkerReply[number];

/**
 * From dist the worker is plain JavaScript. From the TypeScript sources (tests, tsx) it first registers tsx's loader
 * inside the worker thread, since loader hooks of the main thread do not reach workers.
 */
function startWorker(workerData: WorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./extract-worker.js', import.meta.url), { workerData });
  const script = new URL('./extract-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

export async function extractInWorkers(
  articles: readonly Article[], jobs: number, workerData: WorkerData, onDone: (count: number) => void, batchSize = 8,
): Promise<ExtractResult[]> {
  const results: ExtractResult[] = new Array(articles.length);
  const batches: Array<{ start: number; items: Article[] }> = [];
  for (let i = 0; i < articles.length; i += batchSize) batches.push({ start: i, items: articles.slice(i, i + batchSize) });
  const workers = Array.from({ length: Math.min(jobs, batches.length) }, () => startWorker(workerData));
  let next = 0;
  try {
    await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
      const send = () => {
        const batch = batches[next++];
        if (!batch) { resolve(); return; }
        worker.once('message', (reply: WorkerReply) => {
          reply.forEach((r, k) => { results[batch.start + k] = r; });
          onDone(reply.length);
          send();
        });
        worker.postMessage(batch.items);
      };
      worker.once('error', reject);
      worker.once('exit', (code) => { if (next <= batches.length && code !== 0) reject(new Error(`extraction worker exited with code ${code}`)); });
      send();
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
