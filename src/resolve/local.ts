/**
 * One node per real-world thing inside one article: full names and surnames, acronyms and expansions, short forms,
 * and the descriptions that refer back to a document, event or group introduced earlier.
 */
import type { AttrValue, EntityKind, LocalEntity } from '../schema/index.js';
import type { DraftMention } from '../extract/mentions/draft.js';
import { lexicon } from '../nlp/lexicon/index.js';
import { isKnownPlace } from '../extract/mentions/names.js';
import { normalName, words, isAcronym, isAcronymOf, isAbbreviationOf, expandLeadingAcronym } from './name-forms.js';

class UnionFind {
  private parent: number[];
  constructor(n: number) { this.parent = Array.from({ length: n }, (_, i) => i); }
  find(i: number): number {
    while (this.parent[i] !== i) { this.parent[i] = this.parent[this.parent[i]!]!; i = this.parent[i]!; }
    return i;
  }
  union(a: number, b: number): void {
    const x = this.find(a);
    const y = this.find(b);
    // The earlier mention stays the root, so entity order follows the text.
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

/** A group's head lemma (the first head of "nurses and doctors") and its other core words. */
function groupKey(m: DraftMention, tokensLower: (m: DraftMention) => string[]): { head: string; mods: Set<string> } {
  const all = tokensLower(m);
  const headAt = m.head - m.coreStart;
  const head = all[headAt] ?? all[all.length - 1] ?? '';
  // Plural and singular modifiers compare equal ("farm workers report", "Farm Worker Union report").
  const mods = new Set(all.filter((w, i) => i !== headAt && !/^\d/.test(w) && w !== 'and').map((w) => w.replace(/s$/, '')));
  return { head, mods };
}

/** "Social Democrat party" → "Social Democrat": a trailing generic word does not make another organisation. */
function withoutOrgWord(text: string): string {
  const w = words(text);
  return w.length > 1 && ['party', 'group', 'company', 'movement', 'organisation', 'organization'].includes(w.at(-1)!) ? w.slice(0, -1).join(' ') : text;
}

const isSubset = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));

