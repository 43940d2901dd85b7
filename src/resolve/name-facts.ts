/**
 * What the identity rules ask of a name, worked out once per string of the identity table: its normal form, words,
 * whether it is an acronym, its initials. Answers that are strings are numbers into `keys`, so the rules compare and
 * group numbers. The facts are kept with the table, so an update works out only those of the strings it added.
 */
import { normalName, words, isAcronym, cachedInitials, expandLeadingAcronym } from './name-forms.js';
import { numberOf, within } from './numbering.js';

/** No answer: a name with no normal form, no words, or that is no acronym. */
export const NO_KEY = -1;

/** Descriptions merge across articles only when they carry a real name ("the 2004 Lagos floods"), never "the statement". */
const isDistinctiveLabel = (label: string) =>
  words(label).filter((w) => !/^(?:the|a|an|of|in|on|by|for|and)$/.test(w)).length >= 2 && /\p{Lu}|\d/u.test(label);

/** Per-string columns, in the order a table file holds them. `initialCount` is -1 until the initials are asked for. */
const COLUMNS = ['known', 'form', 'norm', 'distinctive', 'wordCount', 'firstWord', 'lastWord', 'acronym', 'acronymSingular', 'initialStart', 'initialCount'] as const;
type FactColumn = (typeof COLUMNS)[number];

/** The facts as a table file keeps them. */
export interface SavedFacts {
  keys: string[];
  columns: Int32Array[];
  initials: Int32Array;
}

export class NameFacts {
  private keyIds: Map<string, number> | undefined;
  readonly keys: string[];
  private readonly c: Record<FactColumn, Int32Array>;
  private readonly initialList: number[];

  /** Facts about `strings`, starting from those `saved` for the first strings of the same list. */
  constructor(private readonly strings: readonly string[], saved?: SavedFacts) {
    this.keys = saved ? [...saved.keys] : [];
    this.initialList = saved ? Array.from(saved.initials) : [];
    this.c = {} as Record<FactColumn, Int32Array>;
    COLUMNS.forEach((name, k) => {
      const column = new Int32Array(strings.length);
      if (saved) column.set(saved.columns[k]!.subarray(0, strings.length));
      this.c[name] = column;
    });
  }

  /** Normal form with a leading acronym expanded, or NO_KEY when empty. */
  form(s: number): number { return this.of(s).form[s]!; }
  norm(s: number): number { return this.of(s).norm[s]!; }
  distinctive(s: number): boolean { return this.of(s).distinctive[s] === 1; }
  wordCount(s: number): number { return this.of(s).wordCount[s]!; }
  firstWord(s: number): number { return this.of(s).firstWord[s]!; }
  lastWord(s: number): number { return this.of(s).lastWord[s]!; }
  /** An acronym's letters without dots, and without a plural s; NO_KEY for a name that is no acronym. */
  acronym(s: number): number { return this.of(s).acronym[s]!; }
  acronymSingular(s: number): number { return this.of(s).acronymSingular[s]!; }

  key(text: string): number {
    this.keyIds ??= new Map(this.keys.map((k, id) => [k, id]));
    return numberOf(this.keyIds, this.keys, text);
  }

  /** The columns, with string `s`'s facts worked out if they were not known. */
  private of(s: number): Record<FactColumn, Int32Array> {
    const c = this.c;
    if (c.known[s]) return c;
    c.known[s] = 1;
    const text = this.strings[s]!;
    const form = expandLeadingAcronym(text);
    c.form[s] = form ? this.key(form) : NO_KEY;
    c.norm[s] = this.key(normalName(text));
    const w = words(text);
    c.wordCount[s] = w.length;
    c.firstWord[s] = w.length ? this.key(w[0]!) : NO_KEY;
    c.lastWord[s] = w.length ? this.key(w.at(-1)!) : NO_KEY;
    c.distinctive[s] = isDistinctiveLabel(text) ? 1 : 0;
    if (isAcronym(text)) {
      const letters = text.replace(/\./g, '').toLowerCase();
      c.acronym[s] = this.key(letters);
      c.acronymSingular[s] = this.key(letters.replace(/s$/, ''));
    } else {
      c.acronym[s] = c.acronymSingular[s] = NO_KEY;
    }
    c.initialCount[s] = -1;
    return c;
  }

  /** Keys of the initials of a name that is no acronym, two letters or more (asked only of some names). */
  initials(s: number): readonly number[] {
    const c = this.of(s);
    if (c.initialCount[s] === -1) {
      const keys = c.acronym[s] !== NO_KEY ? [] : cachedInitials(this.strings[s]!).filter((k) => k.length >= 2).map((k) => this.key(k));
      c.initialStart[s] = this.initialList.length;
      c.initialCount[s] = keys.length;
      this.initialList.push(...keys);
    }
    return this.initialList.slice(c.initialStart[s]!, c.initialStart[s]! + c.initialCount[s]!);
  }

  save(): SavedFacts {
    return { keys: this.keys, columns: COLUMNS.map((name) => this.c[name]), initials: Int32Array.from(this.initialList) };
  }

  static readonly columnCount = COLUMNS.length;

  /** Whether saved facts about `strings` strings point only into their keys and initials. */
  static fit(saved: SavedFacts, strings: number): boolean {
    const c = Object.fromEntries(COLUMNS.map((name, k) => [name, saved.columns[k]!])) as Record<FactColumn, Int32Array>;
    const keys = saved.keys.length;
    const keyColumns = [c.form, c.norm, c.firstWord, c.lastWord, c.acronym, c.acronymSingular];
    if (c.known.length > strings || !within(c.known, 0, 2) || !within(c.distinctive, 0, 2) || !within(c.wordCount, 0, 2 ** 31 - 1)) return false;
    if (!keyColumns.every((column) => within(column, NO_KEY, keys)) || !within(saved.initials, 0, keys)) return false;
    if (!within(c.initialStart, 0, saved.initials.length + 1) || !within(c.initialCount, -1, saved.initials.length + 1)) return false;
    for (let s = 0; s < c.known.length; s++) if (c.initialStart[s]! + Math.max(0, c.initialCount[s]!) > saved.initials.length) return false;
    return true;
  }
}
