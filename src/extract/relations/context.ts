/**
 * What the relation rules see of one sentence: its tokens, its mentions with their resolved entities, and the
 * article-wide memory pronouns need.
 */
import type { LocalEntity, RelationId, Sentence, Token } from '../../schema/index.js';
import type { DraftMention } from '../mentions/draft.js';
import { titleLengthAt } from '../mentions/names.js';
import { lower, wordKey } from '../tokens.js';

export interface Candidate {
  source: LocalEntity;
  relation: RelationId;
  target: LocalEntity;
  sentence: number;
  /** Token range the evidence cites [from, to). */
  from: number;
  to: number;
  confidence: number;
  /** Which rule found it, for debugging and tests. */
  rule: string;
  /** An open relation: `related_to` carrying the predicate phrase that states it ("voted to reject"). */
  label?: string;
  /** When the table does not allow the kinds for `relation`, keep the link as `related_to`. */
  fallback?: boolean;
}

export interface Discourse {
  /** Entities that were the subject of a relation, most recent last. */
  subjects: LocalEntity[];
  /** The organisation the article is mostly about (most named mentions), if any. */
  mainOrganisation?: LocalEntity;
  /** The node that stands for the article itself. */
  article: LocalEntity;
  /** Every entity of the article. */
  entities: readonly LocalEntity[];
  /** Descriptions (events, documents, groups) that are the subject or object of an asserted predicate. */
  anchored: Set<LocalEntity>;
}

/** Shared answer for positions where no mention starts or ends (rules only read it). */
const NONE: readonly DraftMention[] = Object.freeze([]);

/**
 * Files `m` (whole phrase `length` tokens long) under token position `i`, keeping each list longest first and, among
 * equally long mentions, in mention order (what a stable sort by length would give).
 */
function file(index: Array<DraftMention[] | undefined>, i: number, m: DraftMention, length: number): void {
  const list = index[i];
  if (!list) {
    index[i] = [m];
    return;
  }
  let at = list.length;
  while (at > 0 && list[at - 1]!.end - list[at - 1]!.start < length) at--;
  if (at === list.length) list.push(m);
  else list.splice(at, 0, m);
}

const DATELINE_DASHES = new Set(['-', '--', '–', '—']);

/** See SentenceContext.datelineEnd: a capitalised place, maybe a date and an agency, then a dash. */
function datelineLength(tokens: readonly Token[]): number {
  const first = tokens[0];
  if (!first || !/^\p{Lu}{2,}/u.test(first.text) || first.text !== first.text.toUpperCase()) return 0;
  for (let i = 1; i < Math.min(tokens.length, 14); i++) if (DATELINE_DASHES.has(tokens[i]!.text)) return i + 1;
  return 0;
}

export class SentenceContext {
  /** The sentence's tokens, which the rules ask for at every turn. */
  readonly tokens: readonly Token[];
  readonly mentions: DraftMention[];
  /** Mentions by start and end token position; the rules look these up many times per sentence. */
  private readonly starts: Array<DraftMention[] | undefined> = [];
  private readonly ends: Array<DraftMention[] | undefined> = [];
  /** Whether each token is inside quotation marks. */
  private readonly quoted: boolean[];
  /** The last token position where a person's mention starts (-1: none). */
  private readonly lastPersonStart: number = -1;
  /** `titleLengthAt` by token position, filled on demand (-1: not yet known). */
  private titleLengths?: number[];
  /** `wordKey` of each token's text, filled on demand. */
  private wordKeys?: Array<string | undefined>;

