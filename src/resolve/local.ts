/**
 * One node per real-world thing inside one article: full names and surnames, acronyms and expansions, short forms,
 * and the descriptions that refer back to a document, event or group introduced earlier.
 */
import type { AttrValue, EntityKind, LocalEntity } from '../schema/index.js';
import type { DraftMention } from '../extract/mentions/draft.js';
import { lexicon } from '../nlp/lexicon/index.js';
import { isKnownPlace } from '../extract/mentions/names.js';
import { normalName, wordsOfNormal, isAcronym, AcronymIndex, isAbbreviationOfWords, expandLeadingAcronym } from './name-forms.js';

class UnionFind {
  private parent: number[] = [];
  constructor(n: number) {
    for (let i = 0; i < n; i++) this.parent.push(i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) { this.parent[i] = this.parent[this.parent[i]!]!; i = this.parent[i]!; }
    return i;
  }
  union(a: number, b: number): void {
    const x = this.find(a);
    const y = this.find(b);
    // The earlier mention stays the root, so entity order follows the text (and a root is its set's first mention).
    if (x !== y) { if (x < y) this.parent[y] = x; else this.parent[x] = y; }
  }
}

export interface LocalResolution {
  entities: LocalEntity[];
  /** The entity of every mention, by the mention object. */
  entityOf: Map<DraftMention, LocalEntity>;
  /** All mentions in text order; LocalEntity.mentions index into it. */
  mentions: DraftMention[];
}

const NAME_WEIGHT = 3;
/** How many earlier descriptions of the same bucket a description is compared with. */
const LOOK_BACK = 40;

interface GroupKey { head: string; mods: Set<string> }

/** A group's head lemma (the first head of "nurses and doctors") and its other core words. */
function groupKey(m: DraftMention, tokensLower: (m: DraftMention) => string[]): GroupKey {
  const all = tokensLower(m);
  const headAt = m.head - m.coreStart;
  const head = all[headAt] ?? all[all.length - 1] ?? '';
  // Plural and singular modifiers compare equal ("farm workers report", "Farm Worker Union report").
  const mods = new Set<string>();
  for (let k = 0; k < all.length; k++) {
    const w = all[k]!;
    if (k === headAt || startsWithDigit(w) || w === 'and') continue;
    mods.add(w.endsWith('s') ? w.slice(0, -1) : w);
  }
  return { head, mods };
}

function startsWithDigit(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 48 && c <= 57;
}

const ORG_WORDS = new Set(['party', 'group', 'company', 'movement', 'organisation', 'organization']);

/**
 * The normal name without a trailing generic word ("Social Democrat party" → "social democrat"): it does not make
 * another organisation. `normal` is the name's normal form and `w` its words.
 */
function withoutOrgWord(normal: string, w: readonly string[]): string {
  return w.length > 1 && ORG_WORDS.has(w[w.length - 1]!) ? normalName(w.slice(0, -1).join(' ')) : normal;
}

/** The last word of a normal name ('' for the empty name). */
function lastWord(normal: string): string {
  return normal.slice(normal.lastIndexOf(' ') + 1);
}

