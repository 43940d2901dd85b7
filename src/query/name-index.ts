/**
 * Normalised names of every node, indexed for exact look-up by label or alias and for fuzzy look-up by word.
 */
import type { NewsGraph } from '../graph/io.js';
import { graphCache } from './graph-cache.js';
import { normalise, tokens } from './text.js';

export interface NodeForms {
  key: string;
  /** Normalised label first, then normalised aliases that differ from it. */
  forms: string[];
  /** The original text of each form. */
  originals: string[];
}

export interface NameIndex {
  nodes: NodeForms[];
  byKey: Map<string, NodeForms>;
  byLabel: Map<string, string[]>;
  byAlias: Map<string, Array<{ key: string; alias: string }>>;
  byToken: Map<string, string[]>;
  /** Distinct words, bucketed by length, for typo-tolerant look-up. */
  wordsByLength: string[][];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function build(graph: NewsGraph): NameIndex {
  const index: NameIndex = { nodes: [], byKey: new Map(), byLabel: new Map(), byAlias: new Map(), byToken: new Map(), wordsByLength: [] };
  graph.forEachNode((key, a) => {
    const entry: NodeForms = { key, forms: [], originals: [] };
    const label = normalise(a.label);
    entry.forms.push(label);
    entry.originals.push(a.label);
    push(index.byLabel, label, key);
    for (const alias of a.aliases) {
      const n = normalise(alias);
      if (!n || entry.forms.includes(n)) continue;
      entry.forms.push(n);
      entry.originals.push(alias);
      push(index.byAlias, n, { key, alias });
    }
    const words = new Set<string>();
    for (const f of entry.forms) for (const w of tokens(f)) words.add(w);
    for (const w of words) push(index.byToken, w, key);
    index.nodes.push(entry);
    index.byKey.set(key, entry);
  });
  for (const word of index.byToken.keys()) (index.wordsByLength[word.length] ??= []).push(word);
  return index;
}

export const nameIndex = graphCache('nodes', build);
