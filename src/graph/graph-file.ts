/**
 * A graph.json written by this program (io.ts GRAPH_FILE), read as lines rather than parsed: an incremental rebuild
 * reads the few records it changes and copies every other line as bytes, since parsing and writing out a 125 MB
 * graph took seconds.
 */
import { readFileSync } from 'node:fs';
import type { EdgeAttrs } from '../schema/index.js';
import { GRAPH_FILE } from './io.js';

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One list of records (nodes or edges): where each record's bytes lie, sorted by key as the writer sorts them. */
class RecordList {
  constructor(private readonly bytes: Buffer, readonly starts: number[], readonly ends: number[]) {}

  get length(): number {
    return this.starts.length;
  }

  key(i: number): string {
    const start = this.starts[i]! + '{"key":'.length;
    let end = start + 1;
    while (this.bytes[end] !== 0x22) end += this.bytes[end] === 0x5c ? 2 : 1;
    return JSON.parse(this.bytes.toString('utf8', start, end + 1)) as string;
  }

  /** The record's index, or -(insertion point) - 1 when no record has the key. */
  find(key: string): number {
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = byKey(this.key(mid), key);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }

  record(i: number): Buffer {
    return this.bytes.subarray(this.starts[i], this.ends[i]);
  }

  /**
   * The list with records replaced, added (a text for a key not in it) or removed (null), as pieces: runs of
   * unchanged records are one slice of the old file each, separators included.
   */
  *pieces(changes: ReadonlyMap<string, string | null>): Generator<string | Uint8Array, number> {
    const edits = [...changes.keys()].sort(byKey).map((key) => ({ key, at: this.find(key), text: changes.get(key)! }));
    let written = 0;
    let next = 0;
    const run = function* (list: RecordList, from: number, to: number): Generator<string | Uint8Array> {
      if (from >= to) return;
      yield GRAPH_FILE.separator(written);
      yield list.bytes.subarray(list.starts[from], list.ends[to - 1]);
      written += to - from;
    };
    for (const edit of edits) {
      const index = edit.at >= 0 ? edit.at : -edit.at - 1;
      yield* run(this, next, index);
      if (edit.text !== null) {
        yield GRAPH_FILE.separator(written) + edit.text;
        written++;
      }
      next = edit.at >= 0 ? index + 1 : index;
    }
    yield* run(this, next, this.length);
    return written;
  }
}

export class GraphFile {
  private constructor(readonly nodes: RecordList, readonly edges: RecordList) {}

  /** The file's records, or why it is not laid out as this program writes graph.json. */
  static read(path: string): GraphFile | string {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      return `${path}: ${(error as Error).message}`;
    }
    const lines: Array<[number, number]> = [];
    for (let start = 0; start < bytes.length;) {
      const end = bytes.indexOf(NEWLINE, start);
      if (end < 0) return `${path}: does not end with a new line`;
      lines.push([start, end]);
      start = end + 1;
    }
    const text = (i: number) => (lines[i] ? bytes.toString('utf8', lines[i][0], lines[i][1]) : '');
    if (!text(0).startsWith('{"options":') || !text(1).startsWith('"attributes":')) return `${path}: no head`;
    const list = (from: number, open: string, close: string): { list: RecordList; next: number } | string => {
      const first = text(from);
      if (first === `${open}]${close}`) return { list: new RecordList(bytes, [], []), next: from + 1 };
      if (first !== open) return `${path}: line ${from + 1}: expected ${open}`;
      const starts: number[] = [];
      const ends: number[] = [];
      let i = from + 1;
      for (; i < lines.length; i++) {
        const [start, end] = lines[i]!;
        if (bytes[start] !== 0x7b) break;
        starts.push(start);
        ends.push(bytes[end - 1] === COMMA ? end - 1 : end);
      }
      if (text(i) !== `]${close}`) return `${path}: line ${i + 1}: expected ]${close}`;
      return { list: new RecordList(bytes, starts, ends), next: i + 1 };
    };
    const nodes = list(2, '"nodes":[', ',');
    if (typeof nodes === 'string') return nodes;
    const edges = list(nodes.next, '"edges":[', '}');
    if (typeof edges === 'string') return edges;
    if (edges.next !== lines.length) return `${path}: text after the edges`;
    return new GraphFile(nodes.list, edges.list);
  }

  edgeAttributes(i: number): EdgeAttrs {
    return (JSON.parse(this.edges.record(i).toString('utf8')) as { attributes: EdgeAttrs }).attributes;
  }

  /** The whole new file: a new head, then both lists with their changes. */
  *pieces(head: string, nodeChanges: ReadonlyMap<string, string | null>, edgeChanges: ReadonlyMap<string, string | null>): Generator<string | Uint8Array> {
    yield head;
    const nodes = yield* this.nodes.pieces(nodeChanges);
    yield GRAPH_FILE.between(nodes);
    const edges = yield* this.edges.pieces(edgeChanges);
    yield GRAPH_FILE.tail(edges);
  }
}
