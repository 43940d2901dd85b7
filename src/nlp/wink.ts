/**
 * The only module that imports wink-nlp. Loaded lazily and once: the model takes ~130 ms to load, which `--help`
 * and the query commands should not pay.
 */
import { createRequire } from 'node:module';
import type winkNLPType from 'wink-nlp';
import type { RawSentence, RawToken } from '../schema/index.js';

type Wink = ReturnType<typeof winkNLPType>;
let instance: Wink | undefined;

// Required on first use, not imported: the model is read from disk when its module loads, and commands that never
// analyse text (--help, queries, exports) should not pay for it.
const require = createRequire(import.meta.url);

function wink(): Wink {
  if (!instance) {
    const winkNLP = require('wink-nlp') as typeof winkNLPType;
    const model = require('wink-eng-lite-web-model') as Parameters<typeof winkNLPType>[0];
    instance = winkNLP(model, ['sbd', 'pos']);
  }
  return instance;
}

/** Found by feeding wink every BMP character between two letters: the only ones it loses. */
const WINK_DROPPED_SPACES = /[\v\f\u1680\u2000\u2001\u2006-\u2008\u2028\u2029\u3000\uFEFF]/g;

/**
 * Wink's tokeniser takes time that grows with the square of a run without spaces (32,000 characters: 4 s), and a
 * base64 image or a mangled file holds far longer ones. No word is 100 characters long, so in longer runs every 100th
 * character gives way to a space: same length, so offsets hold, and the text around the run is read as before.
 */
const LONG_RUN = /\S{100,}/g;
const RUN_PIECE = 100;

/** `\s` of a regular expression, for one UTF-16 code unit. */
function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether the text has a run of RUN_PIECE non-space characters: one pass, where LONG_RUN restarts inside every word. */
function hasLongRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (isSpaceCode(text.charCodeAt(i))) run = 0;
    else if (++run >= RUN_PIECE) return true;
  }
  return false;
}

function breakLongRuns(text: string): string {
  if (!hasLongRun(text)) return text;
  return text.replace(LONG_RUN, (run) => {
    const units = run.split('');
    const high = (k: number) => /[\uD800-\uDBFF]/.test(units[k] ?? '');
    const low = (k: number) => /[\uDC00-\uDFFF]/.test(units[k] ?? '');
    for (let i = RUN_PIECE - 1; i < units.length; i += RUN_PIECE) {
      units[i] = ' ';
      // A surrogate pair gives way whole (two spaces), never half.
      if (low(i + 1) && !low(i)) units[i + 1] = ' ';
      else if (high(i - 1) && !high(i)) units[i - 1] = ' ';
    }
    return units.join('');
  });
}

/** Whitespace between paragraphs; wink keeps it as a token, which we use as a hard sentence boundary. */
const PARAGRAPH_BREAK = /\n[ \t\r\f\v\u00a0]*\n/;

/**
 * Splits `text` into sentences of tokens with character offsets into `text`. Wink does not report offsets, but it
 * keeps every character: each token's preceding whitespace plus its value rebuilds the input exactly, so offsets
 * are the running sum.
 */
export function tokenise(text: string): RawSentence[] {
  // Wink drops some whitespace characters, and trailing spaces, instead of keeping them as spacing, so offsets would
  // not add up; a plain space in their place has the same length, and nothing after the last token has an offset.
  const spaced = breakLongRuns(text.replace(WINK_DROPPED_SPACES, ' ')).trimEnd();
  if (!spaced) return [];
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(spaced);
  const tokens = doc.tokens();
  // wink's typings do not cover every `its` helper; every one used here returns one string per token.
  const column = (f: unknown): string[] => (tokens.out as unknown as (f: unknown) => string[])(f);
  const values = column(its.value);
  const spaces = column(its.precedingSpaces);
  const pos = column(its.pos);
  const lemmas = column(its.lemma);
  const starts: number[] = new Array(values.length);
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    offset += spaces[i]!.length;
    // Wink reports at most 65,534 preceding spaces; after a longer gap the token lies further on, past spaces only.
    if (!spaced.startsWith(value, offset)) {
      while (offset < spaced.length && /\s/.test(spaced[offset]!) && !spaced.startsWith(value, offset)) offset++;
      if (!spaced.startsWith(value, offset)) throw new Error(`nlp: token ${i} is not where wink puts it (offset ${offset})`);
    }
    starts[i] = offset;
    offset += value.length;
  }
  if (offset !== spaced.length) {
    // Wink normally rebuilds its input exactly; if a future version does not, offsets would lie. Refuse loudly.
    throw new Error(`nlp: token offsets do not add up (${offset} != ${spaced.length})`);
  }

  const sentenceEnds = new Set<number>();
  doc.sentences().each((s: { out(f: unknown): unknown }) => {
    const span = s.out(its.span) as [number, number];
    sentenceEnds.add(span[1]);
  });

  const sentences: RawSentence[] = [];
  let current: RawToken[] = [];
  const flush = () => {
    if (current.length) {
      sentences.push({ start: current[0]!.start, end: current[current.length - 1]!.end, tokens: joinHyphenated(current) });
      current = [];
    }
  };
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const space = spaces[i]!;
    if (!value.trim()) {
      if (PARAGRAPH_BREAK.test(value) || PARAGRAPH_BREAK.test(space + value)) flush();
    } else {
      // Most tokens follow one space or none: only longer runs can hold a paragraph break.
      if (space.length > 1 && PARAGRAPH_BREAK.test(space)) flush();
      current.push({ text: value, start: starts[i]!, end: starts[i]! + value.length, pos: pos[i]!, lemma: lemmas[i]!, lower: lowerOf(value) });
    }
    if (sentenceEnds.has(i)) flush();
  }
  flush();
  return sentences;
}

/** See Token.lower. */
function lowerOf(text: string): string {
  const l = text.toLowerCase();
  return l.includes('’') ? l.replace(/’/g, "'") : l;
}

const WORDISH = /^[\p{L}\p{N}][\p{L}\p{N}.'’]*$/u;
const HYPHENS = new Set(['-', '‐', '‑']);

/**
 * Whether "prev - next", written without spaces, is one word for the pipeline (`joinHyphenated`); `prev` may itself
 * be a joined word. The parser's training data is merged by the same rule.
 */
export function hyphenJoins(prev: string, hyphen: string, next: string): boolean {
  return HYPHENS.has(hyphen) && WORDISH.test(prev.split(/[-‐‑]/).pop() ?? '') && WORDISH.test(next);
}

/**
 * Wink splits "fact-finding" and "US-based" into three tokens; news names and compounds read as one word
 * ("state-run", "President-elect", "al-Jazeera"), and the name tagger was trained on text tokenised that way.
 */
function joinHyphenated(tokens: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = out[out.length - 1];
    const next = tokens[i + 1];
    if (prev && next && prev.end === t.start && t.end === next.start && hyphenJoins(prev.text, t.text, next.text)) {
      const text = `${prev.text}-${next.text}`;
      // The compound behaves like its last part, except that participles inside compounds act as adjectives.
      const pos = next.pos === 'VERB' ? 'ADJ' : next.pos;
      out[out.length - 1] = {
        text, start: prev.start, end: next.end, pos,
        lemma: `${prev.text.toLowerCase()}-${next.pos === 'VERB' ? next.text.toLowerCase() : next.lemma}`, lower: lowerOf(text),
      };
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}
