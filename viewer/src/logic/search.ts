/**
 * Search suggestions over node labels and aliases. Matching ignores case, accents and repeated spaces; ranking
 * prefers whole matches over prefixes over word starts over substrings, labels over aliases, then better-connected
 * nodes, so typing a common name surfaces the node people mean.
 */

export interface SearchEntry {
  key: string;
  label: string;
  aliases: readonly string[];
  /** Importance for tie-breaking (degree). */
  weight: number;
}

export interface Suggestion {
  key: string;
  label: string;
  /** The alias that matched, when it was not the label. */
  alias: string | null;
  /** Lower is better; see MATCH. */
  rank: number;
}

/** Match tiers; an alias match ranks one below the same kind of label match. */
const MATCH = { exact: 0, prefix: 2, wordPrefix: 4, substring: 6 } as const;

export function normaliseForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function matchTier(haystack: string, needle: string): number | null {
  if (haystack === needle) return MATCH.exact;
  if (haystack.startsWith(needle)) return MATCH.prefix;
  const at = haystack.indexOf(needle);
  if (at < 0) return null;
  // A word start: the needle begins after a non-letter/digit.
  let from = at;
  while (from >= 0) {
    if (from > 0 && !/[\p{L}\p{N}]/u.test(haystack[from - 1]!)) return MATCH.wordPrefix;
    from = haystack.indexOf(needle, from + 1);
  }
  return MATCH.substring;
}

interface Indexed {
  entry: SearchEntry;
  label: string;
  aliases: { raw: string; norm: string }[];
}

export class SearchIndex {
  private readonly items: Indexed[];

  constructor(entries: Iterable<SearchEntry>) {
    this.items = [];
    for (const entry of entries) {
      const label = normaliseForSearch(entry.label);
      const seen = new Set([label]);
      const aliases: Indexed['aliases'] = [];
      for (const raw of entry.aliases) {
        const norm = normaliseForSearch(raw);
        if (!norm || seen.has(norm)) continue;
        seen.add(norm);
        aliases.push({ raw, norm });
      }
      this.items.push({ entry, label, aliases });
    }
  }

  get size(): number {
    return this.items.length;
  }

  /** Best suggestions for `query`, at most `limit`; `accept` filters out keys (e.g. hidden nodes). */
  query(query: string, limit = 10, accept: (key: string) => boolean = () => true): Suggestion[] {
    const needle = normaliseForSearch(query);
    if (!needle) return [];
    const found: (Suggestion & { weight: number })[] = [];
    for (const item of this.items) {
      let rank = matchTier(item.label, needle);
      let alias: string | null = null;
      for (const a of item.aliases) {
        const tier = matchTier(a.norm, needle);
        if (tier !== null && (rank === null || tier + 1 < rank)) {
          rank = tier + 1;
          alias = a.raw;
        }
      }
      if (rank === null || !accept(item.entry.key)) continue;
      found.push({ key: item.entry.key, label: item.entry.label, alias, rank, weight: item.entry.weight });
    }
    found.sort((a, b) =>
      a.rank - b.rank || b.weight - a.weight || a.label.length - b.label.length ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return found.slice(0, limit).map(({ weight: _w, ...s }) => s);
  }
}
