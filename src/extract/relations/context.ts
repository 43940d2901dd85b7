/**
 * What the relation rules see of one sentence: its tokens, its mentions with their resolved entities, and the
 * article-wide memory pronouns need.
 */
import type { LocalEntity, RelationId, Sentence } from '../../schema/index.js';
import type { DraftMention } from '../mentions/draft.js';

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
}

export class SentenceContext {
  readonly mentions: DraftMention[];
  private readonly starts = new Map<number, DraftMention[]>();
  private readonly ends = new Map<number, DraftMention[]>();

  constructor(
    readonly index: number,
    readonly sentence: Sentence,
    mentions: DraftMention[],
    private readonly entityOf: Map<DraftMention, LocalEntity>,
    readonly discourse: Discourse,
    readonly emit: (c: Omit<Candidate, 'sentence'>) => void,
    readonly previous: ReadonlyArray<{ mentions: DraftMention[]; subject?: DraftMention }>,
    /** Whether a quotation opened in an earlier sentence of the paragraph is still open. */
    private readonly quoteOpenAtStart = false,
  ) {
    this.mentions = mentions.filter((m) => entityOf.has(m));
    for (const m of this.mentions) {
      const s = m.charStart !== undefined ? m.start : m.coreStart;
      if (!this.starts.has(m.start)) this.starts.set(m.start, []);
      this.starts.get(m.start)!.push(m);
      if (s !== m.start) {
        if (!this.starts.has(s)) this.starts.set(s, []);
        this.starts.get(s)!.push(m);
      }
      for (const e of new Set([m.end, m.coreEnd])) {
        if (!this.ends.has(e)) this.ends.set(e, []);
        this.ends.get(e)!.push(m);
      }
    }
    for (const list of [...this.starts.values(), ...this.ends.values()]) list.sort((a, b) => (b.end - b.start) - (a.end - a.start));
  }

  get tokens() { return this.sentence.tokens; }

  private quoted?: boolean[];

  /** Whether token i is inside quotation marks (quoted speech does not set who "they" are). */
  inQuote(i: number): boolean {
    if (!this.quoted) {
      let open = this.quoteOpenAtStart;
      this.quoted = this.tokens.map((t) => {
        if (t.text === '“' || t.text === '„' || t.text === '«') { open = true; return true; }
        if (t.text === '”' || t.text === '»') { open = false; return true; }
        if (t.text === '"') { open = !open; return true; }
        return open;
      });
    }
    return this.quoted![i] ?? false;
  }

  /** Whether a quotation is still open after the last token. */
  get quoteOpenAtEnd(): boolean {
    const n = this.tokens.length;
    if (!n) return this.quoteOpenAtStart;
    this.inQuote(0);
    const last = this.tokens[n - 1]!.text;
    if (last === '”' || last === '»') return false;
    return this.quoted![n - 1]!;
  }

  entity(m: DraftMention): LocalEntity {
    return this.entityOf.get(m)!;
  }

  /** The entity of a mention from an earlier sentence. */
  entityOfPrevious(m: DraftMention): LocalEntity | undefined {
    return this.entityOf.get(m);
  }

  /** Mentions starting at token i (whole phrase or core), longest first. */
  startingAt(i: number): DraftMention[] {
    return this.starts.get(i) ?? [];
  }

  /** Mentions ending just before token i (whole phrase or core), longest first. */
  endingAt(i: number): DraftMention[] {
    return this.ends.get(i) ?? [];
  }

  /** Mentions whose core contains token i, innermost first. */
  covering(i: number): DraftMention[] {
    return this.mentions.filter((m) => m.coreStart <= i && i < m.coreEnd).sort((a, b) => (a.coreEnd - a.coreStart) - (b.coreEnd - b.coreStart));
  }
}