  constructor(
    readonly index: number,
    readonly sentence: Sentence,
    mentions: DraftMention[],
    private readonly entityOf: Map<DraftMention, LocalEntity>,
    readonly discourse: Discourse,
    readonly emit: (c: Candidate) => void,
    readonly previous: ReadonlyArray<{ mentions: DraftMention[]; subject?: DraftMention }>,
    /** Whether a quotation opened in an earlier sentence of the paragraph is still open. */
    private readonly quoteOpenAtStart = false,
  ) {
    this.mentions = mentions.every((m) => entityOf.has(m)) ? mentions : mentions.filter((m) => entityOf.has(m));
    for (const m of this.mentions) {
      const { start, end, coreEnd } = m;
      const length = end - start;
      const s = m.charStart !== undefined ? start : m.coreStart;
      file(this.starts, start, m, length);
      if (s !== start) file(this.starts, s, m, length);
      file(this.ends, end, m, length);
      if (coreEnd !== end) file(this.ends, coreEnd, m, length);
      if (m.kind === 'person') this.lastPersonStart = Math.max(this.lastPersonStart, start, s);
    }

    const tokens = sentence.tokens;
    this.tokens = tokens;
    this.quoted = new Array<boolean>(tokens.length);
    let open = quoteOpenAtStart;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const text = t.text;
      if (text === '“' || text === '„' || text === '«') { open = true; this.quoted[i] = true; }
      else if (text === '”' || text === '»') { open = false; this.quoted[i] = true; }
      else if (text === '"') { open = !open; this.quoted[i] = true; }
      else this.quoted[i] = open;
    }
  }

  /** `lower(tokens[i])`: the token's text in lower case, '' past either end. */
  word(i: number): string {
    return lower(this.tokens[i]);
  }

  /** `wordKey(tokens[i].text)`, remembered (the title rules look at the same words again and again). */
  wordKey(i: number): string {
    const keys = this.wordKeys ??= new Array<string | undefined>(this.tokens.length);
    return keys[i] ??= wordKey(this.tokens[i]!.text);
  }

  /** Whether token i is inside quotation marks (quoted speech does not set who "they" are). */
  inQuote(i: number): boolean {
    return this.quoted[i] ?? false;
  }

  /** Whether a quotation is still open after the last token. */
  get quoteOpenAtEnd(): boolean {
    const n = this.tokens.length;
    if (!n) return this.quoteOpenAtStart;
    const last = this.tokens[n - 1]!.text;
    if (last === '”' || last === '»') return false;
    return this.quoted[n - 1]!;
  }

  /** Whether a person's mention starts after token i. */
  personStartsAfter(i: number): boolean {
    return this.lastPersonStart > i;
  }

  /** `titleLengthAt(sentence, i)`, remembered: several rules ask about the same positions. */
  titleLengthAt(i: number): number {
    if (i < 0 || i >= this.tokens.length) return titleLengthAt(this.sentence, i);
    const cache = this.titleLengths ??= new Array<number>(this.tokens.length).fill(-1);
    if (cache[i]! < 0) cache[i] = titleLengthAt(this.sentence, i);
    return cache[i]!;
  }

  entity(m: DraftMention): LocalEntity {
    return this.entityOf.get(m)!;
  }

  /** The entity of a mention from an earlier sentence. */
  entityOfPrevious(m: DraftMention): LocalEntity | undefined {
    return this.entityOf.get(m);
  }

  /** Mentions starting at token i (whole phrase or core), longest first. */
  startingAt(i: number): readonly DraftMention[] {
    return this.starts[i] ?? NONE;
  }

  /** Mentions ending just before token i (whole phrase or core), longest first. */
  endingAt(i: number): readonly DraftMention[] {
    return this.ends[i] ?? NONE;
  }

  /** The entity of the innermost mention whose core contains token i. */
  entityAt(i: number): LocalEntity | undefined {
    const at = this.innermost ??= this.innermostMentions();
    const m = at[i];
    return m && this.entityOf.get(m);
  }

  /**
   * Tokens before this index are a wire dateline ("NAIROBI, Oct. 4 (Xinhua) --", "LONDON 1996-08-22"): they say
   * where and by whom, and are nobody's subject.
   */
  get datelineEnd(): number {
    if (this.dateline === undefined) this.dateline = this.index > 2 ? 0 : datelineLength(this.tokens);
    return this.dateline;
  }

  private dateline?: number;

  /** Whether the innermost mention at token i is a nationality adjective ("Kenyan" naming Kenya). */
  isDemonym(i: number): boolean {
    const at = this.innermost ??= this.innermostMentions();
    return at[i]?.attrs.demonym === true;
  }

  /** Whether the innermost mention at token i is a name (not a description or a nationality adjective). */
  isNamed(i: number): boolean {
    const at = this.innermost ??= this.innermostMentions();
    const m = at[i];
    return !!m && m.origin === 'name' && !m.attrs.demonym;
  }

  private innermost?: Array<DraftMention | undefined>;

  private innermostMentions(): Array<DraftMention | undefined> {
    const at: Array<DraftMention | undefined> = new Array(this.tokens.length);
    const size: number[] = new Array(this.tokens.length).fill(Infinity);
    for (const m of this.mentions) {
      const n = m.coreEnd - m.coreStart;
      for (let i = m.coreStart; i < m.coreEnd && i < this.tokens.length; i++) if (n < size[i]!) { size[i] = n; at[i] = m; }
    }
    return at;
  }

  /** Mentions whose core contains token i, innermost first. */
  covering(i: number): DraftMention[] {
    return this.mentions.filter((m) => m.coreStart <= i && i < m.coreEnd).sort((a, b) => (a.coreEnd - a.coreStart) - (b.coreEnd - b.coreStart));
  }
}
