/**
 * Identity across articles: the same person, organisation, place or named event in many articles becomes one node.
 * Every decision is logged so a user can audit it and override it with `sameAs` / `notSameAs`.
 */
import { ARTICLE_CATEGORY, type AttrValue, type EntityKind } from '../schema/index.js';
import { normalName } from './name-forms.js';
import { NO_KEY, type NameFacts } from './name-facts.js';
import { IdentityTable } from './identity-table.js';
import type { ResolveEntity, ResolveInput } from './resolve-input.js';

export interface MergedEntity {
  key: string;
  kind: EntityKind;
  label: string;
  aliases: string[];
  articles: string[];
  mentions: number;
  category?: string;
  attrs: Record<string, AttrValue>;
  kindVotes?: Partial<Record<EntityKind, number>>;
}

export interface MergeDecision {
  into: string;
  merged: string[];
  reason: string;
}

export interface CorpusResolution {
  entities: MergedEntity[];
  /** The node key of each of the article's entities, in entity order. */
  nodesOf(articleId: string): readonly string[];
  /** The node key of an article's local entity. */
  nodeOf(articleId: string, localId: string): string | undefined;
  /** `articleId#localId` → merged entity key (made when first read: a build reads `nodesOf`). */
  readonly keyOf: Map<string, string>;
  log: MergeDecision[];
  /** The entities as resolution read them, for the next build's state; `nodes` gives each one's node key. */
  table: IdentityTable;
  nodes: readonly string[];
}

export type { ResolveEntity, ResolveInput } from './resolve-input.js';

/** The clusters and their node keys, before the merged entities are described. */
export interface CorpusPartition {
  /** `articleId#localId` → node key (made when first read: a rebuild that needs few keys reads `nodesOf`). */
  readonly keyOf: Map<string, string>;
  /** The node key of each of the article's entities, in entity order. */
  nodesOf(articleId: string): readonly string[];
  /** The node key of an article's local entity (fast when asked article by article, as edges are gathered). */
  nodeOf(articleId: string, localId: string): string | undefined;
  /** The node key of each entity of the table, in table order. */
  nodes: readonly string[];
  /** Node keys, one per cluster. */
  keys: string[];
  /** The merged entity of node `key`, and its merge decision when it merged anything. */
  describe(key: string): { entity: MergedEntity; decision?: MergeDecision };
  /** The `reason` of node `key`'s merge decision, without describing the rest; undefined when it merged nothing. */
  reasonOf(key: string): string | undefined;
  /** The articles whose entities node `key` holds; empty for a key that is no node. */
  articlesOf(key: string): ReadonlySet<string>;
}

export interface CorpusResolveOptions {
  /** Pairs of names that are the same thing whatever the rules say. */
  sameAs?: ReadonlyArray<readonly [string, string]>;
  /** Pairs of names that must never be merged. */
  notSameAs?: ReadonlyArray<readonly [string, string]>;
}

/** A local entity with its article, for describing a cluster. */
interface Item {
  article: string;
  entity: ResolveEntity;
}

class UnionFind {
  private parent: Int32Array;
  readonly reason: Array<string | undefined>;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.reason = new Array(n);
  }
  find(i: number): number {
    while (this.parent[i] !== i) { this.parent[i] = this.parent[this.parent[i]!]!; i = this.parent[i]!; }
    return i;
  }
  union(a: number, b: number, reason: string): void {
    const x = this.find(a);
    const y = this.find(b);
    if (x === y) return;
    const [root, child] = x < y ? [x, y] : [y, x];
    this.parent[child] = root;
    this.reason[child] ??= reason;
  }
}

const NAMED_KINDS: ReadonlySet<EntityKind> = new Set(['person', 'organisation', 'place']);

/** Every merged entity, sorted by key, with the merge log. */
export function resolveCorpus(extractions: ReadonlyArray<ResolveInput & { extractorVersion?: string }>, options: CorpusResolveOptions = {}): CorpusResolution {
  const table = IdentityTable.from(extractions);
  const partition = partitionTable(table, options);
  const entities: MergedEntity[] = [];
  const log: MergeDecision[] = [];
  for (const key of partition.keys) {
    const { entity, decision } = partition.describe(key);
    entities.push(entity);
    if (decision) log.push(decision);
  }
  entities.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  log.sort((a, b) => (a.into < b.into ? -1 : 1));
  return { entities, nodesOf: partition.nodesOf, nodeOf: partition.nodeOf, get keyOf() { return partition.keyOf; }, log, table, nodes: partition.nodes };
}

