/**
 * A sentence's dependency tree, read the way the frame rules ask about it: children by label, a word's case marker,
 * the conjuncts of a word, voice and negation. Pure and cheap: built once per sentence from the parser's heads.
 */
import type { Sentence, Token } from '../../schema/index.js';

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor']);
const NO_CHILDREN: readonly number[] = Object.freeze([]);

export class SentenceTree {
  readonly tokens: readonly Token[];
  private readonly kids: Array<number[] | undefined>;

  constructor(readonly sentence: Sentence) {
    this.tokens = sentence.tokens;
    this.kids = new Array(this.tokens.length);
    for (let i = 0; i < this.tokens.length; i++) {
      const h = this.tokens[i]!.head;
      if (h >= 0 && h < this.tokens.length) (this.kids[h] ??= []).push(i);
    }
  }

  get length(): number {
    return this.tokens.length;
  }

  head(i: number): number {
    return this.tokens[i]?.head ?? -1;
  }

  /** The label without its subtype: `nsubj:pass` → `nsubj`. */
  base(i: number): string {
    const d = this.tokens[i]!.deprel;
    const colon = d.indexOf(':');
    return colon < 0 ? d : d.slice(0, colon);
  }

  deprel(i: number): string {
    return this.tokens[i]!.deprel;
  }

  lemma(i: number): string {
    return this.tokens[i]!.lemma.toLowerCase();
  }

  children(i: number): readonly number[] {
    return this.kids[i] ?? NO_CHILDREN;
  }

  /** Children whose label is `label` or one of its subtypes (`obl` finds `obl:agent` too; `obl:agent` only itself). */
  childrenBy(i: number, label: string): number[] {
    const out: number[] = [];
    for (const c of this.children(i)) {
      const d = this.tokens[c]!.deprel;
      if (d === label || (d.startsWith(label) && d.charCodeAt(label.length) === 58 /* : */)) out.push(c);
    }
    return out;
  }

  firstChild(i: number, label: string): number {
    for (const c of this.children(i)) {
      const d = this.tokens[c]!.deprel;
      if (d === label || (d.startsWith(label) && d.charCodeAt(label.length) === 58)) return c;
    }
    return -1;
  }

  /** The word's preposition or subordinator ("for" in "for an inquiry"), multiword ones joined ("according to"). */
  marker(i: number): string {
    let out = '';
    for (const c of this.children(i)) {
      const b = this.base(c);
      if (b !== 'case' && b !== 'mark') continue;
      // Possessive 's is a case marker too, but not a preposition.
      const w = this.tokens[c]!.lower;
      if (w === "'s" || w === "'") continue;
      const fixed = this.childrenBy(c, 'fixed').map((f) => this.tokens[f]!.lower);
      out = [w, ...fixed].join(' ');
      if (b === 'case') return out;
    }
    return out;
  }

  /** The word and the words coordinated with it ("X, Y and Z"), in order; only conjuncts of the same word class. */
  conjuncts(i: number): number[] {
    const out = [i];
    const nominal = isNominal(this.tokens[i]!);
    for (let k = 0; k < out.length; k++) {
      for (const c of this.childrenBy(out[k]!, 'conj')) {
        if (isNominal(this.tokens[c]!) === nominal && !out.includes(c)) out.push(c);
      }
    }
    return out.sort((a, b) => a - b);
  }

  /** Whether a negator hangs on the word or on one of its auxiliaries ("did not sign", "never met"). */
  isNegated(i: number): boolean {
    for (const c of this.children(i)) {
      const b = this.base(c);
      if ((b === 'advmod' || b === 'neg' || b === 'det' || b === 'cc:preconj') && NEGATORS.has(this.tokens[c]!.lower) && c < i) return true;
      if (b === 'aux' && this.children(c).some((a) => NEGATORS.has(this.tokens[a]!.lower))) return true;
    }
    return false;
  }

  /** Passive: a passive subject or auxiliary, or a by-agent. */
  isPassive(i: number): boolean {
    for (const c of this.children(i)) {
      const d = this.tokens[c]!.deprel;
      if (d === 'nsubj:pass' || d === 'aux:pass' || d === 'csubj:pass' || d === 'obl:agent') return true;
    }
    return false;
  }

  /** The auxiliaries' lemmas ("may", "will", "have"). */
  auxiliaries(i: number): string[] {
    return this.childrenBy(i, 'aux').map((a) => this.lemma(a));
  }

  /** Tokens of the word's subtree, in order. */
  subtree(i: number, out: number[] = []): number[] {
    out.push(i);
    for (const c of this.children(i)) this.subtree(c, out);
    return out;
  }

  /** Whether `a` lies in the subtree of `b`. */
  dominates(b: number, a: number): boolean {
    for (let k = a, n = 0; k >= 0 && n <= this.tokens.length; k = this.head(k), n++) if (k === b) return true;
    return false;
  }

  /** The particle of a phrasal verb ("carry out" → "out"). */
  particle(i: number): string {
    const p = this.firstChild(i, 'compound:prt');
    return p < 0 ? '' : this.tokens[p]!.lower;
  }
}

export function isNominal(t: Token): boolean {
  const u = t.upos;
  return u === 'NOUN' || u === 'PROPN' || u === 'PRON' || u === 'NUM';
}

export function isVerbal(t: Token): boolean {
  return t.upos === 'VERB' || t.upos === 'AUX';
}
