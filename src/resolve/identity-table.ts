/**
 * The corpus's entities as identity resolution reads them, in columns: every id, label, alias, category and node key
 * is a number into one list of strings. A 10k-article corpus has about 590k name occurrences but 31k
 * distinct names, so the rules ask each question once per name (corpus.ts), and a build keeps the table with its
 * state, so an update reads it back instead of parsing every article's entities.
 */
import type { AttrValue, EntityKind } from '../schema/index.js';
import type { ResolveEntity, ResolveInput } from './resolve-input.js';
import { NameFacts, type SavedFacts } from './name-facts.js';
import { extractorVersion } from '../extract/version.js';
import { numberOf, within } from './numbering.js';

const ORIGINS = ['name', 'description', 'article'] as const;
type Origin = ResolveEntity['origin'];

/** No string: an entity without a category, attributes or node yet. */
export const NONE = -1;

/** Column names, in the order a table file holds them; `aliasList` runs on from `aliasStart`. */
const ENTITY_COLUMNS = ['localId', 'kind', 'origin', 'label', 'mentions', 'category', 'attrs', 'node'] as const;
type EntityColumn = (typeof ENTITY_COLUMNS)[number];
/** The entity columns that hold string ids. */
const STRING_COLUMNS = ['localId', 'label', 'category', 'attrs', 'node'] as const;

const FORMAT = 3;

interface Header {
  format: number;
  kinds: EntityKind[];
  origins: Origin[];
  strings: number;
  articles: number;
  entities: number;
  aliases: number;
  /** How many strings the table had when last numbered afresh (see `numbered`). */
  numbered: number;
  /** The name facts' sizes, and the version of the rules that worked them out. */
  facts: { version: string; keys: number; strings: number; initials: number } | null;
}

/** What a table may come with besides its columns. */
interface Extras {
  /** The entities themselves where the table was made from them: a full build describes every one. */
  originals?: ReadonlyArray<ResolveEntity | undefined>;
  /** Name facts about the first strings, as a table file kept them. */
  facts?: SavedFacts;
  /** See `IdentityTable.numbered`. */
  numbered?: number;
}

// Most entities have no attributes: one shared empty object for all of them.
const NO_ATTRS: Record<string, AttrValue> = Object.freeze({});

export class IdentityTable {
  /** The article of each entity, as an index into `articleIds`. */
  readonly art: Int32Array;

  constructor(
    readonly strings: readonly string[],
    /** Article ids in table order. */
    readonly articleIds: readonly string[],
    /** Where each article's entities begin; one more entry than articles. */
    readonly articleStart: Int32Array,
    /** Each article's extractor version, as a string id. */
    readonly version: Int32Array,
    readonly columns: Readonly<Record<EntityColumn, Int32Array>>,
    /** Where each entity's aliases begin in `aliasList`; one more entry than entities. */
    readonly aliasStart: Int32Array,
    readonly aliasList: Int32Array,
    /** Kind names, by the numbers in the `kind` column. */
    readonly kindList: readonly EntityKind[],
    private readonly extras: Extras = {},
  ) {
    this.art = new Int32Array(columns.kind.length);
    for (let a = 0; a < articleIds.length; a++) this.art.fill(a, articleStart[a]!, articleStart[a + 1]!);
  }

  get size(): number {
    return this.columns.kind.length;
  }

  /**
   * How many strings the table had when its strings were last numbered afresh, each text once. An update adds the
   * strings of its articles without looking them up, so texts repeat; once the strings double, they are numbered
   * afresh (`withNodes`), so a corpus kept up to date one article at a time keeps a table of its size.
   */
  get numbered(): number {
    return this.extras.numbered ?? this.strings.length;
  }

  kind(i: number): EntityKind {
    return this.kindList[this.columns.kind[i]!]!;
  }

  origin(i: number): Origin {
    return ORIGINS[this.columns.origin[i]!]!;
  }

  /** The string ids of entity `i`'s aliases. */
  aliases(i: number): Int32Array {
    return this.aliasList.subarray(this.aliasStart[i]!, this.aliasStart[i + 1]!);
  }

  articleId(i: number): string {
    return this.articleIds[this.art[i]!]!;
  }

