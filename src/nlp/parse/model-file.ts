/**
 * The shipped tagger-and-parser file: gzip of a small JSON header (tag pairs, labels, each model's sizes and scale,
 * training metadata) followed by each model's rows sorted by key, as columns that compress well: key deltas,
 * key check bytes, entries per row, then each entry's class (u8) and int16 weight. Deterministic: the same
 * weights give the same bytes.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ParseModel } from './model.js';
import { TagSet, type TagPair } from './tag-set.js';
import type { QuantisedWeights } from './weight-table.js';

const MAGIC = 'NGPARSE1\n';
const MODELS = ['tagger', 'transitions', 'labeller'] as const;

interface Header {
  tags: TagPair[];
  labels: string[];
  models: Array<{ name: string; classes: number; rows: number; entries: number; scale: number }>;
  meta: Record<string, string | number>;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

function encodeWeights(w: QuantisedWeights): Buffer[] {
  const rows = w.hi.length;
  const deltas = Buffer.alloc(rows * 4);
  let last = 0;
  for (let r = 0; r < rows; r++) {
    const h = w.hi[r]! >>> 0;
    deltas.writeUInt32LE((h - last) >>> 0, r * 4);
    last = h;
  }
  const lengths = Buffer.alloc(rows);
  for (let r = 0; r < rows; r++) lengths[r] = w.rowStart[r + 1]! - w.rowStart[r]!;
  const classes = Buffer.alloc(w.entries.length);
  const weights = Buffer.alloc(w.entries.length * 2);
  w.entries.forEach((e, k) => {
    classes[k] = e & 0xff;
    weights.writeInt16LE(e >> 8, k * 2);
  });
  return [deltas, Buffer.from(w.lo), lengths, classes, weights];
}

export function encodeParseModel(model: ParseModel): Buffer {
  const header: Header = {
    tags: model.tags.tags.map((t) => ({ xpos: t.xpos, upos: t.upos })),
    labels: [...model.labels],
    models: MODELS.map((name) => {
      const w = model[name];
      return { name, classes: w.classes, rows: w.hi.length, entries: w.entries.length, scale: w.scale };
    }),
    meta: model.meta,
  };
  for (const name of MODELS) {
    if (model[name].classes > 256) throw new Error(`parse model-file: ${name} has more than 256 classes`);
    for (let r = 0; r < model[name].hi.length; r++) {
      if (model[name].rowStart[r + 1]! - model[name].rowStart[r]! > 255) throw new Error(`parse model-file: a ${name} row has more than 255 entries`);
    }
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const parts = [Buffer.from(MAGIC, 'ascii'), u32(headerBytes.length), headerBytes];
  for (const name of MODELS) parts.push(...encodeWeights(model[name]));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

export function decodeParseModel(data: Uint8Array, source = 'model'): ParseModel {
  let raw: Buffer;
  try {
    raw = gunzipSync(data);
  } catch {
    throw new Error(`parse model-file: ${source} is not a gzip file`);
  }
  if (raw.toString('ascii', 0, MAGIC.length) !== MAGIC) throw new Error(`parse model-file: ${source} is not a newsgraph parser model`);
  let at = MAGIC.length;
  const take = (n: number): Buffer => {
    if (at + n > raw.length) throw new Error(`parse model-file: ${source} is truncated`);
    const b = raw.subarray(at, at + n);
    at += n;
    return b;
  };
  const header = JSON.parse(take(take(4).readUInt32LE()).toString('utf8')) as Header;
  const weights = (name: string): QuantisedWeights => {
    const m = header.models.find((x) => x.name === name);
    if (!m) throw new Error(`parse model-file: ${source} has no ${name} weights`);
    const deltas = take(m.rows * 4);
    const hi = new Int32Array(m.rows);
    let h = 0;
    for (let r = 0; r < m.rows; r++) hi[r] = h = (h + deltas.readUInt32LE(r * 4)) | 0;
    const lo = Uint8Array.from(take(m.rows));
    const lengths = take(m.rows);
    const rowStart = new Int32Array(m.rows + 1);
    for (let r = 0; r < m.rows; r++) rowStart[r + 1] = rowStart[r]! + lengths[r]!;
    if (rowStart[m.rows] !== m.entries) throw new Error(`parse model-file: ${source} has inconsistent ${name} rows`);
    const classes = take(m.entries);
    const ws = take(m.entries * 2);
    const entries = new Int32Array(m.entries);
    for (let k = 0; k < m.entries; k++) entries[k] = classes[k]! | (ws.readInt16LE(k * 2) << 8);
    return { classes: m.classes, hi, lo, rowStart, entries, scale: m.scale };
  };
  const model: ParseModel = {
    tags: new TagSet(header.tags),
    labels: header.labels,
    tagger: weights('tagger'),
    transitions: weights('transitions'),
    labeller: weights('labeller'),
    meta: header.meta,
  };
  if (at !== raw.length) throw new Error(`parse model-file: ${source} has trailing bytes`);
  return model;
}
