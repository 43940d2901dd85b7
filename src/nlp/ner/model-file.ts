/**
 * Compact model file: one table of feature hashes shared by both passes, int8-quantised weights (one scale per
 * pass), float32 transitions, gzip-compressed. Encoding is deterministic, so the same training run gives the same
 * bytes. Training models carry their feature names (`names`); the file keeps only their hashes.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { LABELS, LABEL_COUNT as L } from './bilou.js';
import type { LinearModel, NamedLinearModel } from './decode.js';
import { HashedIndex, hashPair } from './feature-hash.js';

const MAGIC = 'NGNER4\n';

/**
 * Feature rows whose largest quantised weight (over both passes and all labels) is below this are dropped: on
 * valid.txt, dropping rows whose weights are all within ±1 step changes nothing and removes about a third of them.
 */
const MIN_ROW_WEIGHT = 2;

/** A model being written: its feature table must list names (a training-time Map). */
export interface TrainedModel {
  first: NamedLinearModel;
  second: NamedLinearModel;
  temperature: number;
  meta: Record<string, string | number>;
}

export interface NerModel {
  first: LinearModel;
  second: LinearModel;
  /** Divides scores before forward-backward so span probabilities are calibrated (fitted on valid data). */
  temperature: number;
  meta: Record<string, string | number>;
}

interface Header {
  labels: readonly string[];
  features: number;
  temperature: number;
  scales: number[];
  meta: Record<string, string | number>;
}

function quantise(model: NamedLinearModel, names: readonly string[]): { q: Int8Array; scale: number } {
  let max = 0;
  for (const name of names) {
    const row = model.index.get(name);
    if (row === undefined) continue;
    for (let l = 0; l < L; l++) max = Math.max(max, Math.abs(model.weights[row * L + l]! * model.scale));
  }
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(names.length * L);
  names.forEach((name, i) => {
    const row = model.index.get(name);
    if (row === undefined) return;
    for (let l = 0; l < L; l++) q[i * L + l] = Math.round((model.weights[row * L + l]! * model.scale) / scale);
  });
  return { q, scale };
}

export function encodeModel(model: TrainedModel): Buffer {
  // Union of both passes' features, first-seen order; rows with only tiny weights are dropped.
  const all: string[] = [];
  const seen = new Set<string>();
  for (const m of [model.first, model.second]) {
    for (const name of m.index.keys()) if (!seen.has(name)) (seen.add(name), all.push(name));
  }
  const q1 = quantise(model.first, all);
  const q2 = quantise(model.second, all);
  const hashes = all.map((name) => {
    const pair = new Uint32Array(2);
    hashPair(name, pair);
    return pair;
  });
  const candidates: number[] = [];
  for (let i = 0; i < all.length; i++) {
    let max = 0;
    for (let l = 0; l < L; l++) max = Math.max(max, Math.abs(q1.q[i * L + l]!), Math.abs(q2.q[i * L + l]!));
    if (max >= MIN_ROW_WEIGHT) candidates.push(i);
  }
  // Rows sorted by hash, so the hash column is stored as small deltas that compress well.
  const order = (a: number, b: number): number => hashes[a]![0]! - hashes[b]![0]! || (hashes[a]![1]! & 0xff) - (hashes[b]![1]! & 0xff);
  candidates.sort((a, b) => order(a, b) || a - b);
  // Two features with one hash would be merged at run time, so the (very rare) colliding rows are dropped, both.
  const keep = candidates.filter(
    (row, k) => (k === 0 || order(candidates[k - 1]!, row) !== 0) && (k === candidates.length - 1 || order(row, candidates[k + 1]!) !== 0),
  );
  const pick = (q: Int8Array): Buffer => {
    const out = Buffer.alloc(keep.length * L);
    keep.forEach((i, k) => out.set(q.subarray(i * L, i * L + L), k * L));
    return out;
  };
  const hi = new Uint32Array(keep.length);
  const lo = new Uint8Array(keep.length);
  const deltas = new Uint32Array(keep.length);
  keep.forEach((i, k) => {
    hi[k] = hashes[i]![0]!;
    lo[k] = hashes[i]![1]! & 0xff;
    deltas[k] = k === 0 ? hi[k]! : hi[k]! - hi[k - 1]!;
  });
  const header: Header = { labels: LABELS, features: keep.length, temperature: model.temperature, scales: [q1.scale, q2.scale], meta: model.meta };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const u32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const transitions = (m: LinearModel): Buffer => Buffer.from(Float32Array.from(m.transitions).buffer);
  const raw = Buffer.concat([
    Buffer.from(MAGIC, 'ascii'),
    u32(headerBytes.length), headerBytes,
    Buffer.from(deltas.buffer), Buffer.from(lo.buffer),
    pick(q1.q), pick(q2.q),
    transitions(model.first), transitions(model.second),
  ]);
  return gzipSync(raw, { level: 9 });
}

export function decodeModel(data: Uint8Array, source = 'model'): NerModel {
  let raw: Buffer;
  try {
    raw = gunzipSync(data);
  } catch {
    throw new Error(`model-file: ${source} is not a gzip file`);
  }
  if (raw.toString('ascii', 0, MAGIC.length) !== MAGIC) throw new Error(`model-file: ${source} is not a newsgraph NER model`);
  let at = MAGIC.length;
  const take = (n: number): Buffer => {
    if (at + n > raw.length) throw new Error(`model-file: ${source} is truncated`);
    const b = raw.subarray(at, at + n);
    at += n;
    return b;
  };
  const u32 = (): number => take(4).readUInt32LE();
  const header = JSON.parse(take(u32()).toString('utf8')) as Header;
  if (header.labels.join(' ') !== LABELS.join(' ')) throw new Error(`model-file: ${source} was trained with other labels`);
  const deltas = take(header.features * 4);
  const hi = new Uint32Array(header.features);
  let h = 0;
  for (let k = 0; k < header.features; k++) hi[k] = h = (h + deltas.readUInt32LE(k * 4)) >>> 0;
  const loBytes = take(header.features);
  const lo = new Uint8Array(loBytes.buffer.slice(loBytes.byteOffset, loBytes.byteOffset + loBytes.length));
  const index = new HashedIndex(hi, lo);
  const weights = (): Int8Array => {
    const b = take(header.features * L);
    return new Int8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  };
  const w1 = weights();
  const w2 = weights();
  const transitions = (): Float32Array => {
    const b = take((L + 1) * L * 4);
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  };
  const t1 = transitions();
  const t2 = transitions();
  return {
    first: { index, weights: w1, scale: header.scales[0]!, transitions: t1 },
    second: { index, weights: w2, scale: header.scales[1]!, transitions: t2 },
    temperature: header.temperature,
    meta: header.meta,
  };
}
