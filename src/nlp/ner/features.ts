/**
 * Per-token feature strings for the first tagging pass: the word, its shape, affixes, neighbours, casing in the rest
 * of the document, and lexicon matches. Pure functions of the normalised tokens, so training and run time agree.
 */
import { gazetteerMatches } from './gazetteer.js';

const LETTER = /\p{L}/u;
const UPPER_START = /^\p{Lu}/u;

export interface TokenInfo {
  /** Normalised surface form. */
  word: string;
  lower: string;
  /** Lower case with digits folded to 0, for identity features. */
  key: string;
  shape: string;
  short: string;
  cap: boolean;
  allCaps: boolean;
  hasLetter: boolean;
}

/** The shape class of one character: `d`, `X`, `x`, or the character itself. */
function charClass(ch: string): string {
  const code = ch.charCodeAt(0);
  // ASCII directly; the case tests below allocate two strings per character.
  if (code < 0x80) {
    if (code >= 0x30 && code <= 0x39) return 'd';
    if (code >= 0x41 && code <= 0x5a) return 'X';
    if (code >= 0x61 && code <= 0x7a) return 'x';
    return ch;
  }
  if (ch.toLowerCase() !== ch) return 'X';
  if (ch.toUpperCase() !== ch) return 'x';
  if (LETTER.test(ch)) return 'x';
  return ch;
}

/** `Xxxx`, `XX`, `dd.d`: letters by case, digits, everything else as itself; runs of more than 4 cut to 4. */
function shapeOf(word: string): { shape: string; short: string } {
  let shape = '';
  let short = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const c = charClass(ch);
    if (c === last) run++;
    else run = 1;
    if (run <= 4) shape += c;
    if (c !== last) short += c;
    last = c;
  }
  return { shape, short };
}

export function tokenInfo(word: string): TokenInfo {
  const lower = word.toLowerCase();
  const hasLetter = LETTER.test(word);
  const { shape, short } = shapeOf(word);
  return {
    word,
    lower,
    key: lower.replace(/[0-9]/g, '0'),
    shape,
    short,
    cap: UPPER_START.test(word),
    allCaps: hasLetter && word === word.toUpperCase(),
    hasLetter,
  };
}

/** A sentence whose words are all in capitals (a wire-service headline or dateline). */
export function isAllCapsSentence(infos: readonly TokenInfo[]): boolean {
  let letters = 0;
  for (const t of infos) {
    if (!t.hasLetter) continue;
    if (!t.allCaps) return false;
    letters++;
  }
  return letters >= 2;
}

/** What the rest of the document says about a word's case. */
export interface CaseEvidence {
  /** Lower-case forms seen written in lower case in ordinary (not all-caps) sentences. */
  lowerSeen: Set<string>;
  /** Lower-case forms seen capitalised away from a sentence start in ordinary sentences. */
  capSeen: Set<string>;
}

export function caseEvidence(doc: readonly (readonly TokenInfo[])[]): CaseEvidence {
  const lowerSeen = new Set<string>();
  const capSeen = new Set<string>();
  for (const infos of doc) {
    if (isAllCapsSentence(infos)) continue;
    infos.forEach((t, i) => {
      if (!t.hasLetter) return;
      if (t.word === t.lower) lowerSeen.add(t.lower);
      else if (t.cap && i > 0 && !t.allCaps) capSeen.add(t.lower);
    });
  }
  return { lowerSeen, capSeen };
}

/** The word that stands for positions before and after the sentence. */
export const PAD_WORD = '<s>';
const PAD: TokenInfo = tokenInfo(PAD_WORD);

function affixes(out: string[], lower: string): void {
  const chars = Array.from(lower);
  const n = chars.length;
  for (let k = 1; k <= 4 && k <= n; k++) {
    out.push('p' + k + '=' + chars.slice(0, k).join(''));
    out.push('s' + k + '=' + chars.slice(n - k).join(''));
  }
}

/** First-pass features of every token of one sentence. */
export function sentenceFeatures(infos: readonly TokenInfo[], evidence: CaseEvidence): string[][] {
  const n = infos.length;
  const caps = isAllCapsSentence(infos);
  const gaz = gazetteerMatches(infos.map((t) => t.word));
  const at = (i: number): TokenInfo => (i < 0 || i >= n ? PAD : infos[i]!);
  const result: string[][] = [];
  for (let i = 0; i < n; i++) {
    const t = infos[i]!;
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const f: string[] = ['b', 'w=' + t.key, 'sh=' + t.shape, 'ss=' + t.short];
    // In all-caps headlines the case carries no signal: keep the word, drop the cased form.
    if (caps) f.push('AC', 'AC|w=' + t.key);
    else f.push('wc=' + t.word.replace(/[0-9]/g, '0'));
    if (t.hasLetter) affixes(f, t.lower);
    if (t.word.length > 20) f.push('long');
    if (i === 0) f.push('first', 'first|sh=' + t.short);
    if (i === n - 1) f.push('last');
    if (t.word.includes('-') && t.hasLetter) f.push('hyph');
    if (t.word.includes('.') && t.hasLetter) f.push('dot');

    f.push('w-1=' + p1.key, 'w-2=' + p2.key, 'w+1=' + n1.key, 'w+2=' + n2.key);
    f.push('w-1|w=' + p1.key + '|' + t.key, 'w|w+1=' + t.key + '|' + n1.key);
    f.push('ss-1=' + p1.short, 'ss+1=' + n1.short, 'ss-1|ss|ss+1=' + p1.short + '|' + t.short + '|' + n1.short);
    f.push('sh-1|w=' + p1.short + '|' + t.key, 'w|sh+1=' + t.key + '|' + n1.short);

    if (t.hasLetter && t.cap) {
      const seenLower = evidence.lowerSeen.has(t.lower);
      const seenCap = evidence.capSeen.has(t.lower);
      const where = caps ? 'hl' : i === 0 ? 'st' : 'mid';
      f.push(`dc=${where}|${seenLower ? 'L' : ''}${seenCap ? 'C' : ''}`);
    }

    for (const g of gaz[i]!) f.push('g=' + g);
    for (const g of gaz[i - 1] ?? []) f.push('g-1=' + g);
    for (const g of gaz[i + 1] ?? []) f.push('g+1=' + g);
    result.push(f);
  }
  return result;
}