function isSubset(a: Set<string>, b: Set<string>): boolean {
  if (a.size > b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** "the central government" and "the provincial government" are two; "the government" can be either. */
function modifiersAgree(a: GroupKey, b: GroupKey): boolean {
  return isSubset(a.mods, b.mods) || isSubset(b.mods, a.mods);
}

/**
 * Resolves the mentions of one article. `coreWords(m)` gives a mention's core words (lower-case lemmas), used to
 * compare descriptions.
 */
export interface LocalOptions {
  /** "Name (ACR)" pairs found in the text. */
  acronymPairs?: Array<[DraftMention, DraftMention]>;
  /** Index of the headline's sentence: headlines are terse, so descriptions take their label from the body. */
  headline?: number;
}

/** A distinct name of the article with the forms the pairwise rules compare, computed once. */
interface DistinctName {
  key: string;
  i: number;
  m: DraftMention;
  w: string[];
  acronym: boolean;
  person: boolean;
  plain: string;
  /** `key` as words, for organisations and places; empty for the others. */
  expanded: string[];
}

/** Appends `value` to the list under `key`, creating the list on first use. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

/** The one element of a list, or undefined when there are none or several. */
function unique<T>(xs: readonly T[] | undefined): T | undefined {
  return xs && xs.length === 1 ? xs[0] : undefined;
}

/**
 * Of the full names that may be meant, the one named first before mention i; when none comes before (a headline's
 * "Haddad detained" above "Omar Haddad … his son, Karim Haddad"), the one the article names first.
 */
function firstIntroduced<T extends { i: number }>(xs: readonly T[] | undefined, i: number): T | undefined {
  let first: T | undefined;
  for (const x of xs ?? []) if (x.i < i && (!first || x.i < first.i)) first = x;
  if (first) return first;
  for (const x of xs ?? []) if (!first || x.i < first.i) first = x;
  return first;
}

/** The one element that passes `test`, or undefined when none or several do. */
function onlyOne<T>(xs: readonly T[], test: (x: T) => boolean): T | undefined {
  let found: T | undefined;
  let count = 0;
  for (const x of xs) if (test(x)) { found = x; if (++count > 1) return undefined; }
  return found;
}

/** Lists of mention indices by key: the earlier descriptions a new one is compared with. */
class Buckets<K> {
  private lists = new Map<K, number[]>();
  get(key: K): number[] {
    let list = this.lists.get(key);
    if (!list) { list = []; this.lists.set(key, list); }
    return list;
  }
}

/** Whether `short` is the last words of the longer `long`. */
function isTail(short: readonly string[], long: readonly string[]): boolean {
  if (short.length >= long.length) return false;
  const offset = long.length - short.length;
  for (let k = 0; k < short.length; k++) if (short[k] !== long[offset + k]) return false;
  return true;
}

/** Whether `short` is `long` up to an "of" phrase: "high court" of "high court of malawi". */
function isHeadBeforeOf(short: readonly string[], long: readonly string[]): boolean {
  if (long[short.length] !== 'of') return false;
  for (let k = 0; k < short.length; k++) if (short[k] !== long[k]) return false;
  return true;
}

/** The key counted most often, when it is at least `min` and strictly ahead of every other (the main organisation). */
export function clearLeader<K>(counts: Map<K, number>, min: number): K | undefined {
  let best: K | undefined;
  let bestCount = 0;
  let tied = false;
  for (const [k, c] of counts) {
    if (c > bestCount) { best = k; bestCount = c; tied = false; } else if (c === bestCount) tied = true;
  }
  return bestCount >= min && !tied ? best : undefined;
}

export function resolveLocal(bySentence: DraftMention[][], coreWords: (m: DraftMention) => string[], options: LocalOptions = {}): LocalResolution {
  const acronymPairs = options.acronymPairs ?? [];
  const mentions: DraftMention[] = [];
  /** Indices of the names and of the descriptions, in text order. */
  const names: number[] = [];
  const phrases: number[] = [];
  for (const list of bySentence) {
    for (const m of list) {
      if (m.origin === 'name') names.push(mentions.length);
      else if (m.origin === 'phrase') phrases.push(mentions.length);
      mentions.push(m);
    }
  }
  const uf = new UnionFind(mentions.length);

  // 1. Same name, whatever the tagger's type.
  const byNormal = new Map<string, number>();
  for (const i of names) {
    const key = expandLeadingAcronym(mentions[i]!.text);
    const first = byNormal.get(key);
    if (first === undefined) byNormal.set(key, i); else uf.union(first, i);
  }
  // Explicit "Long Name (ACR)" pairs.
  if (acronymPairs.length) {
    const index = new Map<DraftMention, number>();
    for (let i = 0; i < mentions.length; i++) index.set(mentions[i]!, i);
    for (const [a, b] of acronymPairs) uf.union(index.get(a)!, index.get(b)!);
  }

  // Every distinct name with its comparison forms computed once, and indexed by the word a rule needs to share: the
  // pairwise rules below then look only at the names that can match instead of at every pair.
  const distinctNames: DistinctName[] = [];
  const personsByLastWord = new Map<string, DistinctName[]>();
  const personsByFirstWord = new Map<string, DistinctName[]>();
  const byPlain = new Map<string, DistinctName[]>();
  const byWordCount = new Map<number, DistinctName[]>();
  const orgsByLastExpanded = new Map<string, DistinctName[]>();
  const orgsByFirstExpanded = new Map<string, DistinctName[]>();
  const expansions: DistinctName[] = [];
  for (const [key, i] of byNormal) {
    const m = mentions[i]!;
    const normal = normalName(m.text);
    const w = wordsOfNormal(normal);
    const plain = withoutOrgWord(normal, w);
    // Only organisations and places use the expanded words (rule 5).
    const expanded = m.kind === 'organisation' || m.kind === 'place' ? key.split(' ') : [];
    const d: DistinctName = { key, i, m, w, acronym: isAcronym(m.text), person: m.kind === 'person', plain, expanded };
    distinctNames.push(d);
    if (d.person && w.length > 1) {
      push(personsByLastWord, w[w.length - 1]!, d);
      push(personsByFirstWord, w[0]!, d);
    }
    push(byPlain, plain, d);
    if (w.length >= 2) push(byWordCount, w.length, d);
    if (m.kind === 'organisation') {
      push(orgsByLastExpanded, expanded[expanded.length - 1]!, d);
      push(orgsByFirstExpanded, expanded[0]!, d);
    }
    if (!d.acronym) expansions.push(d);
  }
  // Built on the first acronym: many articles have none.
  let acronymIndex: AcronymIndex<DistinctName> | undefined;
  const expansionIndex = (): AcronymIndex<DistinctName> => {
    if (!acronymIndex) {
      acronymIndex = new AcronymIndex();
      for (const o of expansions) acronymIndex.add(o.m.text, o);
    }
    return acronymIndex;
  };

  const lex = lexicon();
  for (const d of distinctNames) {
    const { i, m, w } = d;
    // 2. Surname or given name alone → the full name that ends with it; of several ("Haddad" after "Omar Haddad"
    //    and "Karim Haddad"), the one introduced first, as news writing refers back to its main person.
    if (w.length === 1 && !d.acronym) {
      // The article's own names first: most single words end no full name, and the lexicon is not asked.
      // A given name ("Nadia") when no full name ends with the word.
      const person = firstIntroduced(personsByLastWord.get(w[0]!), i) ??
        (d.person ? firstIntroduced(personsByFirstWord.get(w[0]!), i) : undefined);
      if (person && !lex.knownBodies.has(w[0]!) && !lex.countries.has(w[0]!)) { uf.union(person.i, i); continue; }
    }
    // 3. Acronyms and their expansions.
    if (d.acronym) {
      const long = unique(expansionIndex().expansionsOf(m.text));
      if (long) uf.union(long.i, i);
      continue;
    }
    // 4. Singular/plural ("Social Democrat", "Social Democrats", "Social Democrat party"), with the earlier names …
    const plural = (o: DistinctName) => { if (o.i < i && o.person === d.person) uf.union(o.i, i); };
    byPlain.get(d.plain)?.forEach(plural);
    byPlain.get(`${d.plain}s`)?.forEach(plural);
    if (d.plain.endsWith('s')) byPlain.get(d.plain.slice(0, -1))?.forEach(plural);
    //    … and abbreviations ("Soc Dems"), with any name of as many words.
    for (const o of byWordCount.get(w.length) ?? []) {
      if (o.i !== i && o.person === d.person && isAbbreviationOfWords(w, o.w)) uf.union(o.i, i);
    }
    // 5. An organisation's name without its leading parent ("Human Rights Council" for "United Nations Human
    //    Rights Council"), when only one name fits.
    // A lone generic word ("Committee") joins only when exactly one organisation ends with it.
    if (m.kind === 'organisation' || (m.kind === 'place' && w.length === 1 && !isKnownPlace(w[0]!))) {
      const candidates = orgsByLastExpanded.get(d.expanded[d.expanded.length - 1]!) ?? [];
      const long = onlyOne(candidates, (o) => o.i !== i && isTail(d.expanded, o.expanded));
      if (long) uf.union(long.i, i);
    }
    //    … or without its "of" phrase ("the High Court" for "the High Court of Malawi"), when only one name fits.
    if (m.kind === 'organisation' && d.expanded.length >= 2) {
      const candidates = orgsByFirstExpanded.get(d.expanded[0]!) ?? [];
      const long = onlyOne(candidates, (o) => o.i !== i && isHeadBeforeOf(d.expanded, o.expanded));
      if (long) uf.union(long.i, i);
    }
  }

  // The organisation named most often (at least three times, clearly ahead): what "the company" refers to.
  const orgCounts = new Map<number, number>();
  for (const i of names) {
    if (mentions[i]!.kind !== 'organisation') continue;
    const root = uf.find(i);
    orgCounts.set(root, (orgCounts.get(root) ?? 0) + 1);
  }
  const mainOrganisation = clearLeader(orgCounts, 3);

  // 6. Descriptions. Earlier ones are kept in buckets (by category, head or stated size), and only the latest few of
  //    a bucket are compared, so a very long article costs time in proportion to its length.
  const keys: Array<GroupKey | undefined> = new Array(mentions.length);
  const keyOf = (i: number): GroupKey => (keys[i] ??= groupKey(mentions[i]!, coreWords));
  const byCategory = { event: new Buckets<string>(), document: new Buckets<string>(), organisation: new Buckets<string>() };
  const groupsByHead = new Buckets<string>();
  const groupsBySize = new Buckets<number>();
  const namesBySentence = new Map<number, number[]>();
  const namesByLastWord = new Map<string, number[]>();
  for (const i of names) {
    const m = mentions[i]!;
    push(namesBySentence, m.sentence, i);
    if (m.kind === 'organisation') push(namesByLastWord, lastWord(normalName(m.text)), i);
  }
  for (const pi of phrases) {
    const p = mentions[pi]!;
    if (p.kind === 'event' || p.kind === 'document') {
      // The same head refers back ("a statement" … "the statement"); a near-synonym only as a bare definite
      // description ("a class-action lawsuit" … "the complaint"), never as a new indefinite one ("a declaration" …
      // "a joint statement").
      const key = keyOf(pi);
      const list = byCategory[p.kind].get(String(p.category));
      const match = findLatest(list, (j) => {
        if (!compatible(mentions[j]!, p)) return false;
        const other = keyOf(j);
        return other.head === key.head ? modifiersAgree(other, key) : !!p.definite;
      });
      if (match !== undefined) uf.union(match, pi);
      list.push(pi);
    } else if (p.kind === 'group') {
      // Same head with compatible modifiers ("MPs", "British MPs"), or the same stated size ("more than thirty
      // MPs" and "more than 30 members"): one group.
      const key = keyOf(pi);
      const sameHead = groupsByHead.get(key.head);
      forLatest(sameHead, (j) => { if (modifiersAgree(keyOf(j), key)) uf.union(j, pi); });
      const count = p.attrs.count;
      if (typeof count === 'number' && count > 1) {
        const sameCount = groupsBySize.get(count);
        forLatest(sameCount, (j) => uf.union(j, pi));
        sameCount.push(pi);
      }
      sameHead.push(pi);
    } else if (p.kind === 'organisation') {
      const inner = namesBySentence.get(p.sentence)?.find((j) => {
        const m = mentions[j]!;
        return m.kind === 'organisation' && m.start >= p.start && m.end <= p.coreEnd;
      });
      // "the iPhone maker", "the company": the organisation the article is about (the name inside is its brand).
      const described = byCategory.organisation.get(String(p.category));
      if (p.attrs.epithet && mainOrganisation !== undefined) {
        uf.union(mainOrganisation, pi);
        if (inner !== undefined) uf.union(mainOrganisation, inner);
        described.push(pi);
        continue;
      }
      // "the state-run ANSA news agency" is ANSA.
      if (inner !== undefined) { uf.union(inner, pi); described.push(pi); continue; }
      // "the government" → the government named in the article, or the other descriptions of it.
      const target = oneRoot(uf, namesByLastWord.get(p.category ?? ''));
      if (target !== undefined) uf.union(target, pi);
      else {
        const earlier = findLatest(described, (j) => compatible(mentions[j]!, p) && modifiersAgree(keyOf(j), keyOf(pi)));
        if (earlier !== undefined) uf.union(earlier, pi);
      }
      described.push(pi);
    }
  }

  // Build entities in order of first mention: a cluster's root is its first mention, so clusters are met in order.
  const clusters: number[][] = [];
  const clusterAt: number[] = new Array(mentions.length);
  for (let i = 0; i < mentions.length; i++) {
    const root = uf.find(i);
    if (root === i) { clusterAt[i] = clusters.length; clusters.push([i]); } else clusters[clusterAt[root]!]!.push(i);
  }
  const entities: LocalEntity[] = [];
  const entityOf = new Map<DraftMention, LocalEntity>();
  for (const members of clusters) {
    const entity = buildEntity(`e${entities.length + 1}`, mentions, members, options.headline);
    entities.push(entity);
    for (const i of members) entityOf.set(mentions[i]!, entity);
  }
  return { entities, entityOf, mentions };
}

/** The latest LOOK_BACK entries of a bucket, latest first: the first that passes `test`. */
function findLatest(list: readonly number[], test: (j: number) => boolean): number | undefined {
  for (let k = list.length - 1; k >= 0 && k >= list.length - LOOK_BACK; k--) if (test(list[k]!)) return list[k];
  return undefined;
}

/** The latest LOOK_BACK entries of a bucket, latest first, each given to `fn`. */
function forLatest(list: readonly number[], fn: (j: number) => void): void {
  for (let k = list.length - 1; k >= 0 && k >= list.length - LOOK_BACK; k--) fn(list[k]!);
}

/** The root shared by all of `indices`, when there are some and they are all in one cluster. */
function oneRoot(uf: UnionFind, indices: readonly number[] | undefined): number | undefined {
  if (!indices?.length) return undefined;
  const root = uf.find(indices[0]!);
  for (let k = 1; k < indices.length; k++) if (uf.find(indices[k]!) !== root) return undefined;
  return root;
}

/** Two descriptions of the same category can be one thing unless a year or a nationality tells them apart. */
function compatible(a: DraftMention, b: DraftMention): boolean {
  return agree(a.attrs.year, b.attrs.year) && agree(a.attrs.nationality, b.attrs.nationality);
}

/** Two values of one attribute agree unless both are stated and differ. */
function agree(x: AttrValue | undefined, y: AttrValue | undefined): boolean {
  return x === undefined || y === undefined || x === y;
}

/** The value with the greatest total weight; the first to reach it on a tie. */
function vote<T>(tally: Map<T, number>): T | undefined {
  let best: T | undefined;
  let bestCount = -1;
  for (const [v, c] of tally) if (c > bestCount) { best = v; bestCount = c; }
  return best;
}

function add<T>(tally: Map<T, number>, value: T, weight: number): void {
  tally.set(value, (tally.get(value) ?? 0) + weight);
}

function majorityKind(ms: readonly DraftMention[]): EntityKind {
  const tally = new Map<EntityKind, number>();
  for (const m of ms) add(tally, m.kind, m.origin === 'name' ? NAME_WEIGHT : 1);
  return vote(tally)!;
}

function majorityCategory(ms: readonly DraftMention[]): string | undefined {
  const tally = new Map<string, number>();
  for (const m of ms) if (m.category) add(tally, m.category, 1);
  return vote(tally);
}

/** Every surface form of the mentions, once each, sorted. */
function surfaceForms(ms: readonly DraftMention[]): string[] {
  if (ms.length === 1 && !ms[0]!.variants.length) return [ms[0]!.text];
  const forms = new Set<string>();
  for (const m of ms) {
    forms.add(m.text);
    for (const v of m.variants) forms.add(v);
  }
  return [...forms].sort();
}

const SKIPPED_ATTRS = new Set(['confidence', 'described', 'compound']);

function buildEntity(id: string, all: readonly DraftMention[], indices: number[], headline?: number): LocalEntity {
  const ms = indices.map((i) => all[i]!);
  // Most entities have one mention: no votes to count.
  const kind = ms.length === 1 ? ms[0]!.kind : majorityKind(ms);
  const ofKind = ms.length === 1 ? ms : ms.filter((m) => m.kind === kind);
  const named = ofKind.filter((m) => m.origin === 'name');
  const pool = named.length ? named : ofKind;
  const label = named.length || kind === 'person' || kind === 'place' ? chooseLabel(kind, pool) : introduction(pool, headline);
  const aliases = surfaceForms(ms);
  const category = ofKind.length === 1 ? ofKind[0]!.category || undefined : majorityCategory(ofKind);
  const attrs: Record<string, AttrValue> = {};
  for (const m of ms) {
    for (const k of Object.keys(m.attrs)) {
      if (SKIPPED_ATTRS.has(k)) continue;
      if (attrs[k] === undefined) attrs[k] = m.attrs[k]!;
    }
  }
  const origin = named.length ? 'name' : 'description';
  return category
    ? { id, kind, label, aliases, mentions: indices, category, origin, attrs }
    : { id, kind, label, aliases, mentions: indices, origin, attrs };
}

/** Words that date or rank a description but do not name it ("a recent statement"). */
const PASSING = /^(?:recent|new|latest|earlier|previous|last|former|current|same|further|other|separate|first|second|third|final)\s+/i;

/** A description's label: how the article introduces it, the first reading of two words or more. */
function introduction(pool: readonly DraftMention[], headline: number | undefined): string {
  if (pool.length === 1) return pool[0]!.text.replace(PASSING, '');
  // Headlines are terse: the body's readings when there are some.
  const inBody = pool.filter((m) => m.sentence !== headline);
  let first: string | undefined;
  for (const m of inBody.length ? inBody : pool) {
    const cleaned = m.text.replace(PASSING, '');
    first ??= cleaned;
    const n = cleaned.split(/\s+/).length;
    if (n >= 2 && n <= 10) return cleaned;
  }
  return first!;
}

function chooseLabel(kind: EntityKind, pool: readonly DraftMention[]): string {
  if (pool.length === 1) return pool[0]!.text;
  const counts = new Map<string, number>();
  for (const { text } of pool) counts.set(text, (counts.get(text) ?? 0) + 1);
  const score = (t: string): number => {
    const n = t.split(/\s+/).length;
    if (kind === 'place') return (counts.get(t) ?? 0) * 10 + n;
    // The fullest form: most words, then most letters ("Social Democrats" over "Soc Dems").
    if (kind === 'person' || kind === 'organisation') return (isAcronym(t) ? 0 : 1000) + n * 100 + t.length + (counts.get(t) ?? 0) / 100;
    // Descriptions: the most informative reading that is still a name, not a sentence.
    return (n <= 8 ? 100 : 0) + n * 10 + (counts.get(t) ?? 0);
  };
  // The first of the forms sorted by descending score, then text; each form scored once.
  let best: string | undefined;
  let bestScore = 0;
  for (const t of counts.keys()) {
    const s = score(t);
    if (best === undefined || s - bestScore > 0 || (s === bestScore && t.localeCompare(best) < 0)) { best = t; bestScore = s; }
  }
  return best!;
}

export { normalName };
