/**
 * Bytes → text. Articles come from the web with every encoding accident; this decides once, for every format,
 * what is text and what is not.
 */
import { InputError } from '../errors.js';

export interface DecodedText {
  text: string;
  /** Non-fatal problems, e.g. invalid UTF-8 sequences that were replaced. */
  warnings: string[];
}

/** Refuse single files above this size: a news article is tens of kilobytes; 8 MB is already a book. */
export const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

// Text files may contain the odd control character, but NULs or a high share of control bytes mean binary data.
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/**
 * Decodes UTF-8 (with or without BOM) and UTF-16 with a BOM. Invalid UTF-8 is decoded with U+FFFD replacement
 * characters and reported as a warning with the byte offset of the first bad sequence, so one stray byte does not
 * cost a whole article.
 */
export function decodeArticleBytes(bytes: Uint8Array, file: string, maxBytes = MAX_ARTICLE_BYTES): DecodedText {
  if (bytes.length > maxBytes) {
    throw new InputError(file, `too large (${bytes.length} bytes; the limit for one article is ${maxBytes} bytes)`);
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), warnings: [] };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), warnings: [] };
  }
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) throw new InputError(file, 'binary file, not text');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), warnings: [] };
  } catch {
    const offset = firstInvalidUtf8(body);
    return {
      text: new TextDecoder('utf-8').decode(body),
      warnings: [`${file}: invalid UTF-8 at byte ${offset + (body === bytes ? 0 : 3)}; bad bytes replaced with U+FFFD`],
    };
  }
}

/** Byte offset of the first invalid UTF-8 sequence (the decoder only says that there is one). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong and surrogate forms the ranges above let through.
    if (need === 2) {
      const c = bytes[i + 1]!;
      if ((b === 0xe0 && c < 0xa0) || (b === 0xed && c >= 0xa0)) return i;
    } else if (need === 3) {
      const c = bytes[i + 1]!;
      if ((b === 0xf0 && c < 0x90) || (b === 0xf4 && c >= 0x90)) return i;
    }
    i += need + 1;
  }
  return -1;
}
