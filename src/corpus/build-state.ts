/**
 * What a build leaves for the next one, so adding an article need not re-read every extraction: one compact line
 * per article (its metadata and its relations without sentence text), the identity table (every entity, with the
 * node it went to: resolve/identity-table.ts) and a manifest of the files the build wrote. The next build trusts them
 * only while nothing else has touched those files.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ArticleMeta, CorpusExtraction, LocalCoMention, LocalRelation, RelationId } from '../schema/index.js';
import type { Settings } from '../config/settings.js';
import { writeFileAtomic } from '../graph/atomic-write.js';
import { IdentityTable } from '../resolve/identity-table.js';
import { coMentionsPathFor } from '../graph/co-mention-file.js';
import { openPhrase } from '../graph/build.js';

const FORMAT = 8;

/** A relation of the index; an open relation adds its predicate phrase. */
type CompactRelation = [source: string, relation: RelationId, target: string, confidence: number, start: number, end: number, sentenceStart: number, header: 0 | 1, phrase?: string];

/** One article as the index keeps it. The first three fields lead each line, so a plan can read them alone. */
export interface IndexRecord {
  id: string;
  /** Cache key: article text, metadata and extractor version. */
  key: string;
  file: string;
  meta: ArticleMeta;
  /** Co-mentions, as the extraction has them. */
  c: LocalCoMention[];
  r: CompactRelation[];
}

export function indexRecord(x: CorpusExtraction, key: string): IndexRecord {
  return {
    id: x.article.id, key, file: x.article.file, meta: x.article, c: x.coMentions ?? [],
    r: x.relations.map((r) => {
      const compact: CompactRelation = [r.source, r.relation, r.target, r.confidence, r.evidence.start, r.evidence.end, r.evidence.sentenceStart, r.evidence.source === 'header' ? 1 : 0];
      const phrase = openPhrase(r);
      if (phrase !== undefined) compact.push(phrase);
      return compact;
    }),
  };
}

/** The record's relations (those whose ends' local ids pass `keep`, when given) as edge building reads them: without sentence text. */
export function relationsOf(record: Pick<IndexRecord, 'r'>, keep?: (source: string, target: string) => boolean): LocalRelation[] {
  const kept = keep ? record.r.filter(([source, , target]) => keep(source, target)) : record.r;
  return kept.map(([source, relation, target, confidence, start, end, sentenceStart, header, phrase]) => ({
    source, relation, target, confidence,
    evidence: { sentence: '', start, end, sentenceStart, ...(header ? { source: 'header' as const } : {}) },
    ...(phrase === undefined ? {} : { label: phrase, open: true as const }),
  }));
}

interface Fingerprint {
  size: number;
  mtimeMs: number;
}

function fingerprint(file: string): Fingerprint | undefined {
  try {
    const s = statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return undefined;
  }
}

/** The files a build writes that the next one reads back. */
const ROLES = ['graph', 'merges', 'coMentions', 'index', 'identities'] as const;

interface Manifest {
  format: number;
  settings: string;
  nodes: number;
  edges: number;
  /** Each file the build wrote, as it left it. */
  files: Partial<Record<(typeof ROLES)[number], Fingerprint>>;
}

/** Where a graph's state lies: beside the extraction cache, named after the graph file. */
export interface StateFiles {
  graph: string;
  merges: string;
  /** co-mentions.json beside the graph (graph/co-mention-file.ts). */
  coMentions: string;
  index: string;
  /** The identity table (resolve/identity-table.ts) with each entity's node. */
  identities: string;
  manifest: string;
  /** What the last build read from each input file (input-table.ts). */
  inputs: string;
}

export function stateFiles(out: string, merges: string, cacheDir: string): StateFiles {
  const stem = basename(out).replace(/\.json$/i, '');
  const dir = join(cacheDir, 'state');
  return {
    graph: out, merges, coMentions: coMentionsPathFor(out),
    index: join(dir, `${stem}.index.jsonl`),
    identities: join(dir, `${stem}.identities.bin`),
    manifest: join(dir, `${stem}.manifest.json`),
    inputs: join(dir, `${stem}.inputs.json`),
  };
}

/** The settings a graph depends on, hashed: other settings than last time mean a full rebuild. */
function settingsHash(settings: Settings): string {
  // A language model's settings reach the graph through the cache keys (model, prompt, budget): another timeout or
  // URL rebuilds nothing.
  const { llm: _llm, ...shaping } = settings;
  return createHash('sha256').update(JSON.stringify(shaping)).digest('hex').slice(0, 16);
}