/** "the central government" and "the provincial government" are two; "the government" can be either. */
function modifiersAgree(a: { mods: Set<string> }, b: { mods: Set<string> }): boolean {
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

export function resolveLocal(bySentence: DraftMention[][], coreWords: (m: DraftMention) => string[], options: LocalOptions = {}): LocalResolution {
  const acronymPairs = options.acronymPairs ?? [];
  const mentions = bySentence.flat();
  const index = new Map(mentions.map((m, i) => [m, i]));
  const uf = new UnionFind(mentions.length);
  const names = mentions.map((m, i) => ({ m, i })).filter(({ m }) => m.origin === 'name');

  // 1. Same name, whatever the tagger's type.
  const byNormal = new Map<string, number>();
  for (const { m, i } of names) {
    const key = expandLeadingAcronym(m.text);
    const first = byNormal.get(key);
    if (first === undefined) byNormal.set(key, i); else uf.union(first, i);
  }
  // Explicit "Long Name (ACR)" pairs.
  for (const [a, b] of acronymPairs) uf.union(index.get(a)!, index.get(b)!);

  // Every distinct name with its comparison forms computed once: the pairwise rules below run for every pair.
  const distinctNames = [...byNormal.entries()].map(([key, i]) => {
    const m = mentions[i]!;
    const w = words(m.text);
    const plain = normalName(withoutOrgWord(m.text));
    return { key, i, m, w, acronym: isAcronym(m.text), person: m.kind === 'person', plain, expanded: key.split(' ') };
  });
  const unique = <T>(xs: T[]): T | undefined => (xs.length === 1 ? xs[0] : undefined);
  const isTail = (short: string[], long: string[]) => short.length < long.length && short.every((x, k) => x === long[long.length - short.length + k]);

  for (const d of distinctNames) {
    const { i, m, w } = d;
    // 2. Surname or given name alone → the one full name that ends with it.
    if (w.length === 1 && !lexicon().knownBodies.has(w[0]!) && !lexicon().countries.has(w[0]!) && !d.acronym) {
      const person = unique(distinctNames.filter((o) => o.person && o.w.length > 1 && o.w[o.w.length - 1] === w[0]));
      if (person) { uf.union(person.i, i); continue; }
    }
    // 3. Acronyms and their expansions.
    if (d.acronym) {
      const long = unique(distinctNames.filter((o) => o.i !== i && !o.acronym && isAcronymOf(m.text, o.m.text)));
      if (long) uf.union(long.i, i);
      continue;
    }
    // 4. Abbreviations ("Soc Dems") and singular/plural ("Social Democrat", "Social Democrat party").
    for (const o of distinctNames) {
      if (o.i === i || o.person !== d.person) continue;
      const plural = o.i < i && (o.plain === d.plain || o.plain === `${d.plain}s` || d.plain === `${o.plain}s`);
      if (plural || (o.w.length === w.length && isAbbreviationOf(m.text, o.m.text))) uf.union(o.i, i);
    }
    // 5. An organisation's name without its leading parent ("Human Rights Council" for "United Nations Human
    //    Rights Council"), when only one name fits.
    // A lone generic word ("Committee") joins only when exactly one organisation ends with it.
    if (m.kind === 'organisation' || (m.kind === 'place' && w.length === 1 && !isKnownPlace(w[0]!))) {
      const long = unique(distinctNames.filter((o) => o.i !== i && o.m.kind === 'organisation' && isTail(d.expanded, o.expanded)));
      if (long) uf.union(long.i, i);
    }
  }

  // The organisation named most often (at least three times, clearly ahead): what "the company" refers to.
  const orgCounts = new Map<number, number>();
  for (const { i, m } of names) if (m.kind === 'organisation') orgCounts.set(uf.find(i), (orgCounts.get(uf.find(i)) ?? 0) + 1);
  const rankedOrgs = [...orgCounts.entries()].sort((a, b) => b[1] - a[1]);
  const mainOrganisation = rankedOrgs[0] && rankedOrgs[0][1] >= 3 && (!rankedOrgs[1] || rankedOrgs[0][1] > rankedOrgs[1][1]) ? rankedOrgs[0][0] : undefined;

  // 6. Descriptions. Earlier ones are kept in buckets (by category, head or stated size), and only the latest few of
  //    a bucket are compared, so a very long article costs time in proportion to its length.
  const keys = new Map<DraftMention, ReturnType<typeof groupKey>>();
  const keyOf = (m: DraftMention) => {
    let k = keys.get(m);
    if (!k) { k = groupKey(m, coreWords); keys.set(m, k); }
    return k;
  };
  const buckets = new Map<string, Array<{ m: DraftMention; i: number }>>();
  const bucket = (name: string) => {
    let b = buckets.get(name);
    if (!b) { b = []; buckets.set(name, b); }
    return b;
  };
  const recent = <T>(list: T[]): T[] => list.slice(-LOOK_BACK).reverse();
  const namesBySentence = new Map<number, Array<{ m: DraftMention; i: number }>>();
  const namesByLastWord = new Map<string, number[]>();
  for (const n of names) {
    if (!namesBySentence.has(n.m.sentence)) namesBySentence.set(n.m.sentence, []);
    namesBySentence.get(n.m.sentence)!.push(n);
    if (n.m.kind === 'organisation') {
      const last = words(n.m.text).at(-1) ?? '';
      if (!namesByLastWord.has(last)) namesByLastWord.set(last, []);
      namesByLastWord.get(last)!.push(n.i);
    }
  }
  const phrases = mentions.map((m, i) => ({ m, i })).filter(({ m }) => m.origin === 'phrase');
  for (const p of phrases) {
    if (p.m.kind === 'event' || p.m.kind === 'document') {
      // The same head refers back ("a statement" … "the statement"); a near-synonym only as a bare definite
      // description ("a class-action lawsuit" … "the complaint"), never as a new indefinite one ("a declaration" …
      // "a joint statement").
      const key = keyOf(p.m);
      const list = bucket(`${p.m.kind}|${p.m.category}`);
      const match = recent(list).find(({ m }) => {
        if (!compatible(m, p.m)) return false;
        const other = keyOf(m);
        return other.head === key.head ? modifiersAgree(other, key) : !!p.m.definite;
      });
      if (match) uf.union(match.i, p.i);
      list.push(p);
    } else if (p.m.kind === 'group') {
      // Same head with compatible modifiers ("MPs", "British MPs"), or the same stated size ("more than thirty
      // MPs" and "more than 30 members"): one group.
      const key = keyOf(p.m);
      for (const { m, i } of recent(bucket(`group|${key.head}`))) if (modifiersAgree(keyOf(m), key)) uf.union(i, p.i);
      const count = p.m.attrs.count;
      if (typeof count === 'number' && count > 1) {
        for (const { i } of recent(bucket(`count|${count}`))) uf.union(i, p.i);
        bucket(`count|${count}`).push(p);
      }
      bucket(`group|${key.head}`).push(p);
    } else if (p.m.kind === 'organisation') {
      const inner = (namesBySentence.get(p.m.sentence) ?? []).find(({ m }) => m.kind === 'organisation' && m.start >= p.m.start && m.end <= p.m.coreEnd);
      // "the iPhone maker", "the company": the organisation the article is about (the name inside is its brand).
      const described = bucket(`organisation|${p.m.category}`);
      if (p.m.attrs.epithet && mainOrganisation !== undefined) {
        uf.union(mainOrganisation, p.i);
        if (inner) uf.union(mainOrganisation, inner.i);
        described.push(p);
        continue;
      }
      // "the state-run ANSA news agency" is ANSA.
      if (inner) { uf.union(inner.i, p.i); described.push(p); continue; }
      // "the government" → the government named in the article, or the other descriptions of it.
      const target = unique([...new Set((namesByLastWord.get(p.m.category ?? '') ?? []).map((i) => uf.find(i)))]);
      const earlier = recent(described).find(({ m }) => compatible(m, p.m) && modifiersAgree(keyOf(m), keyOf(p.m)));
      if (target !== undefined) uf.union(target, p.i);
      else if (earlier) uf.union(earlier.i, p.i);
      described.push(p);
    }
  }

  // Build entities in order of first mention.
  const clusters = new Map<number, number[]>();
  mentions.forEach((_, i) => {
    const root = uf.find(i);
    if (!clusters.has(root)) clusters.set(root, []);
    clusters.get(root)!.push(i);
  });
  const entities: LocalEntity[] = [];
  const entityOf = new Map<DraftMention, LocalEntity>();
  for (const members of [...clusters.values()].sort((a, b) => a[0]! - b[0]!)) {
    const ms = members.map((i) => mentions[i]!);
    const entity = buildEntity(`e${entities.length + 1}`, ms, members, options.headline);
    entities.push(entity);
    for (const m of ms) entityOf.set(m, entity);
  }
  return { entities, entityOf, mentions };
}

/** Two descriptions of the same category can be one thing unless a year or a nationality tells them apart. */
function compatible(a: DraftMention, b: DraftMention): boolean {
  for (const key of ['year', 'nationality'] as const) {
    if (a.attrs[key] !== undefined && b.attrs[key] !== undefined && a.attrs[key] !== b.attrs[key]) return false;
  }
  return true;
}

function vote<T extends string>(values: Array<[T, number]>): T | undefined {
  const tally = new Map<T, number>();
  for (const [v, w] of values) tally.set(v, (tally.get(v) ?? 0) + w);
  let best: T | undefined;
  let bestCount = -1;
  for (const [v, c] of tally) if (c > bestCount) { best = v; bestCount = c; }
  return best;
}

function buildEntity(id: string, ms: DraftMention[], indices: number[], headline?: number): LocalEntity {
  const kind = vote<EntityKind>(ms.map((m) => [m.kind, m.origin === 'name' ? NAME_WEIGHT : 1]))!;
  const ofKind = ms.filter((m) => m.kind === kind);
  const named = ofKind.filter((m) => m.origin === 'name');
  const pool = named.length ? named : ofKind;
  const inBody = pool.filter((m) => m.sentence !== headline);
  const label = named.length || kind === 'person' || kind === 'place' ? chooseLabel(kind, pool.map((m) => m.text))
    : introduction((inBody.length ? inBody : pool).map((m) => m.text));
  const aliases = [...new Set(ms.flatMap((m) => [m.text, ...m.variants]))].sort();
  const category = vote<string>(ofKind.filter((m) => m.category).map((m) => [m.category!, 1]));
  const attrs: Record<string, AttrValue> = {};
  for (const m of ms) {
    for (const [k, v] of Object.entries(m.attrs)) {
      if (k === 'confidence' || k === 'described' || k === 'compound') continue;
      if (attrs[k] === undefined) attrs[k] = v;
    }
  }
  return { id, kind, label, aliases, mentions: indices, ...(category ? { category } : {}), origin: named.length ? 'name' : 'description', attrs };
}

/** Words that date or rank a description but do not name it ("a recent statement"). */
const PASSING = /^(?:recent|new|latest|earlier|previous|last|former|current|same|further|other|separate|first|second|third|final)\s+/i;

/** A description's label: how the article introduces it, the first reading of two words or more. */
function introduction(texts: string[]): string {
  const cleaned = texts.map((t) => t.replace(PASSING, ''));
  return cleaned.find((t) => t.split(/\s+/).length >= 2 && t.split(/\s+/).length <= 10) ?? cleaned[0]!;
}

function chooseLabel(kind: EntityKind, texts: string[]): string {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  const forms = [...counts.keys()];
  const score = (t: string): number => {
    const n = t.split(/\s+/).length;
    if (kind === 'place') return (counts.get(t) ?? 0) * 10 + n;
    // The fullest form: most words, then most letters ("Social Democrats" over "Soc Dems").
    if (kind === 'person' || kind === 'organisation') return (isAcronym(t) ? 0 : 1000) + n * 100 + t.length + (counts.get(t) ?? 0) / 100;
    // Descriptions: the most informative reading that is still a name, not a sentence.
    return (n <= 8 ? 100 : 0) + n * 10 + (counts.get(t) ?? 0);
  };
  return forms.sort((a, b) => score(b) - score(a) || a.localeCompare(b))[0]!;
}

export { normalName };
