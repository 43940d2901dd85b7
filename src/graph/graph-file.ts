/**
 * A graph.json written by this program (io.ts GRAPH_FILE), read as lines rather than parsed: an incremental rebuild
 * reads the few records it changes and copies every other line as bytes, since parsing and writing out a 125 MB
 * graph took seconds.
 */
import { readFileSync } from 'node:fs';
import type { EdgeAttrs, NodeAttrs } from '../schema/index.js';
import { GRAPH_FILE } from './io.js';

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One list of records (nodes or edges), one per line between `from` and `to`, sorted by key as the writer sorts them.
 * Records are found by bisecting the bytes, not through an index of every line: indexing the 260,000 lines of a
 * 10k-article graph took longer than the whole update needs.
 */
export class RecordList {
  constructor(private readonly bytes: Buffer, private readonly from: number, private readonly to: number) {}

  /** The record's text ends before the comma that separates it from the next, if any, and its new line. */
  private end(start: number): number {
    const newline = this.bytes.indexOf(NEWLINE, start);
    return this.bytes[newline - 1] === COMMA ? newline - 1 : newline;
  }

  key(start: number): string {
    return this.string(start + '{"key":'.length).value;
  }

  /** The JSON string that starts at `from` (its opening quote), and where the bytes after it start. */
  string(from: number): { value: string; next: number } {
    let end = from + 1;
    let escaped = false;
    while (this.bytes[end] !== 0x22) {
      if (this.bytes[end] === 0x5c) {
        escaped = true;
        end++;
      }
      end++;
    }
    // Most strings hold no escape: their bytes are their text.
    const value = escaped ? (JSON.parse(this.bytes.toString('utf8', from, end + 1)) as string) : this.bytes.toString('utf8', from + 1, end);
    return { value, next: end + 1 };
  }

  /** Where the record with the key starts, or -(where it would go) - 1 when no record has it. */
  find(key: string): number {
    let lo = this.from;
    let hi = this.to;
    while (lo < hi) {
      // The line holding the middle byte: lo is a line start, so it lies between lo and hi.
      const line = this.bytes.lastIndexOf(NEWLINE, ((lo + hi) >>> 1) - 1) + 1;
      const c = byKey(this.key(line), key);
      if (c === 0) return line;
      if (c < 0) lo = this.bytes.indexOf(NEWLINE, line) + 1;
      else hi = line;
    }
    return -lo - 1;
  }

  record(start: number): Buffer {
    return this.bytes.subarray(start, this.end(start));
  }

  /** Where each record starts, in key order. */
  *starts(): Generator<number> {
    for (let start = this.from; start < this.to; start = this.bytes.indexOf(NEWLINE, start) + 1) yield start;
  }

  /**
   * The list with records replaced, added (a text for a key not in it) or removed (null), as pieces: runs of
   * unchanged records are one slice of the old file each, separators included. Returns whether it wrote any record.
   */
  *pieces(changes: ReadonlyMap<string, string | null>): Generator<string | Uint8Array, boolean> {
    const edits = [...changes.keys()].sort(byKey).map((key) => ({ key, at: this.find(key), text: changes.get(key)! }));
    let wrote = false;
    let next = this.from;
    const run = function* (list: RecordList, from: number, to: number): Generator<string | Uint8Array> {
      if (from >= to) return;
      yield GRAPH_FILE.separator(wrote ? 1 : 0);
      // Up to the last record's end: the separator before whatever follows is written with it.
      yield list.bytes.subarray(from, list.end(list.bytes.lastIndexOf(NEWLINE, to - 2) + 1));
      wrote = true;
    };
    for (const edit of edits) {
      const at = edit.at >= 0 ? edit.at : -edit.at - 1;
      yield* run(this, next, at);
      if (edit.text !== null) {
        yield GRAPH_FILE.separator(wrote ? 1 : 0) + edit.text;
        wrote = true;
      }
      next = edit.at >= 0 ? this.bytes.indexOf(NEWLINE, at) + 1 : at;
    }
    yield* run(this, next, this.to);
    return wrote;
  }
}

export type Position = { x: number; y: number };

/** The writer sorts attribute keys, so a laid-out node's record ends with its position. */
const POSITION_TAIL = /"x":(-?[\d.eE+-]+),"y":(-?[\d.eE+-]+)\}\}$/;

/** A node record's position, read from its last bytes (the whole record is parsed only if they are not as expected). */
function positionOf(record: Buffer): Position | undefined {
  const tail = POSITION_TAIL.exec(record.toString('latin1', Math.max(0, record.length - 100)));
  if (tail) return { x: Number(tail[1]), y: Number(tail[2]) };
  const { attributes: a } = JSON.parse(record.toString('utf8')) as { attributes: { x?: unknown; y?: unknown } };
  return typeof a.x === 'number' && typeof a.y === 'number' ? { x: a.x, y: a.y } : undefined;
}

