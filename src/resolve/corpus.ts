/**
 * Identity across articles: the same person, organisation, place or named event in many articles becomes one node.
 * Every decision is logged so a user can audit it and override it with `sameAs` / `notSameAs`.
 */
import type { AttrValue, EntityKind, LocalEntity } from '../schema/index.js';
import { normalName, words, isAcronym, cachedInitials, expandLeadingAcronym } from './name-forms.js';
import { remembered } from '../memo.js';

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
  /** `articleId#localId` → merged entity key (made when first read: a build reads `nodesOf`). */
  readonly keyOf: Map<string, string>;
  log: MergeDecision[];
}

/**
 * What resolution reads of a local entity: everything but the mention list, of which only the length counts (so an
 * incremental rebuild can give the count alone).
 */
export type ResolveEntity = Omit<LocalEntity, 'mentions'> & { mentions: { readonly length: number } };

/** What resolution reads of an article's extraction; a CorpusExtraction is one. */
export interface ResolveInput {
  article: { id: string };
  entities: readonly ResolveEntity[];
}

/** The clusters and their node keys, before the merged entities are described. */
export interface CorpusPartition {
  /** `articleId#localId` → node key (made when first read: a rebuild that needs few keys reads `nodesOf`). */
  readonly keyOf: Map<string, string>;
  /** The node key of each of the article's entities, in entity order. */
  nodesOf(articleId: string): readonly string[];
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

/** A local entity among all the corpus's; its `articleId#localId` is made only when asked for (most never are). */
class Item {
  constructor(readonly article: string, readonly entity: ResolveEntity, readonly forms: string[]) {}
  get ref(): string {
    return `${this.article}#${this.entity.id}`;
  }
}

class UnionFind {
  private parent: number[];
  readonly reason: Array<string | undefined>;
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
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

/** Descriptions merge across articles only when they carry a real name ("the 2004 Lagos floods"), never "the statement". */
function isDistinctive(e: ResolveEntity): boolean {
  return isDistinctiveLabel(e.label);
}

/** Remembered: a corpus repeats its descriptions' labels. */
const isDistinctiveLabel = remembered((label: string) =>
  words(label).filter((w) => !/^(?:the|a|an|of|in|on|by|for|and)$/.test(w)).length >= 2 && /\p{Lu}|\d/u.test(label), 50_000);

/** Normal forms of the label and aliases, each once, in that order. */
function formsOf(e: ResolveEntity): string[] {
  const first = expandLeadingAcronym(e.label);
  const forms: string[] = first ? [first] : [];
  for (const alias of e.aliases) {
    // Most entities' first alias is their label.
    if (alias === e.label) continue;
    const form = expandLeadingAcronym(alias);
    if (form && !forms.includes(form)) forms.push(form);
  }
  return forms;
}

/** Every merged entity, sorted by key, with the merge log. */
export function resolveCorpus(extractions: readonly ResolveInput[], options: CorpusResolveOptions = {}): CorpusResolution {
  const partition = partitionCorpus(extractions, options);
  const entities: MergedEntity[] = [];
  const log: MergeDecision[] = [];
  for (const key of partition.keys) {
    const { entity, decision } = partition.describe(key);
    entities.push(entity);
    if (decision) log.push(decision);
  }
  entities.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  log.sort((a, b) => (a.into < b.into ? -1 : 1));
  return { entities, nodesOf: partition.nodesOf, get keyOf() { return partition.keyOf; }, log };
}

/**
 * Which local entities are one thing, and each cluster's node key. Describing a cluster (aliases, articles, the log
 * entry) is left to `describe`, so a rebuild that changed a few clusters describes only those.
 */
export function partitionCorpus(extractions: readonly ResolveInput[], options: CorpusResolveOptions = {}): CorpusPartition {
  const items: Item[] = [];
  /** Where each article's entities start among the items, and how many it has. */
  const spans = new Map<string, [number, number]>();
  for (const x of extractions) {
    spans.set(x.article.id, [items.length, x.entities.length]);
    for (const e of x.entities) items.push(new Item(x.article.id, e, formsOf(e)));
  }
  const uf = new UnionFind(items.length);
  const blocked = new Set((options.notSameAs ?? []).map(([a, b]) => pairKey(normalName(a), normalName(b))));
  const isBlocked = (a: Item, b: Item) => {
    if (!blocked.size) return false;
    for (const x of a.forms) for (const y of b.forms) if (blocked.has(pairKey(x, y))) return true;
    return false;
  };
  const tryUnion = (a: number, b: number, reason: string) => {
    if (!isBlocked(items[a]!, items[b]!)) uf.union(a, b, reason);
  };

  // Exact labels and shared aliases of named things, and distinctive descriptions with the same label and kind.
  const byForm = new Map<string, number[]>();
  items.forEach((item, i) => {
    const e = item.entity;
    if (e.origin === 'article') return;
    const keys = e.origin === 'name' && NAMED_KINDS.has(e.kind) ? item.forms.filter((f) => f.length > 1)
      : isDistinctive(e) ? [`${e.kind}|${normalName(e.label)}`] : [];
    for (const k of keys) {
      if (!byForm.has(k)) byForm.set(k, []);
      byForm.get(k)!.push(i);
    }
  });
  for (const [form, list] of byForm) {
    if (list.length < 2) continue;
    // A bare one-word name or acronym shared by several different full names is ambiguous: leave it alone.
    const first = list[0]!;
    const a = items[first]!.entity;
    const reason = `same name "${form.replace(/^\w+\|/, '')}"`;
    for (let k = 1; k < list.length; k++) {
      const b = items[list[k]!]!.entity;
      const sameKindFamily = a.kind === b.kind || (a.kind !== 'person' && b.kind !== 'person');
      if (!sameKindFamily && normalName(a.label) !== normalName(b.label)) continue;
      tryUnion(first, list[k]!, reason);
    }
  }

  // A bare surname, given alone in one article, joins the one full name in the corpus that ends with it.
  const fullNames = new Map<string, Set<number>>();
  items.forEach((item, i) => {
    if (item.entity.kind !== 'person' || item.entity.origin !== 'name') return;
    const w = words(item.entity.label);
    if (w.length < 2) return;
    const last = w.at(-1)!;
    if (!fullNames.has(last)) fullNames.set(last, new Set());
    fullNames.get(last)!.add(uf.find(i));
  });
  items.forEach((item, i) => {
    const e = item.entity;
    if (e.kind !== 'person' || e.origin !== 'name' || words(e.label).length !== 1) return;
    const roots = fullNames.get(words(e.label)[0]!);
    if (roots && roots.size === 1) tryUnion([...roots][0]!, i, `surname "${e.label}" has one full name in the corpus`);
  });

  // A bare acronym joins the one expansion in the corpus: index every expansion by its initials once.
  const byInitials = new Map<string, Set<number>>();
  items.forEach((other, j) => {
    if (other.entity.origin !== 'name' || other.entity.kind === 'person') return;
    for (const a of [other.entity.label, ...other.entity.aliases]) {
      if (isAcronym(a)) continue;
      for (const key of cachedInitials(a)) {
        if (key.length < 2) continue;
        if (!byInitials.has(key)) byInitials.set(key, new Set());
        byInitials.get(key)!.add(j);
      }
    }
  });
  items.forEach((item, i) => {
    const e = item.entity;
    if (e.origin !== 'name' || !isAcronym(e.label)) return;
    const key = e.label.replace(/\./g, '').toLowerCase();
    const candidates = new Set([...(byInitials.get(key) ?? []), ...(byInitials.get(key.replace(/s$/, '')) ?? [])]);
    const roots = new Set([...candidates].filter((j) => j !== i).map((j) => uf.find(j)));
    if (roots.size === 1) tryUnion([...roots][0]!, i, `acronym "${e.label}" has one expansion in the corpus`);
  });

  // The user's word is final.
  for (const [a, b] of options.sameAs ?? []) {
    const na = normalName(a);
    const nb = normalName(b);
    const ia = items.findIndex((x) => x.forms.includes(na));
    const ib = items.findIndex((x) => x.forms.includes(nb));
    if (ia >= 0 && ib >= 0) uf.union(ia, ib, `sameAs ["${a}", "${b}"] in newsgraph.config.json`);
  }

  return partition(items, uf, spans);
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function slug(text: string): string {
  return normalName(text) || text.trim().toLowerCase();
}

// Most clusters hold one local entity (a name seen in one article): the helpers below answer those without tallies.

/** The kind most mentions give the cluster, and the votes when they disagree (kept as `kindVotes`). */
function majorityKind(group: readonly Item[]): { kind: EntityKind; votes?: Partial<Record<EntityKind, number>> } {
  if (group.length === 1) return { kind: group[0]!.entity.kind };
  const votes: Partial<Record<EntityKind, number>> = {};
  for (const { entity } of group) votes[entity.kind] = (votes[entity.kind] ?? 0) + Math.max(1, entity.mentions.length);
  const ranked = (Object.entries(votes) as Array<[EntityKind, number]>).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return ranked.length > 1 ? { kind: ranked[0]![0], votes } : { kind: ranked[0]![0] };
}

/** The label most members of the winning kind use; ties go to the longer name, then alphabetical order. */
function commonestLabel(group: readonly Item[], kind: EntityKind): string {
  if (group.length === 1) return group[0]!.entity.label;
  const labels = new Map<string, number>();
  for (const { entity } of group) if (entity.kind === kind) labels.set(entity.label, (labels.get(entity.label) ?? 0) + 1);
  return [...labels.entries()].sort((a, b) => b[1] - a[1] || b[0].split(' ').length - a[0].split(' ').length || a[0].localeCompare(b[0]))[0]![0];
}

function commonestCategory(group: readonly Item[]): string | undefined {
  if (group.length === 1) return group[0]!.entity.category || undefined;
  const categories = new Map<string, number>();
  for (const { entity } of group) if (entity.category) categories.set(entity.category, (categories.get(entity.category) ?? 0) + 1);
  return [...categories.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

interface Cluster {
  members: number[];
  group: Item[];
  kind: EntityKind;
  votes?: Partial<Record<EntityKind, number>>;
  label: string;
}

function partition(items: Item[], uf: UnionFind, spans: ReadonlyMap<string, [number, number]>): CorpusPartition {
  // Members by root, the roots in the order of their first member (a root is an item's index: arrays, not a map).
  const byRoot: number[][] = new Array(items.length);
  const roots: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const r = uf.find(i);
    const members = byRoot[r];
    if (members) members.push(i);
    else {
      byRoot[r] = [i];
      roots.push(r);
    }
  }
  const clusters = new Map<string, Cluster>();
  const itemKeys: string[] = new Array(items.length);
  for (const root of roots) {
    const members = byRoot[root]!;
    const group = members.map((i) => items[i]!);
    const { kind, votes } = majorityKind(group);
    const label = commonestLabel(group, kind);
    const first = group[0]!;
    const isArticle = first.entity.origin === 'article';
    const scoped = !isArticle && first.entity.origin !== 'name' && !isDistinctive(first.entity);
    let key = isArticle ? `article:${first.article}` : scoped ? `${kind}:${slug(label)}@${first.article}` : `${kind}:${slug(label)}`;
    for (let n = 2; clusters.has(key); n++) key = `${isArticle ? `article:${first.article}` : `${kind}:${slug(label)}`}~${n}`;
    clusters.set(key, { members, group, kind, label, ...(votes ? { votes } : {}) });
    for (const i of members) itemKeys[i] = key;
  }
  const clusterOf = (key: string) => {
    const cluster = clusters.get(key);
    if (!cluster) throw new Error(`resolve: no cluster has the key "${key}"`);
    return cluster;
  };
  let keyOf: Map<string, string> | undefined;
  return {
    get keyOf() {
      if (!keyOf) {
        keyOf = new Map();
        for (let i = 0; i < items.length; i++) keyOf.set(items[i]!.ref, itemKeys[i]!);
      }
      return keyOf;
    },
    nodesOf: (articleId) => {
      const span = spans.get(articleId);
      return span ? itemKeys.slice(span[0], span[0] + span[1]) : [];
    },
    keys: [...clusters.keys()],
    describe: (key) => describeCluster(key, clusterOf(key), uf),
    reasonOf: (key) => (clusters.has(key) ? reasonsOf(clusterOf(key).members, uf) : undefined),
    articlesOf: (key) => new Set(clusters.get(key)?.group.map((item) => item.article)),
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

function describeCluster(key: string, { members, group, kind, votes, label }: Cluster, uf: UnionFind): { entity: MergedEntity; decision?: MergeDecision } {
  const attrs: Record<string, AttrValue> = {};
  for (const { entity } of group) {
    for (const k in entity.attrs) if (attrs[k] === undefined) attrs[k] = entity.attrs[k]!;
  }
  const category = commonestCategory(group);
  const entity: MergedEntity = {
    key, kind, label,
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
