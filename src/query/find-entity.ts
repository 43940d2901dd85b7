/**
 * Name → nodes. Tiers, first non-empty wins: the node key itself, an exact label, an exact alias, then fuzzy
 * matches (edit distance with fastest-levenshtein plus word overlap, tolerant of typos and missing words).
 * Exact means equal after normalisation (case, accents, punctuation). Several candidates are all returned, ranked.
 */
import { distance } from 'fastest-levenshtein';
import { NewsgraphError } from '../errors.js';
import { isEntityKind, type EntityKind } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';
import { nameIndex, type NameIndex } from './name-index.js';
import { allowedTypos, normalise, tokens } from './text.js';
import type { NodeSummary } from './types.js';
import { nodeSummary } from './views.js';

export type MatchKind = 'key' | 'label' | 'alias' | 'fuzzy';

export interface EntityMatch {
  node: NodeSummary;
  /** 1 for key and label matches, 0.9 for aliases, below 0.9 for fuzzy ones. */
  score: number;
  match: MatchKind;
  /** The label, alias or key that matched, as written in the graph. */
  matched: string;
  /** Why this candidate, in words. */
  why: string;
}

export interface FindEntityOptions {
  /** Most candidates returned. */
  limit: number;
  /** Fuzzy candidates scoring below this are dropped. */
  minScore: number;
  /** Only nodes of these kinds (empty: all). */
  kinds: readonly EntityKind[];
}

export const FIND_ENTITY_DEFAULTS: FindEntityOptions = { limit: 10, minScore: 0.5, kinds: [] };

const ALIAS_SCORE = 0.9;
const round = (n: number) => Math.round(n * 1000) / 1000;
const byRank = (a: EntityMatch, b: EntityMatch) =>
  b.score - a.score || b.node.mentions - a.node.mentions || (a.node.label < b.node.label ? -1 : a.node.label > b.node.label ? 1 : 0) ||
  (a.node.key < b.node.key ? -1 : a.node.key > b.node.key ? 1 : 0);

export function checkKinds(kinds: readonly string[], where: string): void {
  for (const k of kinds) if (!isEntityKind(k)) throw new NewsgraphError(`${where}: unknown kind ${JSON.stringify(k)}`);
}

/** Weight of a query word matching an indexed word: 1 exact, 0.8 a typo away or a prefix of it. */
type WordMatches = Map<string, number>;

const NEAR = 0.8;

/** For each query word, the indexed words it matches. A word found exactly is not widened to typos or prefixes. */
function matchWords(index: NameIndex, queryWords: string[]): WordMatches[] {
  return queryWords.map((q) => {
    const found: WordMatches = new Map();
    if (index.byToken.has(q)) {
      found.set(q, 1);
      return found;
    }
    const typos = allowedTypos(q.length);
    for (let len = Math.max(1, q.length - typos); len <= q.length + typos; len++) {
      for (const w of index.wordsByLength[len] ?? []) if (distance(q, w) <= typos) found.set(w, NEAR);
    }
    if (q.length >= 3) {
      for (let len = q.length + 1; len < index.wordsByLength.length; len++) {
        for (const w of index.wordsByLength[len] ?? []) if (w.startsWith(q)) found.set(w, NEAR);
      }
    }
    return found;
  });
}

/** At most this many candidates, those matching the most query words, get the full (edit-distance) scoring. */
const MAX_SCORED = 2000;

function fuzzyScore(query: string, wordMatches: WordMatches[], form: string): { score: number; words: number } {
  const formWords = tokens(form);
  let covered = 0;
  let words = 0;
  for (const matches of wordMatches) {
    let best = 0;
    for (const w of formWords) {
      const weight = matches.get(w);
      if (weight !== undefined && weight > best) best = weight;
    }
    covered += best;
    if (best > 0) words++;
  }
  const coverage = covered / wordMatches.length;
  const precision = Math.min(1, covered / formWords.length);
  const edit = 1 - distance(query, form) / Math.max(query.length, form.length);
  // Word coverage leads, so a surname or a shortened name finds the full name and a form that holds every word
  // of the query beats a shorter one that holds only some.
  return { score: 0.25 * edit + 0.75 * (0.75 * coverage + 0.25 * precision), words };
}

export function findEntity(graph: NewsGraph, name: string, options: Partial<FindEntityOptions> = {}): EntityMatch[] {
  const o: FindEntityOptions = { ...FIND_ENTITY_DEFAULTS, ...options };
  checkKinds(o.kinds, 'findEntity');
  const kindOk = (key: string) => !o.kinds.length || o.kinds.includes(graph.getNodeAttribute(key, 'kind'));
  const finish = (matches: EntityMatch[]) => matches.sort(byRank).slice(0, o.limit);

  if (graph.hasNode(name) && kindOk(name)) {
    return [{ node: nodeSummary(graph, name), score: 1, match: 'key', matched: name, why: `node key ${JSON.stringify(name)}` }];
  }
  const query = normalise(name);
  if (!query) return [];
  const index = nameIndex(graph);

  const labelled = (index.byLabel.get(query) ?? []).filter(kindOk);
  if (labelled.length) {
    return finish(labelled.map((key) => {
      const node = nodeSummary(graph, key);
      return { node, score: 1, match: 'label', matched: node.label, why: `label ${JSON.stringify(node.label)}` };
    }));
  }

  const aliased = new Map<string, string>();
  for (const { key, alias } of index.byAlias.get(query) ?? []) if (kindOk(key) && !aliased.has(key)) aliased.set(key, alias);
  if (aliased.size) {
    return finish([...aliased].map(([key, alias]) => {
      const node = nodeSummary(graph, key);
      return { node, score: ALIAS_SCORE, match: 'alias', matched: alias, why: `alias ${JSON.stringify(alias)} of ${JSON.stringify(node.label)}` };
    }));
  }

  const queryWords = tokens(query);
  const wordMatches = matchWords(index, queryWords);
  // How many query words each candidate matches, to score the most promising ones when a common word matches many.
  const hits = new Map<string, number>();
  for (const m of wordMatches) {
    const seen = new Set<string>();
    for (const w of m.keys()) for (const key of index.byToken.get(w) ?? []) if (!seen.has(key)) { seen.add(key); hits.set(key, (hits.get(key) ?? 0) + 1); }
  }
  let candidates = [...hits.keys()].filter(kindOk);
  if (candidates.length > MAX_SCORED) candidates = candidates.sort((a, b) => hits.get(b)! - hits.get(a)!).slice(0, MAX_SCORED);

  const matches: EntityMatch[] = [];
  for (const key of candidates) {
    const entry = index.byKey.get(key)!;
    let best = { score: -1, words: 0, form: 0 };
    entry.forms.forEach((form, i) => {
      const s = fuzzyScore(query, wordMatches, form);
      if (s.score > best.score) best = { ...s, form: i };
    });
    // Fuzzy scores stay below the alias tier so a score alone tells how a candidate matched.
    const score = round(Math.min(best.score, ALIAS_SCORE - 0.01));
    if (score < o.minScore) continue;
    const matched = entry.originals[best.form]!;
    const node = nodeSummary(graph, key);
    const via = best.form === 0 ? 'label' : `alias of ${JSON.stringify(node.label)}`;
    matches.push({
      node, score, match: 'fuzzy', matched,
      why: `${JSON.stringify(matched)} (${via}) is close: ${best.words} of ${queryWords.length} ${queryWords.length === 1 ? 'word matches' : 'words match'}`,
    });
  }
  return finish(matches);
}
