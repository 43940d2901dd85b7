/**
 * A sentence's dependency tree, read the way the frame rules ask about it: children by label, a word's case marker,
 * the conjuncts of a word, voice and negation. Pure and cheap: built once per sentence from the parser's heads.
 */
import type { Sentence, Token } from '../../schema/index.js';
import { nounClass, predicateClasses } from '../word-lists.js';
import { isTitle } from '../mentions/names.js';

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor']);
const DATE_WORDS = /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;
const NO_CHILDREN: readonly number[] = Object.freeze([]);

/** A token range [start, end) that is one name. */
export interface NameUnit {
  start: number;
  end: number;
  /** Where the words before the name that give its title begin ("Yemeni President Sheikh"), if any. */
  lead?: number;
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
    for (const n of names) this.unite(n);
    for (let v = 0; v < this.tokens.length; v++) this.reduceRelative(v);
    for (let v = 0; v < this.tokens.length; v++) this.frontedSubject(v);
    for (let x = 0; x < this.tokens.length; x++) this.possessorAsHead(x);
    for (let v = 0; v < this.tokens.length; v++) this.postposedReport(v);
    for (let v = 0; v < this.tokens.length; v++) this.reportSubjectInClause(v);
    for (let v = 0; v < this.tokens.length; v++) this.doubledSubject(v);
    for (let v = 0; v < this.tokens.length; v++) this.detachedApposition(v);
    for (let c = 0; c < this.tokens.length; c++) this.misplacedApposition(c);
    for (let c = 0; c < this.tokens.length; c++) this.lowAppositionHost(c);
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
    this.adopt(heads, rels);
  }

  /**
   * "In a statement on Friday, the Free Press Union condemned …": after a fronted phrase and its comma, the parser
   * may take the subject for an apposition inside the phrase. A finite verb without a subject gets it back: the noun
   * in apposition whose words end right before the verb.
   */
  private frontedSubject(v: number): void {
    const t = this.tokens[v]!;
    if (t.upos !== 'VERB' || !/^VB[DZP]$/.test(t.tag)) return;
    for (let i = 0; i < this.heads.length; i++) {
      if (this.heads[i] !== v || !/^(nsubj|csubj|expl)/.test(this.rels[i]!)) continue;
      if (this.rels[i] === 'nsubj') this.frontedConjunct(v, i);
      return;
    }
    for (let k = 0; k < v; k++) {
      if ((this.rels[k] !== 'appos' && this.rels[k] !== 'conj') || this.heads[k]! > k) continue;
      const h = this.heads[k]!;
      // "…, the Miners Union and the Dockers League denounced": the conjuncts after it on the same word go with it.
      const group = [k];
      if (this.rels[k] === 'conj') for (let i = k + 1; i < v; i++) if (this.heads[i] === h && this.rels[i] === 'conj') group.push(i);
      // The phrase must follow a comma, end just before the verb, and lie inside one of the verb's own dependents.
      let first = k;
      let last = k;
      for (let i = h + 1; i < v; i++) {
        if (this.tokens[i]!.upos === 'PUNCT' || !group.some((g) => this.inSubtree(i, g))) continue;
        first = Math.min(first, i);
        last = i;
      }
      const ends = last === v - 1 || (last === v - 2 && this.tokens[v - 1]!.text === ',');
      if (!ends || !this.inSubtree(h, v) || (this.rels[k] === 'conj' && this.tokens[first - 1]?.text !== ',')) continue;
      // A fronted adjunct ("In a statement on Friday, …"), not a clause the verb reports ("X will join Y, its chair, Z, said").
      let top = h;
      while (this.heads[top] !== v && this.heads[top]! >= 0) top = this.heads[top]!;
      if (!/^(obl|advcl|nmod)/.test(this.rels[top]!)) continue;
      const heads = [...this.heads];
      const rels = [...this.rels];
      heads[k] = v; rels[k] = 'nsubj';
      for (const g of group.slice(1)) heads[g] = k;
      this.adopt(heads, rels);
      return;
    }
  }

  /**
   * "In a statement on Friday, the Press Union and the Writers' Guild condemned …": the first of two coordinated
   * subjects read as a conjunct inside the fronted phrase. It becomes the subject, the other its conjunct.
   */
  private frontedConjunct(v: number, subject: number): void {
    // The "and" opening the subject's phrase, on the subject or on a word of its name.
    let cc = -1;
    for (let i = 0; i < subject; i++) if (this.rels[i] === 'cc' && this.inSubtree(i, subject)) { cc = i; break; }
    if (cc < 0) return;
    for (let k = 0; k < cc; k++) {
      if (!['conj', 'appos', 'obl', 'dep', 'obj'].includes(this.rels[k]!) || this.heads[k]! > k || this.tokens[k]!.upos !== 'PROPN') continue;
      if (this.hasChild(k, (r) => r === 'case')) continue;
      const [first, last] = this.wordSpan(k, 0, cc);
      if (last !== cc - 1 || this.tokens[first - 1]?.text !== ',' || !this.inSubtree(this.heads[k]!, v)) continue;
      const heads = [...this.heads];
      const rels = [...this.rels];
      heads[k] = v; rels[k] = 'nsubj';
      heads[subject] = k; rels[subject] = 'conj';
      heads[cc] = subject;
      this.adopt(heads, rels);
      return;
    }
  }

  /**
   * "Norway will join the pact, its minister said after …": the parser may hang a reporting verb that follows its
   * clause under that clause, its subject as a clause of its own. The reporting verb becomes the head again, the
   * clause what it reports, the noun after the comma its subject.
   */
  private postposedReport(v: number): void {
    const t = this.tokens[v]!;
    if (!/^VB[DZP]$/.test(t.tag) || !predicateClasses(t.lemma.toLowerCase(), 'v').includes('say')) return;
    const h = this.heads[v]!;
    if (h < 0 || h > v || !['advcl', 'conj', 'parataxis'].includes(this.rels[v]!)) return;
    let subject = -1;
    for (let i = 0; i < this.heads.length; i++) {
      if (this.heads[i] !== v) continue;
      const r = this.rels[i]!;
      // A verb that already reports a clause of its own is not this one.
      if (r === 'ccomp' && i > v) return;
      const u = this.tokens[i]!.upos;
      if (i < v && i > h && (u === 'NOUN' || u === 'PROPN' || u === 'PRON') && ['nsubj', 'ccomp', 'appos', 'obj', 'dep', 'xcomp'].includes(r)) subject = i;
      else if (i < v && /^(nsubj|csubj|expl)/.test(r)) return;
    }
    if (subject < 0) return;
    const [first] = this.wordSpan(subject, h + 1, subject);
    if (this.tokens[first - 1]?.text !== ',') return;
    const heads = [...this.heads];
    const rels = [...this.rels];
    heads[v] = this.heads[h]!; rels[v] = this.rels[h]!;
    heads[h] = v; rels[h] = 'ccomp';
    rels[subject] = 'nsubj';
    this.adopt(heads, rels);
  }

  /**
   * "X will join Y next spring, its chairman, Z, said": the reporting verb heads, but the parser hung its subject on
   * the reported clause as a bare oblique or object. The noun after the comma, ending right before the verb, is the
   * verb's subject.
   */
  private reportSubjectInClause(v: number): void {
    const t = this.tokens[v]!;
    if (!/^VB[DZP]$/.test(t.tag) || !predicateClasses(t.lemma.toLowerCase(), 'v').includes('say')) return;
    if (this.hasChild(v, (r) => /^(nsubj|csubj|expl)/.test(r))) return;
    const clause = this.heads.findIndex((h, k) => h === v && k < v && /^(ccomp|parataxis|advcl)/.test(this.rels[k]!));
    if (clause < 0) return;
    for (let n = clause + 1; n < v; n++) {
      if (this.heads[n] !== clause || !/^(NOUN|PROPN)$/.test(this.tokens[n]!.upos) || !/^(obl|obj|dep|appos|nmod)/.test(this.rels[n]!)) continue;
      if (this.hasChild(n, (r) => r === 'case' || r === 'mark')) continue;
      const [first, last] = this.wordSpan(n, clause + 1, v);
      const end = this.tokens[last + 1]?.text === ',' ? last + 2 : last + 1;
      if (this.tokens[first - 1]?.text !== ',' || end !== v) continue;
      const heads = [...this.heads];
      const rels = [...this.rels];
      heads[n] = v; rels[n] = 'nsubj';
      this.adopt(heads, rels);
      return;
    }
  }

  /**
   * "…, its leader Enid Carrow warned": a title and the name after it read as two subjects of one verb. The title
   * is made a word of the name, as for "President Ana Lima"; a noun after a comma explains the subject before it.
   */
  private doubledSubject(v: number): void {
    const subjects: number[] = [];
    for (let i = 0; i < v; i++) if (this.heads[i] === v && (this.rels[i] === 'nsubj' || this.rels[i] === 'nsubj:pass')) subjects.push(i);
    if (subjects.length !== 2) return;
    const [a, b] = subjects as [number, number];
    const [first] = this.wordSpan(b, a + 1, b);
    const [, last] = this.wordSpan(a, a + 1, first);
    const heads = [...this.heads];
    const rels = [...this.rels];
    if (this.tokens[a]!.upos === 'NOUN' && this.tokens[b]!.upos === 'PROPN' && first === a + 1) {
      heads[a] = b; rels[a] = 'compound';
    } else if (this.tokens[b]!.upos === 'NOUN' && first === last + 2 && this.tokens[last + 1]!.text === ',') {
      // "X and Y, members of Z, resigned": the noun after the comma explains the names.
      heads[b] = a; rels[b] = 'appos';
    } else if (this.tokens[b]!.upos === 'PROPN' && first === last + 1 && this.personNoun(last) && this.inSubtree(last, a)) {
      // "The retrial of the journalist Ana Ferraz opened": the name is the role noun's right before it.
      heads[b] = last; rels[b] = 'appos';
    } else return;
    this.adopt(heads, rels);
  }

  /** A common noun that names a person: a role, a title or a relative ("journalist", "commander", "brother"). */
  private personNoun(g: number): boolean {
    const lemma = this.tokens[g]!.lemma.toLowerCase();
    return this.nameType(g) === undefined && this.tokens[g]!.upos === 'NOUN' && (nounClass(lemma)?.kind === 'person' || isTitle(lemma));
  }

  /**
   * "the murder of her brother, Samir Toma", "farmers who backed the main movement, the MST": a name set off by a
   * comma explains the noun right before the comma when the parser hung it higher on a noun of the wrong sort (a
   * person's name on an event, a body's on people).
   */
  private lowAppositionHost(c: number): void {
    if (this.rels[c] !== 'appos') return;
    const type = this.nameType(c);
    const h = this.heads[c]!;
    if (!type || h < 0 || h > c) return;
    const [first] = this.wordSpan(c, h + 1, c);
    if (this.tokens[first - 1]?.text !== ',') return;
    const fits = (g: number) => type === 'PER' ? this.personNoun(g) || this.nameType(g) === 'PER'
      : this.tokens[g]!.upos === 'NOUN' && !this.personNoun(g) && this.nameType(g) === undefined;
    if (fits(h)) return;
    // The nouns on the right edge of the host's phrase, from the word before the comma up.
    for (let g = first - 2; g >= 0 && g !== h && this.inSubtree(g, h); g = this.heads[g]!) {
      if (!/^(NOUN|PROPN)$/.test(this.tokens[g]!.upos) || !fits(g)) continue;
      const heads = [...this.heads];
      heads[c] = g;
      this.adopt(heads, [...this.rels]);
      return;
    }
  }

  /**
   * "after meeting the council president, Irene Falk, in Bergen": a name set off by a comma right after a noun, hung
   * without a preposition on the verb above, explains that noun.
   */
  private detachedApposition(c: number): void {
    if (!this.isName(c) || !['obl', 'obl:unmarked', 'obj', 'dep', 'parataxis', 'nmod'].includes(this.rels[c]!)) return;
    const h = this.heads[c]!;
    if (h < 0 || h > c) return;
    let first = c;
    for (let i = h + 1; i < c; i++) if (this.inSubtree(i, c)) { first = i; break; }
    for (let i = first; i < c; i++) if (this.heads[i] === c && /^(case|mark)$/.test(this.rels[i]!)) return;
    if (this.tokens[first]!.text !== ',' && this.tokens[first - 1]?.text !== ',') return;
    const comma = this.tokens[first]!.text === ',' ? first : first - 1;
    // The noun whose words end right before the comma, a dependent of the same verb.
    let noun = -1;
    for (let i = 0; i < comma; i++) {
      if (this.heads[i] !== h || !/^(NOUN|PROPN)$/.test(this.tokens[i]!.upos) || !/^(obj|obl|nsubj|nmod)/.test(this.rels[i]!)) continue;
      let last = i;
      for (let k = i + 1; k < comma; k++) if (this.inSubtree(k, i)) last = k;
      if (last === comma - 1) noun = i;
    }
    // A date takes no apposition ("on Monday, the union …").
    if (noun < 0 || DATE_WORDS.test(this.tokens[noun]!.text)) return;
    const heads = [...this.heads];
    const rels = [...this.rels];
    heads[c] = noun; rels[c] = 'appos';
    this.adopt(heads, rels);
  }

  /**
   * "Harbourlight Trust's regional director, Samira H., said …": the parser may make the possessor the head and the
   * noun it possesses a list item or apposition of it. The possessed noun becomes the head again.
   */
  private possessorAsHead(x: number): void {
    const mark = x + 1;
    if (this.heads[mark] !== x || this.rels[mark] !== 'case' || !/^['’]s?$/.test(this.tokens[mark]!.text)) return;
    for (let y = mark + 1; y < this.heads.length && y <= mark + 4; y++) {
      const t = this.tokens[y]!;
      if (t.upos === 'ADJ' || (t.upos === 'NOUN' && this.heads[y] !== x)) continue;
      if (t.upos !== 'NOUN' || this.heads[y] !== x || !['list', 'appos', 'dep', 'conj', 'parataxis'].includes(this.rels[y]!)) return;
      const heads = [...this.heads];
      const rels = [...this.rels];
      heads[y] = this.heads[x]!; rels[y] = this.rels[x]!;
      heads[x] = y; rels[x] = 'nmod:poss';
      // The possessor's own dependents after the possessed noun (a comma, an apposition) are the noun's now.
      for (let k = y + 1; k < heads.length; k++) if (heads[k] === x) heads[k] = y;
      this.adopt(heads, rels);
      return;
    }
  }

  /**
   * "The commander of troops in Chechnya, Vyacheslav T., and rebel chief Aslan M. signed …": a person's name in
   * apposition to a place or body inside a noun phrase explains the phrase's head noun; so do person names
   * coordinated after it.
   */
  private misplacedApposition(c: number): void {
    // A conjunct after a comma, without "and", is an apposition read as a list.
    const commaConjunct = this.rels[c] === 'conj' && !this.hasChild(c, (r) => r === 'cc');
    if ((this.rels[c] !== 'appos' && !commaConjunct) || this.nameType(c) !== 'PER') return;
    const h = this.heads[c]!;
    const type = h >= 0 ? this.nameType(h) : undefined;
    if (type !== 'LOC' && type !== 'ORG') return;
    // The nearest noun above that names a person ("commander", not "troops").
    let g = h;
    while (g >= 0 && !this.personNoun(g) && /^(nmod|compound|flat)/.test(this.rels[g]!)) g = this.heads[g]!;
    if (g < 0 || g > c || !this.personNoun(g)) return;
    const heads = [...this.heads];
    const rels = [...this.rels];
    heads[c] = g; rels[c] = 'appos';
    for (let k = c + 1; k < heads.length; k++) if (heads[k] === h && rels[k] === 'conj' && this.nameType(k) === 'PER') heads[k] = g;
    this.adopt(heads, rels);
  }

  /** The type of the name the name tagger found around token i, if any. */
  private nameType(i: number): string | undefined {
    return this.sentence.names.find((n) => n.start <= i && i < n.end)?.type;
  }

  /** A proper noun, or a word of a name the name tagger found ("MST" tagged as a common noun). */
  private isName(i: number): boolean {
    return this.tokens[i]!.upos === 'PROPN' || this.sentence.names.some((n) => n.start <= i && i < n.end);
  }

  /** Takes a repaired tree unless it loops. */
  private adopt(heads: number[], rels: string[]): void {
    for (let i = 0; i < heads.length; i++) {
      for (let k = heads[i]!, n = 0; k >= 0; k = heads[k]!, n++) if (k === i || n > heads.length) return;
    }
    for (let i = 0; i < heads.length; i++) { this.heads[i] = heads[i]!; this.rels[i] = rels[i]!; }
  }

  /** The first and last word (punctuation aside) of root's subtree within tokens [from, to), root itself included. */
  private wordSpan(root: number, from: number, to: number): [number, number] {
    let first = root;
    let last = root;
    for (let i = from; i < to; i++) if (this.tokens[i]!.upos !== 'PUNCT' && this.inSubtree(i, root)) { first = Math.min(first, i); last = Math.max(last, i); }
    return [first, last];
  }

  /** Whether a child of x on the repaired heads has a label the test accepts (the child lists are built after the repairs). */
  private hasChild(x: number, test: (label: string) => boolean): boolean {
    for (let k = 0; k < this.heads.length; k++) if (this.heads[k] === x && test(this.rels[k]!)) return true;
    return false;
  }

  /** Whether token i lies in the subtree of token root (on the repaired heads). */
  private inSubtree(i: number, root: number): boolean {
    for (let k = i, n = 0; k >= 0 && n <= this.heads.length; k = this.heads[k]!, n++) if (k === root) return true;
    return false;
  }

  /** Makes tokens [start, end) one subtree headed by its last word, unless that would make a cycle. */
  private unite(unit: NameUnit): void {
    const { end } = unit;
    let start = unit.start;
    const telling = (i: number) => HEAD_LABELS.includes(this.rels[i]!);
    const outwardOf = (from: number) => {
      const out: number[] = [];
      for (let i = from; i < end; i++) if (this.heads[i]! < from || this.heads[i]! >= end) out.push(i);
      return out;
    };
    let outward = outwardOf(start);
    // "Yemeni President Sheikh X condemned": when a word of the title, not the name, holds the arc that attaches
    // them, the title and the name are one unit.
    let titleWords = 0;
    if (unit.lead !== undefined && unit.lead < start && !outward.some(telling) && outwardOf(unit.lead).some((i) => i < start && telling(i))) {
      titleWords = start - unit.lead;
      start = unit.lead;
      outward = outwardOf(start);
    }
    const inside = (k: number) => k >= start && k < end;
    if (end - start < 2 || outward.length === 1 && outward[0] === end - 1 && telling(end - 1)) return;
    // The arc that attaches the name: the one with the most telling label, else the first; its label, or the one
    // the parser gave a word inside ("Farmers" the subject of an adjective "Cooperative").
    const rank = (i: number) => HEAD_LABELS.indexOf(this.rels[i]!);
    const by = outward.filter(telling).sort((a, b) => rank(a) - rank(b))[0] ?? outward[0]!;
    let label = this.rels[by]!;
    if (!telling(by)) {
      for (let i = start; i < end; i++) if (telling(i) && this.rels[i] !== 'conj' && this.rels[i] !== 'root') { label = this.rels[i]!; break; }
    }
    const head = end - 1;
    const heads = [...this.heads];
    const rels = [...this.rels];
    heads[head] = this.heads[by]!;
    rels[head] = label;
    for (let i = start; i < head; i++) { heads[i] = head; rels[i] = i < start + titleWords ? 'compound' : 'flat'; }
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
    // "in Montego Bay": the parser may hang the preposition on the first word of a name.
    if (!out) for (const c of this.children(i)) if (c < i && (this.base(c) === 'compound' || this.base(c) === 'flat')) {
      for (const k of this.children(c)) if (this.base(k) === 'case' && k < c) return this.tokens[k]!.lower;
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