  private facts: NameFacts | undefined;

  /** What the rules ask of this table's names, from what the last table file kept and worked out as asked. */
  nameFacts(): NameFacts {
    return (this.facts ??= new NameFacts(this.strings, this.extras.facts));
  }

  /** The facts to keep with this table, or with one made from it. */
  savedFacts(): SavedFacts | undefined {
    return this.facts?.save() ?? this.extras.facts;
  }

  /** Entity `i` as resolution's describe step reads it. */
  entity(i: number): ResolveEntity {
    const original = this.extras.originals?.[i];
    if (original) return original;
    const c = this.columns;
    const s = this.strings;
    const attrs = c.attrs[i]! === NONE ? NO_ATTRS : (JSON.parse(s[c.attrs[i]!]!) as Record<string, AttrValue>);
    return {
      id: s[c.localId[i]!]!, kind: this.kind(i), origin: this.origin(i), label: s[c.label[i]!]!,
      aliases: Array.from(this.aliases(i), (id) => s[id]!), mentions: { length: c.mentions[i]! }, attrs,
      ...(c.category[i]! !== NONE ? { category: s[c.category[i]!]! } : {}),
    };
  }

  /** The table of `inputs`, in their order. */
  static from(inputs: ReadonlyArray<ResolveInput & { extractorVersion?: string }>): IdentityTable {
    const builder = new TableBuilder();
    for (const x of inputs) builder.add(x);
    return builder.finish();
  }

  /**
   * Sets each entity's node key (in table order) on a finished table, for the next build to compare with. An entity
   * whose node is unchanged keeps its string; others get new ones, so a text may repeat until the strings are numbered
   * afresh.
   */
  withNodes(nodes: readonly string[]): IdentityTable {
    const strings = [...this.strings];
    const added = new Map<string, number>();
    const node = this.columns.node.slice();
    for (let i = 0; i < nodes.length; i++) {
      if (node[i] !== NONE && strings[node[i]!] === nodes[i]) continue;
      node[i] = numberOf(added, strings, nodes[i]!);
    }
    const numbered = this.extras.numbered ?? strings.length;
    const columns = { ...this.columns, node };
    if (strings.length > 2 * numbered) return renumbered(this, strings, columns);
    const facts = this.savedFacts();
    return new IdentityTable(strings, this.articleIds, this.articleStart, this.version, columns, this.aliasStart, this.aliasList,
      this.kindList, { numbered, ...(facts ? { facts } : {}) });
  }

  /** The table as bytes: a JSON header, the string, article and fact-key lists, then the columns (int32 in the machine's byte order: the state never leaves the machine). */
  encode(): Uint8Array[] {
    const facts = this.savedFacts();
    const header: Header = {
      format: FORMAT, kinds: [...this.kindList], origins: [...ORIGINS], strings: this.strings.length,
      articles: this.articleIds.length, entities: this.size, aliases: this.aliasList.length, numbered: this.numbered,
      facts: facts ? { version: extractorVersion(), keys: facts.keys.length, strings: facts.columns[0]!.length, initials: facts.initials.length } : null,
    };
    const text = `${JSON.stringify(header)}\n${JSON.stringify(this.strings)}\n${JSON.stringify(this.articleIds)}\n${JSON.stringify(facts?.keys ?? [])}\n`;
    const head = Buffer.from(text, 'utf8');
    const columns = [this.articleStart, this.version, ...ENTITY_COLUMNS.map((name) => this.columns[name]), this.aliasStart, this.aliasList,
      ...(facts ? [...facts.columns, facts.initials] : [])];
    return [head, new Uint8Array(padding(head.length)), ...columns.map((c) => new Uint8Array(c.buffer, c.byteOffset, c.byteLength))];
  }

