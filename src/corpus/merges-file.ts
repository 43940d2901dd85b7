/**
 * merges.json: every merge decision of a build (what joined what, and why), for the user to audit and override.
 */
import { basename, dirname, join } from 'node:path';
import type { MergeDecision } from '../resolve/corpus.js';

/** graph/graph.json → graph/merges.json; other/name.json → other/name.merges.json. */
export function mergesPathFor(out: string): string {
  const stem = basename(out).replace(/\.json$/i, '');
  return join(dirname(out), stem === 'graph' ? 'merges.json' : `${stem}.merges.json`);
}

/** `JSON.stringify(merges, null, 1)` and a newline, one decision at a time: whole, it was a string of megabytes. */
export function* mergePieces(merges: readonly MergeDecision[]): Generator<string> {
  if (!merges.length) {
    yield '[]\n';
    return;
  }
  yield '[';
  for (let i = 0; i < merges.length; i++) yield `${i ? ',' : ''}\n ${JSON.stringify(merges[i], null, 1).replace(/\n/g, '\n ')}`;
  yield '\n]\n';
}
