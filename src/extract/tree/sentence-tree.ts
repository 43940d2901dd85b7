/**
 * A sentence's dependency tree, read the way the frame rules ask about it: children by label, a word's case marker,
 * the conjuncts of a word, voice and negation. Pure and cheap: built once per sentence from the parser's heads.
 */
import type { Sentence, Token } from '../../schema/index.js';

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor']);
const NO_CHILDREN: readonly number[] = Object.freeze([]);

/** A token range [start, end) that is one name. */
export interface NameUnit {
  start: number;
  end: number;
}

const HEAD_LABELS = ['nsubj', 'nsubj:pass', 'obj', 'iobj', 'obl', 'obl:agent', 'nmod', 'nmod:poss', 'appos', 'conj', 'root'];

export class SentenceTree {
  readonly tokens: readonly Token[];
  private readonly heads: number[];
  private readonly rels: string[];
  private readonly kids: Array<number[] | undefined>;

  /**
   * `names`: token ranges the name tagger read as one name. The parser sometimes splits a name it has never seen
   * ("the Riverside Farmers' Cooperative" read with an adjective in it); a name is made one unit again, headed by
   * its last word, attached where the name as a whole was attached.
   */
  constructor(readonly sentence: Sentence, names: readonly NameUnit[] = []) {
    this.tokens = sentence.tokens;
    this.heads = this.tokens.map((t) => t.head);
    this.rels = this.tokens.map((t) => t.deprel);
    for (const n of names) if (n.end - n.start > 1) this.unite(n);
    for (let v = 0; v < this.tokens.length; v++) this.reduceRelative(v);
    for (let v = 0; v < this.tokens.length; v++) this.frontedSubject(v);
    this.kids = new Array(this.tokens.length);
    for (let i = 0; i < this.tokens.length; i++) {
      const h = this.heads[i]!;
      if (h >= 0 && h < this.tokens.length) (this.kids[h] ??= []).push(i);
    }
  }

  /**
   * "The resolution adopted by the Diet condemns …": the parser often takes a participle with a by-phrase for the
   * main verb, and the finite verb after it for its clause or auxiliary. Made a participle clause of its noun again,
   * the noun the subject of the finite verb, unless the change would loop.
   */
  private reduceRelative(v: number): void {
    const t = this.tokens[v]!;
    if (t.tag !== 'VBN') return;
    const kids: number[] = [];
    for (let i = 0; i < this.heads.length; i++) if (this.heads[i] === v) kids.push(i);
    if (kids.some((k) => this.rels[k]!.startsWith('aux') && k < v)) return;
    const subject = kids.find((k) => this.rels[k] === 'nsubj' && k < v);
    const byAgent = kids.some((k) => this.rels[k] === 'obl:agent' || (this.rels[k] === 'obl' && this.tokens.some((c, ci) => this.heads[ci] === k && c.lower === 'by')));
    if (subject === undefined || !byAgent) return;
    const finite = (i: number) => /^VB[DZP]$/.test(this.tokens[i]!.tag) && i > v;
    const heads = [...this.heads];
    const rels = [...this.rels];
    const up = this.heads[v]!;
    if (up >= 0 && finite(up) && ['advcl', 'ccomp', 'parataxis', 'conj', 'csubj'].includes(this.rels[v]!)) {
      // A: the finite verb above is the main verb.
      heads[v] = subject; rels[v] = 'acl';
      heads[subject] = up; rels[subject] = 'nsubj';
    } else {
      // B: the finite verb was hung below the participle as its auxiliary.
      const w = kids.find((k) => finite(k) && (this.rels[k]!.startsWith('aux') || this.rels[k] === 'cop'));
      if (w === undefined) return;
      heads[w] = up; rels[w] = this.rels[v]!;
      heads[v] = subject; rels[v] = 'acl';
      heads[subject] = w; rels[subject] = 'nsubj';
      for (const k of kids) if (k > w) heads[k] = w;
    }
    for (let i = 0; i < heads.length; i++) {
      for (let k = heads[i]!, n = 0; k >= 0; k = heads[k]!, n++) if (k === i || n > heads.length) return;
    }
    for (let i = 0; i < heads.length; i++) { this.heads[i] = heads[i]!; this.rels[i] = rels[i]!; }
  }