/** An article of the last build: what a plan reads, and its index line, parsed only where an update needs it. */
export interface IndexEntry {
  id: string;
  key: string;
  file: string;
  /** The line as read, new line included, so an unchanged article's line is written back as it is. */
  line: string;
  /** The record's meta, co-mentions and relations, each parsed alone when first read. */
  readonly meta: ArticleMeta;
  readonly c: LocalCoMention[];
  readonly r: CompactRelation[];
}

export interface BuildState {
  /** In article id order. */
  entries: IndexEntry[];
  nodes: number;
  edges: number;
}

const LEAD = /^\{"id":("(?:[^"\\]|\\.)*"),"key":"([0-9a-f]+)","file":("(?:[^"\\]|\\.)*"),/;

/**
 * An entry whose meta, co-mentions and relations are parsed when first read: an update reads the relations of few
 * articles and the meta of fewer. Relations come last, co-mentions before them and meta before those; `,"r":[` and
 * `,"c":[` cannot occur inside a JSON string (their quote would be escaped), and no meta field is so named.
 */
function indexEntry(line: string): IndexEntry | undefined {
  const lead = LEAD.exec(line);
  if (!lead) return undefined;
  let meta: ArticleMeta | undefined;
  let coMentions: LocalCoMention[] | undefined;
  let relations: CompactRelation[] | undefined;
  const part = <T>(name: string, from: number, to: number): T => {
    if (from < 0 || to < from) throw new SyntaxError(`no ${name} in the index line of ${lead[1]}`);
    return JSON.parse(line.slice(from, to)) as T;
  };
  return {
    id: JSON.parse(lead[1]!) as string, key: lead[2]!, file: JSON.parse(lead[3]!) as string, line: `${line}\n`,
    get meta() {
      const at = line.indexOf(',"meta":');
      return (meta ??= part<ArticleMeta>('meta', at < 0 ? -1 : at + 8, line.indexOf(',"c":[')));
    },
    get c() {
      const at = line.indexOf(',"c":[');
      return (coMentions ??= part<LocalCoMention[]>('co-mentions', at < 0 ? -1 : at + 5, line.lastIndexOf(',"r":[')));
    },
    get r() {
      const at = line.lastIndexOf(',"r":[');
      return (relations ??= part<CompactRelation[]>('relations', at < 0 ? -1 : at + 5, line.length - 1));
    },
  };
}

/** The last build's state, or why it cannot be used. */
export function loadBuildState(files: StateFiles, settings: Settings): BuildState | string {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(files.manifest, 'utf8')) as Manifest;
  } catch {
    return 'no state from an earlier build';
  }
  if (manifest.format !== FORMAT) return 'the state of the last build is in an older format';
  if (manifest.settings !== settingsHash(settings)) return 'the settings changed';
  for (const role of ROLES) {
    const file = files[role];
    const was = manifest.files[role];
    const now = fingerprint(file);
    if (!was || !now || was.size !== now.size || was.mtimeMs !== now.mtimeMs) return `${file} changed since the last build`;
  }
  let text: string;
  try {
    text = readFileSync(files.index, 'utf8');
  } catch {
    return `${files.index}: unreadable`;
  }
  const entries: IndexEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const entry = indexEntry(line);
    if (!entry) return `${files.index}: damaged`;
    entries.push(entry);
  }
  return { entries, nodes: manifest.nodes, edges: manifest.edges };
}

/** The identity table of the build, each entity with its node key (in table order). */
export function writeIdentities(files: StateFiles, table: IdentityTable, nodes: readonly string[]): void {
  writeFileAtomic(files.identities, table.withNodes(nodes).encode(), { durable: false });
}

/** The last build's identity table, or why it cannot be used: it must hold the index's articles, in its order. */
export function readIdentities(files: StateFiles, state: BuildState): IdentityTable | string {
  let table: IdentityTable;
  try {
    table = IdentityTable.decode(readFileSync(files.identities));
  } catch (error) {
    return `${files.identities}: unreadable (${(error as Error).message})`;
  }
  const ids = table.articleIds;
  if (ids.length !== state.entries.length || state.entries.some((entry, a) => entry.id !== ids[a])) return `${files.identities}: does not match the index`;
  return table;
}

/** Index lines in article id order, each ending in a new line. */
export function writeIndex(files: StateFiles, lines: Iterable<string>): void {
  writeFileAtomic(files.index, lines, { durable: false });
}

/** Written last: it vouches for the files written before it, as they are now. */
export function writeManifest(files: StateFiles, settings: Settings, counts: { nodes: number; edges: number }): void {
  const manifest: Manifest = { format: FORMAT, settings: settingsHash(settings), ...counts, files: {} };
  for (const role of ROLES) {
    const now = fingerprint(files[role]);
    if (now) manifest.files[role] = now;
  }
  writeFileAtomic(files.manifest, JSON.stringify(manifest), { durable: false });
}