/** `partitionTable` of the articles' entities, in the order given. */
export function partitionCorpus(extractions: readonly ResolveInput[], options: CorpusResolveOptions = {}): CorpusPartition {
  return partitionTable(IdentityTable.from(extractions), options);
}

/**
 * Which entities of the table are one thing, and each cluster's node key. Describing a cluster (aliases, articles,
 * the log entry) is left to `describe`, so a rebuild that changed a few clusters describes only those.
 */
export function partitionTable(table: IdentityTable, options: CorpusResolveOptions = {}): CorpusPartition {
  const n = table.size;
  const c = table.columns;
  const facts = table.nameFacts();
  const isName = (i: number) => table.origin(i) === 'name';
  const labelOf = (i: number) => c.label[i]!;
  /** Normal forms of the label and aliases, each once, in that order (most entities' first alias is their label). */
  const formsOf = (i: number): number[] => {
    const label = c.label[i]!;
    const first = facts.form(label);
    const forms = first !== NO_KEY ? [first] : [];
    for (const alias of table.aliases(i)) {
      if (alias === label) continue;
      const form = facts.form(alias);
      if (form !== NO_KEY && !forms.includes(form)) forms.push(form);
    }
    return forms;
  };
  const uf = new UnionFind(n);
  const blocked = new Set((options.notSameAs ?? []).map(([a, b]) => pairKey(normalName(a), normalName(b))));
  const isBlocked = (a: number, b: number) => {
    if (!blocked.size) return false;
    for (const x of formsOf(a)) for (const y of formsOf(b)) if (blocked.has(pairKey(facts.keys[x]!, facts.keys[y]!))) return true;
    return false;
  };
  const tryUnion = (a: number, b: number, reason: string) => {
    if (!isBlocked(a, b)) uf.union(a, b, reason);
  };

  // Exact labels and shared aliases of named things, and distinctive descriptions with the same label and kind.
  const byForm = new Map<number, number[]>();
  const file = (key: number, i: number) => {
    const list = byForm.get(key);
    if (list) list.push(i);
    else byForm.set(key, [i]);
  };
  for (let i = 0; i < n; i++) {
    const origin = table.origin(i);
    if (origin === 'article') continue;
    const kind = table.kind(i);
    if (origin === 'name' && NAMED_KINDS.has(kind)) {
      for (const form of formsOf(i)) if (facts.keys[form]!.length > 1) file(form, i);
    } else if (facts.distinctive(labelOf(i))) {
      file(facts.key(`${kind}|${facts.keys[facts.norm(labelOf(i))]}`), i);
    }
  }
  for (const [form, list] of byForm) {
    if (list.length < 2) continue;
    // A bare one-word name or acronym shared by several different full names is ambiguous: leave it alone.
    const first = list[0]!;
    const kind = table.kind(first);
    const normal = facts.norm(labelOf(first));
    const reason = `same name "${facts.keys[form]!.replace(/^\w+\|/, '')}"`;
    for (let k = 1; k < list.length; k++) {
      const b = list[k]!;
      const other = table.kind(b);
      const sameKindFamily = kind === other || (kind !== 'person' && other !== 'person');
      if (!sameKindFamily && normal !== facts.norm(labelOf(b))) continue;
      tryUnion(first, b, reason);
    }
  }

  // A bare surname, given alone in one article, joins the one full name in the corpus that ends with it.
  const isPersonName = (i: number) => isName(i) && table.kind(i) === 'person';
  const fullNames = new Map<number, Set<number>>();
  for (let i = 0; i < n; i++) {
    if (!isPersonName(i)) continue;
    const label = labelOf(i);
    if (facts.wordCount(label) < 2) continue;
    const last = facts.lastWord(label);
    let roots = fullNames.get(last);
    if (!roots) fullNames.set(last, (roots = new Set()));
    roots.add(uf.find(i));
  }
  for (let i = 0; i < n; i++) {
    if (!isPersonName(i)) continue;
    const label = labelOf(i);
    if (facts.wordCount(label) !== 1) continue;
    const roots = fullNames.get(facts.firstWord(label));
    if (roots && roots.size === 1) tryUnion([...roots][0]!, i, `surname "${table.strings[label]}" has one full name in the corpus`);
  }

  // A bare acronym joins the one expansion in the corpus: index every expansion by its initials once.
  const byInitials = new Map<number, Set<number>>();
  const index = (s: number, j: number) => {
    for (const key of facts.initials(s)) {
      let set = byInitials.get(key);
      if (!set) byInitials.set(key, (set = new Set()));
      set.add(j);
    }
  };
  for (let j = 0; j < n; j++) {
    if (!isName(j) || table.kind(j) === 'person') continue;
    index(c.label[j]!, j);
    for (const alias of table.aliases(j)) index(alias, j);
  }
  for (let i = 0; i < n; i++) {
    const label = labelOf(i);
    if (!isName(i) || facts.acronym(label) === NO_KEY) continue;
    const candidates = new Set([...(byInitials.get(facts.acronym(label)) ?? []), ...(byInitials.get(facts.acronymSingular(label)) ?? [])]);
    const roots = new Set([...candidates].filter((j) => j !== i).map((j) => uf.find(j)));
    if (roots.size === 1) tryUnion([...roots][0]!, i, `acronym "${table.strings[label]}" has one expansion in the corpus`);
  }

  // The user's word is final.
  for (const [a, b] of options.sameAs ?? []) {
    const na = facts.key(normalName(a));
    const nb = facts.key(normalName(b));
    let ia = -1;
    let ib = -1;
    for (let i = 0; i < n && (ia < 0 || ib < 0); i++) {
      const forms = formsOf(i);
      if (ia < 0 && forms.includes(na)) ia = i;
      if (ib < 0 && forms.includes(nb)) ib = i;
    }
    if (ia >= 0 && ib >= 0) uf.union(ia, ib, `sameAs ["${a}", "${b}"] in newsgraph.config.json`);
  }

  return partition(table, facts, uf);
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * An entity's category as its node may show it. `article` marks the node of an article itself, so a document the
 * text calls an article ("the editorial", "an op-ed": the word lists class them together) does not keep it.
 */
function categoryOf(entity: ResolveEntity): string | undefined {
  return entity.category === ARTICLE_CATEGORY && entity.origin !== 'article' ? undefined : entity.category;
}

function commonestCategory(group: readonly Item[]): string | undefined {
  // Most clusters have at most one category among their members: no tally.
  let only: string | undefined;
  for (const { entity } of group) {
    const category = categoryOf(entity);
    if (!category || category === only) continue;
    if (only !== undefined) return tallyCategories(group);
    only = category;
  }
  return only;
}

function tallyCategories(group: readonly Item[]): string | undefined {
  const categories = new Map<string, number>();
  for (const { entity } of group) {
    const category = categoryOf(entity);
    if (category) categories.set(category, (categories.get(category) ?? 0) + 1);
  }
  return [...categories.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

interface Cluster {
  members: number[];
  kind: EntityKind;
  votes?: Partial<Record<EntityKind, number>>;
  /** String id. */
  label: number;
}

/** The kind most mentions give the cluster, and the votes when they disagree (kept as `kindVotes`). */
function majorityKind(table: IdentityTable, members: readonly number[]): { kind: EntityKind; votes?: Partial<Record<EntityKind, number>> } {
  const first = table.columns.kind[members[0]!]!;
  // Most clusters agree on their kind: no tally.
  if (members.every((i) => table.columns.kind[i] === first)) return { kind: table.kind(members[0]!) };
  const votes: Partial<Record<EntityKind, number>> = {};
  for (const i of members) {
    const kind = table.kind(i);
    votes[kind] = (votes[kind] ?? 0) + Math.max(1, table.columns.mentions[i]!);
  }
  const ranked = (Object.entries(votes) as Array<[EntityKind, number]>).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return ranked.length > 1 ? { kind: ranked[0]![0], votes } : { kind: ranked[0]![0] };
}

/**
 * The label (as a string id) most members of the winning kind use; ties go to the longer name, then alphabetical
 * order. Counted by text: an updated table may hold a string under two ids.
 */
function commonestLabel(table: IdentityTable, members: readonly number[], kind: EntityKind): number {
  const { strings, columns } = table;
  if (members.length === 1) return columns.label[members[0]!]!;
  const labels = new Map<string, { id: number; count: number }>();
  for (const i of members) {
    if (table.kind(i) !== kind) continue;
    const label = strings[columns.label[i]!]!;
    const seen = labels.get(label);
    if (seen) seen.count++;
    else labels.set(label, { id: columns.label[i]!, count: 1 });
  }
  const words = (label: string) => label.split(' ').length;
  return [...labels].sort(([a, x], [b, y]) => y.count - x.count || words(b) - words(a) || a.localeCompare(b))[0]![1].id;
}

function partition(table: IdentityTable, facts: NameFacts, uf: UnionFind): CorpusPartition {
  const n = table.size;
  const { strings, columns } = table;
  // Members by root, the roots in the order of their first member (a root is an entity's index: arrays, not a map).
  const byRoot: number[][] = new Array(n);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    const members = byRoot[r];
    if (members) members.push(i);
    else {
      byRoot[r] = [i];
      roots.push(r);
    }
  }
  const slug = (label: number) => facts.keys[facts.norm(label)]! || strings[label]!.trim().toLowerCase();
  const clusters = new Map<string, Cluster>();
  const nodes: string[] = new Array(n);
  for (const root of roots) {
    const members = byRoot[root]!;
    const { kind, votes } = majorityKind(table, members);
    const label = commonestLabel(table, members, kind);
    const first = members[0]!;
    const article = table.articleId(first);
    const origin = table.origin(first);
    const isArticle = origin === 'article';
    const scoped = !isArticle && origin !== 'name' && !facts.distinctive(columns.label[first]!);
    let key = isArticle ? `article:${article}` : scoped ? `${kind}:${slug(label)}@${article}` : `${kind}:${slug(label)}`;
    for (let k = 2; clusters.has(key); k++) key = `${isArticle ? `article:${article}` : `${kind}:${slug(label)}`}~${k}`;
    clusters.set(key, { members, kind, label, ...(votes ? { votes } : {}) });
    for (const i of members) nodes[i] = key;
  }
  const clusterOf = (key: string) => {
    const cluster = clusters.get(key);
    if (!cluster) throw new Error(`resolve: no cluster has the key "${key}"`);
    return cluster;
  };
  const articleIndex = new Map(table.articleIds.map((id, a) => [id, a]));
  const nodesOf = (articleId: string): readonly string[] => {
    const a = articleIndex.get(articleId);
    return a === undefined ? [] : nodes.slice(table.articleStart[a]!, table.articleStart[a + 1]!);
  };
  // Edges are gathered article by article, so one small map of the current article's local ids does.
  let current: string | undefined;
  let local = new Map<string, string>();
  const nodeOf = (articleId: string, localId: string): string | undefined => {
    if (articleId !== current) {
      local = new Map();
      const a = articleIndex.get(articleId);
      if (a !== undefined) for (let i = table.articleStart[a]!; i < table.articleStart[a + 1]!; i++) local.set(strings[columns.localId[i]!]!, nodes[i]!);
      current = articleId;
    }
    return local.get(localId);
  };
  let keyOf: Map<string, string> | undefined;
  return {
    get keyOf() {
      if (!keyOf) {
        keyOf = new Map();
        for (let i = 0; i < n; i++) keyOf.set(`${table.articleId(i)}#${strings[columns.localId[i]!]}`, nodes[i]!);
      }
      return keyOf;
    },
    nodes, nodesOf, nodeOf,
    keys: [...clusters.keys()],
    describe: (key) => describeCluster(key, clusterOf(key), table, uf),
    reasonOf: (key) => (clusters.has(key) ? reasonsOf(clusterOf(key).members, uf) : undefined),
    articlesOf: (key) => new Set(clusters.get(key)?.members.map((i) => table.articleId(i))),
  };
}

/** Why a cluster's members joined it, each reason once, in member order; undefined for a cluster of one. */
function reasonsOf(members: readonly number[], uf: UnionFind): string | undefined {
  const reasons = new Set<string>();
  for (let i = 1; i < members.length; i++) {
    const reason = uf.reason[members[i]!];
    if (reason) reasons.add(reason);
  }
  return reasons.size ? [...reasons].join('; ') : undefined;
}

function describeCluster(key: string, { members, kind, votes, label }: Cluster, table: IdentityTable, uf: UnionFind): { entity: MergedEntity; decision?: MergeDecision } {
  const group: Item[] = members.map((i) => ({ article: table.articleId(i), entity: table.entity(i) }));
  const attrs: Record<string, AttrValue> = {};
  for (const { entity } of group) {
    for (const k in entity.attrs) if (attrs[k] === undefined) attrs[k] = entity.attrs[k]!;
  }
  const category = commonestCategory(group);
  const entity: MergedEntity = {
    key, kind, label: table.strings[label]!,
    aliases: [...new Set(group.flatMap(({ entity: e }) => [e.label, ...e.aliases]))].sort(),
    articles: [...new Set(group.map((g) => g.article))].sort(),
    mentions: group.reduce((n, { entity: e }) => n + Math.max(1, e.mentions.length), 0),
    ...(category ? { category } : {}),
    attrs,
    ...(votes ? { kindVotes: votes } : {}),
  };
  const reason = reasonsOf(members, uf);
  if (!reason) return { entity };
  return { entity, decision: { into: key, merged: group.map((g) => `${g.article}: ${g.entity.label}`), reason } };
}