  /**
   * "In a statement on Friday, the Free Press Union condemned …": after a fronted phrase and its comma, the parser
   * may take the subject for an apposition inside the phrase. A finite verb without a subject gets it back: the noun
   * in apposition whose words end right before the verb.
   */
  private frontedSubject(v: number): void {
    const t = this.tokens[v]!;
    if (t.upos !== 'VERB' || !/^VB[DZP]$/.test(t.tag)) return;
    for (let i = 0; i < this.heads.length; i++) if (this.heads[i] === v && /^(nsubj|csubj|expl)/.test(this.rels[i]!)) return;
    for (let k = 0; k < v; k++) {
      if (this.rels[k] !== 'appos' || this.heads[k]! > k) continue;
      // The phrase must end just before the verb, and lie inside one of the verb's own dependents.
      let last = k;
      for (let i = k + 1; i < v; i++) if (this.inSubtree(i, k)) last = i;
      if (last !== v - 1 || !this.inSubtree(this.heads[k]!, v)) continue;
      this.heads[k] = v;
      this.rels[k] = 'nsubj';
      return;
    }
  }

  /** Whether token i lies in the subtree of token root (on the repaired heads). */
  private inSubtree(i: number, root: number): boolean {
    for (let k = i, n = 0; k >= 0 && n <= this.heads.length; k = this.heads[k]!, n++) if (k === root) return true;
    return false;
  }

  /** Makes tokens [start, end) one subtree headed by its last word, unless that would make a cycle. */
  private unite({ start, end }: NameUnit): void {
    const inside = (k: number) => k >= start && k < end;
    const outward: number[] = [];
    for (let i = start; i < end; i++) if (!inside(this.heads[i]!)) outward.push(i);
    const telling = (i: number) => HEAD_LABELS.includes(this.rels[i]!);
    if (outward.length === 1 && outward[0] === end - 1 && telling(end - 1)) return;
    // The arc that attaches the name: the one with the most telling label, else the first; its label, or the one
    // the parser gave a word inside ("Farmers" the subject of an adjective "Cooperative").
    const by = outward.find(telling) ?? outward[0]!;
    let label = this.rels[by]!;
    if (!telling(by)) {
      for (let i = start; i < end; i++) if (telling(i) && this.rels[i] !== 'conj' && this.rels[i] !== 'root') { label = this.rels[i]!; break; }
    }
    const head = end - 1;
    const heads = [...this.heads];
    const rels = [...this.rels];
    heads[head] = this.heads[by]!;
    rels[head] = label;
    for (let i = start; i < head; i++) { heads[i] = head; rels[i] = 'flat'; }
    for (let i = 0; i < heads.length; i++) if (!inside(i) && inside(heads[i]!)) heads[i] = head;
    // Keep the parser's tree if the new one would loop.
    for (let k = heads[head]!, n = 0; k >= 0; k = heads[k]!, n++) if (k === head || n > heads.length) return;
    for (let i = 0; i < heads.length; i++) { this.heads[i] = heads[i]!; this.rels[i] = rels[i]!; }
  }

  get length(): number {
    return this.tokens.length;
  }

  head(i: number): number {
    return this.heads[i] ?? -1;
  }

  /** The label without its subtype: `nsubj:pass` → `nsubj`. */
  base(i: number): string {
    const d = this.rels[i]!;
    const colon = d.indexOf(':');
    return colon < 0 ? d : d.slice(0, colon);
  }

  deprel(i: number): string {
    return this.rels[i]!;
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
      const d = this.rels[c]!;
      if (d === label || (d.startsWith(label) && d.charCodeAt(label.length) === 58 /* : */)) out.push(c);
    }
    return out;
  }

  firstChild(i: number, label: string): number {
    for (const c of this.children(i)) {
      const d = this.rels[c]!;
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
      const d = this.rels[c]!;
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
