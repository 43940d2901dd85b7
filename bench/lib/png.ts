/**
 * Just enough PNG decoding (8-bit RGB/RGBA, not interlaced — what chromium screenshots are) to read pixels back
 * from a screenshot without another dependency.
 */
import { inflateSync } from 'node:zlib';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(png: Buffer): Pixels {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('png: not a PNG file');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      const colorType = body[9];
      const interlace = body[12];
      if (depth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) throw new Error(`png: unsupported format (depth ${depth}, colour type ${colorType}, interlace ${interlace})`);
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[dst + x - channels]! : 0;
      const b = y > 0 ? rows[dst - stride + x]! : 0;
      const c = x >= channels && y > 0 ? rows[dst - stride + x - channels]! : 0;
      const value = raw[src + x]!;
      const predicted = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      rows[dst + x] = (value + predicted) & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    data[i * 4] = rows[j]!;
    data[i * 4 + 1] = rows[j + 1]!;
    data[i * 4 + 2] = rows[j + 2]!;
    data[i * 4 + 3] = channels === 4 ? rows[j + 3]! : 255;
  }
  return { width, height, data };
}

/** How many pixels differ from `background` (RGB) by more than `tolerance` in any channel. */
export function countNonBackground(pixels: Pixels, background: [number, number, number], tolerance = 8): number {
  let n = 0;
  const { data } = pixels;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i]! - background[0]) > tolerance || Math.abs(data[i + 1]! - background[1]) > tolerance || Math.abs(data[i + 2]! - background[2]) > tolerance) n++;
  }
  return n;
}

/** The number of distinct colours (coarsely bucketed), to tell a drawn graph from a flat fill. */
export function distinctColours(pixels: Pixels): number {
  const seen = new Set<number>();
  const { data } = pixels;
  for (let i = 0; i < data.length; i += 4) seen.add(((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4));
  return seen.size;
}
