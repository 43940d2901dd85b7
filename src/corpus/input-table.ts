/**
 * What the last build read from each input file, so that the next one reads again only the files that changed: at
 * 10,000 articles, reading and hashing every file took 0.35 s of a one-article update, a stat of each takes 0.03 s.
 *
 * A file is taken as read when its size, times and inode are as recorded and it had last been modified at least
 * `racyMs` (2.5 s) before the recording build began reading. A file modified again within one tick of a coarse clock could
 * otherwise keep its times and size while its text changed (git calls such entries "racily clean").
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { writeFileAtomic } from '../graph/atomic-write.js';

const FORMAT = 2;

export interface InputTableOptions {
  /** Start afresh, ignoring what the last build recorded (its record is still replaced). */
  fresh: boolean;
  /** How long before the last build began reading a file must have been last changed for its record to be trusted. */
  racyMs: number;
  /** When this build began reading (ms since the epoch), as the next build will read it; now unless given. */
  readFrom?: number;
}

/** The racy window is wider than the coarsest common file time stamp (FAT's two seconds). */
export const INPUT_TABLE_DEFAULTS: InputTableOptions = { fresh: false, racyMs: 2500 };

/** One article of a file as the last build numbered it. */
export interface RecordedArticle {
  /** The id the file gives it. */
  raw: string;
  /** Where it is, as the article says (`feed.jsonl:3` for a line of a JSONL file). */
  file: string;
  /** Its body hash. */
  hash: string;
  /** The id the build gave it (after telling apart same-named files) and its cache key for that id; none for a duplicate text. */
  id?: string;
  key?: string;
}

export interface Fingerprint {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface RecordedFile extends Fingerprint {
  articles: RecordedArticle[];
  /** What reading it warned about, said again when it is not read. */
  warnings: string[];
}

interface TableFile {
  format: number;
  /** The cache keys' version: other extraction settings or another extractor make other keys. */
  version: string;
  /** When the recording build began reading (ms since the epoch). */
  readFrom: number;
  files: Record<string, RecordedFile>;
}

function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

function sameRecord(a: RecordedFile, b: RecordedFile): boolean {
  return sameFingerprint(a, b)
    && a.warnings.length === b.warnings.length && a.warnings.every((w, i) => w === b.warnings[i])
    && a.articles.length === b.articles.length
    && a.articles.every((x, i) => { const y = b.articles[i]!; return x.raw === y.raw && x.file === y.file && x.hash === y.hash && x.id === y.id && x.key === y.key; });
}

function fingerprintOf(s: Stats): Fingerprint {
  return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
}

export class InputTable {
  private readonly next = new Map<string, RecordedFile>();
  private changed = false;

  private constructor(private readonly path: string, private readonly version: string, private readonly last: TableFile | undefined,
    private readonly racyMs: number, private readonly readFrom: number) {}

  /** The table at `path` when it was made for keys of `version`; an empty one otherwise, or when `fresh`. */
  static load(path: string, version: string, options: Partial<InputTableOptions> = {}): InputTable {
    const o = { ...INPUT_TABLE_DEFAULTS, ...options };
    let last: TableFile | undefined;
    if (!o.fresh) try {
      const table = JSON.parse(readFileSync(path, 'utf8')) as TableFile;
      if (table.format === FORMAT && table.version === version && table.files && typeof table.readFrom === 'number') last = table;
    } catch {
      // No table (a first build), or a damaged one: every file is read.
    }
    return new InputTable(path, version, last, o.racyMs, o.readFrom ?? Date.now());
  }

  /**
   * The file's fingerprint now, to record once it is read, and what the last build read from it if it has not changed
   * since. Taken before the file is read: a file changed while being read is then read again next time.
   */
  lookup(file: string): { stats?: Fingerprint; recorded?: RecordedFile } {
    let stats: Fingerprint;
    try {
      stats = fingerprintOf(statSync(file));
    } catch {
      return {};
    }
    const last = this.last;
    const was = this.recorded(file);
    if (!last || !was || Math.max(stats.mtimeMs, stats.ctimeMs) >= last.readFrom - this.racyMs) return { stats };
    return sameFingerprint(was, stats) ? { stats, recorded: was } : { stats };
  }

  /** Records what this build found in `file`; a file whose fingerprint was unknown is not recorded, so it is read again. */
  record(file: string, stats: Fingerprint | undefined, articles: RecordedArticle[], warnings: readonly string[]): void {
    if (!stats) return;
    const now = { ...stats, articles, warnings: [...warnings] };
    this.next.set(file, now);
    const was = this.recorded(file);
    if (!was || !sameRecord(was, now)) this.changed = true;
  }

  /** What the last build recorded for `file`: an own entry only, since a path may be any name ("constructor"). */
  private recorded(file: string): RecordedFile | undefined {
    return this.last && Object.hasOwn(this.last.files, file) ? this.last.files[file] : undefined;
  }

  /** Writes the table for the next build, unless it says what the last one said. */
  save(): void {
    const before = Object.keys(this.last?.files ?? {});
    if (!this.changed && before.length === this.next.size && this.last) return;
    const table: TableFile = { format: FORMAT, version: this.version, readFrom: this.readFrom, files: Object.fromEntries(this.next) };
    writeFileAtomic(this.path, JSON.stringify(table), { durable: false });
  }
}