  /** A table from `encode`'s bytes; throws on anything else. */
  static decode(bytes: Uint8Array): IdentityTable {
    let at = 0;
    const line = () => {
      const end = bytes.indexOf(0x0a, at);
      if (end < 0) throw new Error('identity table: truncated');
      const text = Buffer.from(bytes.buffer, bytes.byteOffset + at, end - at).toString('utf8');
      at = end + 1;
      return JSON.parse(text) as unknown;
    };
    const header = line() as Header;
    if (header.format !== FORMAT) throw new Error('identity table: another format');
    if (header.origins.join() !== ORIGINS.join()) throw new Error('identity table: other origins');
    const sizes = [header.strings, header.articles, header.entities, header.aliases, header.numbered, ...(header.facts ? [header.facts.keys, header.facts.strings, header.facts.initials] : [])];
    if (!sizes.every((n) => Number.isInteger(n) && n >= 0)) throw new Error('identity table: damaged');
    const strings = line() as string[];
    const articleIds = line() as string[];
    const factKeys = line() as string[];
    at += padding(at);
    const column = (length: number) => {
      const bytesLength = length * 4;
      if (at + bytesLength > bytes.length) throw new Error('identity table: truncated');
      // A copy: the file's buffer need not be aligned for an Int32Array.
      const c = new Int32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + bytesLength));
      at += bytesLength;
      return c;
    };
    const articleStart = column(header.articles + 1);
    const version = column(header.articles);
    const columns = {} as Record<EntityColumn, Int32Array>;
    for (const name of ENTITY_COLUMNS) columns[name] = column(header.entities);
    const aliasStart = column(header.entities + 1);
    const aliasList = column(header.aliases);
    let facts: SavedFacts | undefined;
    if (header.facts) {
      const saved = { keys: factKeys, columns: Array.from({ length: NameFacts.columnCount }, () => column(header.facts!.strings)), initials: column(header.facts.initials) };
      // Facts worked out by other rules are worked out again.
      if (header.facts.version === extractorVersion() && factKeys.length === header.facts.keys) facts = saved;
    }
    if (at !== bytes.length || strings.length !== header.strings || articleIds.length !== header.articles) throw new Error('identity table: damaged');
    // Every number must point where it may: a table damaged in place must not send the rules astray.
    const n = strings.length;
    const ok = starts(articleStart, header.entities) && starts(aliasStart, header.aliases) && within(version, NONE, n)
      && within(columns.localId, 0, n) && within(columns.kind, 0, header.kinds.length) && within(columns.origin, 0, ORIGINS.length)
      && within(columns.label, 0, n) && within(columns.mentions, 0, 2 ** 31 - 1) && within(columns.category, NONE, n)
      && within(columns.attrs, NONE, n) && within(columns.node, NONE, n) && within(aliasList, 0, n) && (!facts || NameFacts.fit(facts, n));
    if (!ok) throw new Error('identity table: damaged');
    return new IdentityTable(strings, articleIds, articleStart, version, columns, aliasStart, aliasList, header.kinds, { numbered: header.numbered, ...(facts ? { facts } : {}) });
  }
}

/** Whether `column` starts at 0, never falls, and ends at `end`: where each article's entities or entity's aliases begin. */
function starts(column: Int32Array, end: number): boolean {
  for (let i = 1; i < column.length; i++) if (column[i]! < column[i - 1]!) return false;
  return column[0] === 0 && column[column.length - 1] === end;
}

/**
 * `table` with `strings` and `columns` numbered afresh: each text once, in order of first use, strings no column uses
 * dropped. Name facts are numbered by string, so they are left to be worked out again.
 */
function renumbered(table: IdentityTable, strings: readonly string[], columns: Readonly<Record<EntityColumn, Int32Array>>): IdentityTable {
  const ids = new Map<string, number>();
  const next: string[] = [];
  const to = new Int32Array(strings.length).fill(NONE);
  const map = (column: Int32Array) => column.map((id) => (id === NONE ? NONE : to[id] !== NONE ? to[id]! : (to[id] = numberOf(ids, next, strings[id]!))));
  const version = map(table.version);
  const remapped = { ...columns };
  for (const name of STRING_COLUMNS) remapped[name] = map(columns[name]);
  const aliasList = map(table.aliasList);
  return new IdentityTable(next, table.articleIds, table.articleStart, version, remapped, table.aliasStart, aliasList, table.kindList);
}

/** Bytes to the next multiple of four. */
const padding = (n: number) => (4 - (n % 4)) % 4;