export class GraphFile {
  private constructor(readonly nodes: RecordList, readonly edges: RecordList) {}

  /** The position of the node whose record starts at `at` (from `nodes.find`). */
  nodePosition(at: number): Position | undefined {
    return positionOf(this.nodes.record(at));
  }

  /** The positions of a graph file's nodes, when it is one this program wrote. */
  static positions(path: string): Map<string, Position> | undefined {
    const file = GraphFile.read(path);
    if (typeof file === 'string') return undefined;
    try {
      return new Map(file.nodePositions());
    } catch {
      // A file edited by hand (a key no longer JSON, say): the layout starts afresh rather than the build failing.
      return undefined;
    }
  }

  /** Each edge's source and target, in key order: the writer puts them after the key, in that order. */
  *edgeEnds(): Generator<[source: string, target: string]> {
    for (const at of this.edges.starts()) {
      const key = this.edges.string(at + '{"key":'.length);
      const source = this.edges.string(key.next + ',"source":'.length);
      const target = this.edges.string(source.next + ',"target":'.length);
      yield [source.value, target.value];
    }
  }

  /** Every node's key and position, in key order. */
  *nodePositions(): Generator<[string, Position]> {
    for (const at of this.nodes.starts()) {
      const p = this.nodePosition(at);
      if (p) yield [this.nodes.key(at), p];
    }
  }

  /**
   * The file's two lists, or why it is not laid out as this program writes graph.json. Given the counts the writer
   * wrote, the records are counted too (a few hundredths of a second at 10k articles), which catches two records
   * sharing a line: bisecting would miss the second.
   */
  static read(path: string, counts?: { nodes: number; edges: number }): GraphFile | string {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      return `${path}: ${(error as Error).message}`;
    }
    const head = bytes.toString('utf8', 0, Math.min(bytes.length, 64 * 1024)).split('\n', 3);
    if (!head[0]?.startsWith('{"options":') || !head[1]?.startsWith('"attributes":')) return `${path}: no head`;
    const nodesOpen = bytes.indexOf('\n"nodes":[');
    const edgesOpen = bytes.indexOf('],\n"edges":[', nodesOpen);
    if (nodesOpen < 0 || edgesOpen < 0) return `${path}: no lists of nodes and edges`;
    // A list with records: its open line, the records one per line, then its close; an empty one: `[]`.
    const list = (open: number, close: number, count: number | undefined): RecordList | string => {
      const from = bytes.indexOf(NEWLINE, open + 1) + 1;
      if (from > close) return count ? `${path}: a list is empty where the last build wrote ${count} records` : new RecordList(bytes, close, close);
      if (bytes[from] !== 0x7b || bytes[close - 1] !== NEWLINE || from !== bytes.indexOf('[', open) + 2) return `${path}: a list is not one record per line`;
      if (count !== undefined) {
        let lines = 0;
        for (let at = from; at < close; at = bytes.indexOf(NEWLINE, at) + 1) lines++;
        if (lines !== count) return `${path}: a list is not one record per line (${lines} lines for ${count} records)`;
      }
      return new RecordList(bytes, from, close);
    };
    const nodes = list(nodesOpen, edgesOpen, counts?.nodes);
    if (typeof nodes === 'string') return nodes;
    if (!bytes.subarray(-3).equals(Buffer.from(']}\n'))) return `${path}: does not end as a graph file`;
    const edges = list(edgesOpen + 2, bytes.length - 3, counts?.edges);
    if (typeof edges === 'string') return edges;
    return new GraphFile(nodes, edges);
  }

  nodeAttributes(at: number): NodeAttrs {
    return (JSON.parse(this.nodes.record(at).toString('utf8')) as { attributes: NodeAttrs }).attributes;
  }

  edgeAttributes(at: number): EdgeAttrs {
    return (JSON.parse(this.edges.record(at).toString('utf8')) as { attributes: EdgeAttrs }).attributes;
  }

  /** The whole new file: a new head, then both lists with their changes. */
  *pieces(head: string, nodeChanges: ReadonlyMap<string, string | null>, edgeChanges: ReadonlyMap<string, string | null>): Generator<string | Uint8Array> {
    yield head;
    const nodes = yield* this.nodes.pieces(nodeChanges);
    yield GRAPH_FILE.between(nodes ? 1 : 0);
    const edges = yield* this.edges.pieces(edgeChanges);
    yield GRAPH_FILE.tail(edges ? 1 : 0);
  }
}
