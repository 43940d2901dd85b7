/**
 * co-mentions.json, beside graph.json: the pairs of nodes named in the same sentence, with their counts per article
 * (docs/graph-format.md). Laid out as graph.json is, one record per line sorted by key, so an update copies the
 * lines it does not change (graph-file.ts RecordList), and written atomically.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CO_MENTIONED, type CoMention, type LocalCoMention } from '../schema/index.js';
import { NewsgraphError } from '../errors.js';
import type { NodeOf } from './build.js';
import { GRAPH_FILE } from './io.js';
import { RecordList } from './graph-file.js';

/** graph/graph.json → graph/co-mentions.json; other/name.json → other/name.co-mentions.json. */
export function coMentionsPathFor(graphPath: string): string {
  const stem = basename(graphPath).replace(/\.json$/i, '');
  return join(dirname(graphPath), stem === 'graph' ? 'co-mentions.json' : `${stem}.co-mentions.json`);
}

/** What co-mentions are gathered from: each article's pairs of local entity ids. */
export interface CoMentionInput {
  article: { id: string };
  coMentions?: readonly LocalCoMention[];
}

/** A pair while its articles are gathered: articles in the order they came, each once, with their sentences. */
export interface CoMentionDraft {
  source: string;
  target: string;
  articles: string[];
  counts: number[];
}

export const coMentionKey = (source: string, target: string) => `${source}->${CO_MENTIONED}->${target}`;

/** The pairs of nodes of the articles' co-mentions (those whose local ids pass `keep`), by key. */
export function collectCoMentions(inputs: readonly CoMentionInput[], nodeOf: NodeOf, keep?: (a: string, b: string) => boolean,
  pairs = new Map<string, CoMentionDraft>()): Map<string, CoMentionDraft> {
  for (const { article, coMentions } of inputs) {
    if (!coMentions) continue;
    for (const [a, b, n] of coMentions) {
      if (keep && !keep(a, b)) continue;
      const x = nodeOf(article.id, a);
      const y = nodeOf(article.id, b);
      if (x === undefined || y === undefined || x === y) continue;
      const [source, target] = x < y ? [x, y] : [y, x];
      const key = coMentionKey(source, target);
      let pair = pairs.get(key);
      if (!pair) pairs.set(key, (pair = { source, target, articles: [], counts: [] }));
      // An article's pairs come together: two of its entities on one node add to its own count.
      const last = pair.articles.length - 1;
      if (pair.articles[last] === article.id) pair.counts[last]! += n;
      else {
        pair.articles.push(article.id);
        pair.counts.push(n);
      }
    }
  }
  return pairs;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function coMentionOf(draft: CoMentionDraft): CoMention {
  const order = draft.articles.map((_, i) => i).sort((a, b) => byString(draft.articles[a]!, draft.articles[b]!));
  const counts = order.map((i) => draft.counts[i]!);
  return { source: draft.source, target: draft.target, count: counts.reduce((s, n) => s + n, 0), articles: order.map((i) => draft.articles[i]!), counts };
}

/** The file's layout: a head line, one record per line as graph.json's lists, then the close. */
export const CO_MENTION_FILE = {
  head: '{"kind":"newsgraph co-mentions","schemaVersion":1,\n"pairs":[',
  record: (c: CoMention) =>
    `{"key":${JSON.stringify(coMentionKey(c.source, c.target))},"source":${JSON.stringify(c.source)},"target":${JSON.stringify(c.target)},"count":${c.count},"articles":${JSON.stringify(c.articles)},"counts":${JSON.stringify(c.counts)}}`,
};

/** The whole file, from the pairs by key. */
export function* coMentionPieces(pairs: ReadonlyMap<string, CoMentionDraft>): Generator<string> {
  yield CO_MENTION_FILE.head;
  const keys = [...pairs.keys()].sort(byString);
  for (let i = 0; i < keys.length; i++) yield GRAPH_FILE.separator(i) + CO_MENTION_FILE.record(coMentionOf(pairs.get(keys[i]!)!));
  yield GRAPH_FILE.tail(keys.length);
}

/** The file as written, read as lines: an update replaces some and copies the rest. */
export function readCoMentionLines(path: string): RecordList | string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return `${path}: ${(error as Error).message}`;
  }
  const head = Buffer.from(`${CO_MENTION_FILE.head}\n`);
  if (!bytes.subarray(0, head.length - 1).equals(head.subarray(0, -1)) || !bytes.subarray(-3).equals(Buffer.from(']}\n'))) return `${path}: not a co-mentions file`;
  // An empty list is `[]`; otherwise the records start on the line after the head.
  const empty = bytes.length === head.length - 1 + 3;
  return empty ? new RecordList(bytes, head.length - 1, head.length - 1) : new RecordList(bytes, head.length, bytes.length - 3);
}

/** The whole file: the head, then the list with its changes (a record's new text, or null to remove it). */
export function* coMentionFilePieces(lines: RecordList, changes: ReadonlyMap<string, string | null>): Generator<string | Uint8Array> {
  yield CO_MENTION_FILE.head;
  const wrote = yield* lines.pieces(changes);
  yield GRAPH_FILE.tail(wrote ? 1 : 0);
}

/** The pairs of a co-mentions file, parsed; a one-line error naming the file when it is not one. */
export function loadCoMentions(path: string): CoMention[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NewsgraphError(`${path}: ${code === 'ENOENT' ? 'no such file (build the graph again to write it)' : `not a co-mentions file (${(error as Error).message.split('\n')[0]})`}`);
  }
  const pairs = (data as { pairs?: unknown }).pairs;
  if (!Array.isArray(pairs) || pairs.some((p) => typeof p?.source !== 'string' || typeof p?.target !== 'string' || typeof p?.count !== 'number')) {
    throw new NewsgraphError(`${path}: not a co-mentions file (no list of pairs)`);
  }
  return (pairs as Array<CoMention & { key?: string }>).map(({ key: _key, ...pair }) => pair);
}