/** Growable int32 column. */
class Column {
  private data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  pushAll(values: Int32Array): void {
    if (this.length + values.length > this.data.length) this.grow(this.length + values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }
  private grow(atLeast: number): void {
    const next = new Int32Array(Math.max(atLeast, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
  finish(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Makes a table article by article, from inputs or from another table's articles. Built on `base`, it shares the
 * base's string ids, so its articles are copied as numbers; strings no article uses any more stay until the strings are
 * numbered afresh (`withNodes`).
 */
export class TableBuilder {
  private readonly strings: string[];
  private readonly ids = new Map<string, number>();
  private readonly articleIds: string[] = [];
  private readonly articleStart = new Column();
  private readonly version = new Column();
  private readonly columns = Object.fromEntries(ENTITY_COLUMNS.map((name) => [name, new Column()])) as Record<EntityColumn, Column>;
  private readonly aliasStart = new Column();
  private readonly aliasList = new Column();
  private readonly originals: Array<ResolveEntity | undefined> = [];
  private readonly kinds: EntityKind[];
  private readonly kindIds: Map<EntityKind, number>;

  constructor(private readonly base?: IdentityTable) {
    this.strings = base ? [...base.strings] : [];
    this.kinds = base ? [...base.kindList] : [];
    this.kindIds = new Map(this.kinds.map((k, i) => [k, i]));
    this.aliasStart.push(0);
  }

  /**
   * The id of `s`. A fresh builder gives equal strings one id. One built on a base looks up only the strings added
   * since: a map of the base's strings would cost an update more than the few repeats it saves.
   */
  intern(s: string): number {
    return numberOf(this.ids, this.strings, s);
  }

  private kindId(kind: EntityKind): number {
    return numberOf(this.kindIds, this.kinds, kind);
  }

  add(x: ResolveInput & { extractorVersion?: string }): void {
    this.articleIds.push(x.article.id);
    this.articleStart.push(this.columns.kind.length);
    this.version.push(x.extractorVersion === undefined ? NONE : this.intern(x.extractorVersion));
    const c = this.columns;
    for (const e of x.entities) {
      c.localId.push(this.intern(e.id));
      c.kind.push(this.kindId(e.kind));
      c.origin.push(ORIGINS.indexOf(e.origin));
      c.label.push(this.intern(e.label));
      c.mentions.push(e.mentions.length);
      c.category.push(e.category ? this.intern(e.category) : NONE);
      c.attrs.push(Object.keys(e.attrs).length ? this.intern(JSON.stringify(e.attrs)) : NONE);
      c.node.push(NONE);
      for (const alias of e.aliases) this.aliasList.push(this.intern(alias));
      this.aliasStart.push(this.aliasList.length);
      this.originals.push(e);
    }
  }

  /** Article `a` of the base table, as it is there (its last node keys included). */
  copy(a: number): void {
    const base = this.base!;
    this.articleIds.push(base.articleIds[a]!);
    this.articleStart.push(this.columns.kind.length);
    this.version.push(base.version[a]!);
    const start = base.articleStart[a]!;
    const end = base.articleStart[a + 1]!;
    // The builder starts with the base's strings and kinds, so their ids hold here.
    for (const name of ENTITY_COLUMNS) this.columns[name].pushAll(base.columns[name].subarray(start, end));
    const shift = this.aliasList.length - base.aliasStart[start]!;
    for (let i = start; i < end; i++) this.aliasStart.push(base.aliasStart[i + 1]! + shift);
    this.aliasList.pushAll(base.aliasList.subarray(base.aliasStart[start]!, base.aliasStart[end]!));
    this.originals.length += end - start;
  }

  finish(): IdentityTable {
    this.articleStart.push(this.columns.kind.length);
    const columns = Object.fromEntries(ENTITY_COLUMNS.map((name) => [name, this.columns[name].finish()])) as Record<EntityColumn, Int32Array>;
    const facts = this.base?.savedFacts();
    return new IdentityTable(this.strings, this.articleIds, this.articleStart.finish(), this.version.finish(), columns,
      this.aliasStart.finish(), this.aliasList.finish(), this.kinds,
      { originals: this.originals, ...(facts ? { facts } : {}), ...(this.base ? { numbered: this.base.numbered } : {}) });
  }
}
