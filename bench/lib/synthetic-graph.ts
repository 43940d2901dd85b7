/**
 * Deterministic synthetic graphs that keep the graph contract, for benches and tests that need size (10k–100k nodes)
 * rather than real extraction. Same options → same graph.
 */
import { createNewsGraph, type NewsGraph } from '../../src/graph/io.js';
import { seededRandom } from '../../src/random.js';

export { seededRandom };
import { ENTITY_KINDS, KINDS, RELATION_IDS, RELATIONS, SCHEMA_VERSION, allowsKinds, type EntityKind, type RelationId } from '../../src/schema/index.js';

export interface SyntheticGraphOptions {
  nodes: number;
  edges: number;
  seed?: number;
  articles?: number;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ven', 'tor', 'sa', 'del', 'nor', 'bri', 'an', 'el', 'is', 'mar', 'co', 'ju', 'pe', 'ta'];
const NOUNS: Record<EntityKind, string[]> = {
  person: [''],
  organisation: ['Council', 'Party', 'Ministry', 'Bank', 'Agency', 'Union'],
  group: ['protesters', 'workers', 'students', 'MPs', 'farmers'],
  place: ['', 'City', 'Province'],
  event: ['summit', 'protest', 'election', 'inquiry', 'strike'],
  document: ['report', 'statement', 'letter', 'resolution', 'petition'],
};

function word(rand: () => number, syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
  return w.charAt(0).toUpperCase() + w.slice(1);
}

export function syntheticGraph(options: SyntheticGraphOptions): NewsGraph {
  const { nodes, edges, seed = 1, articles = Math.max(1, Math.ceil(nodes / 20)) } = options;
  const rand = seededRandom(seed);
  const graph = createNewsGraph();
  graph.replaceAttributes({ schemaVersion: SCHEMA_VERSION, generator: 'synthetic', extractorVersion: 'synthetic', articleCount: articles });
  const keys: string[] = [];
  const kinds: EntityKind[] = [];
  for (let i = 0; i < nodes; i++) {
    const kind = ENTITY_KINDS[Math.floor(rand() * ENTITY_KINDS.length)]!;
    const nouns = NOUNS[kind];
    const noun = nouns[Math.floor(rand() * nouns.length)]!;
    const base = kind === 'person' ? `${word(rand, 2)} ${word(rand, 3)}` : `${word(rand, 2)} ${noun}`.trim();
    const label = `${base} ${i}`;
    const key = `${kind}:${label.toLowerCase()}`;
    const article = `article-${Math.floor(rand() * articles)}`;
    graph.addNode(key, {
      label, kind, aliases: [label, base], articles: [article], mentions: 1 + Math.floor(rand() * 5),
      x: rand() * 1000, y: rand() * 1000, size: 3, color: KINDS[kind].color,
      ...(kind === 'event' || kind === 'document' ? { category: noun } : {}),
    });
    keys.push(key);
    kinds.push(kind);
  }
  let added = 0;
  let attempts = 0;
  while (added < edges && attempts < edges * 20 && nodes > 1) {
    attempts++;
    const s = Math.floor(rand() * nodes);
    // Preferential bias towards low indices gives hubs, as real story graphs have.
    const t = Math.floor(Math.pow(rand(), 2) * nodes);
    if (s === t) continue;
    const relation = pickRelation(rand, kinds[s]!, kinds[t]!);
    const key = `${keys[s]}->${relation}->${keys[t]}`;
    if (graph.hasEdge(key)) continue;
    const sentence = `${graph.getNodeAttribute(keys[s]!, 'label')} ${RELATIONS[relation].label} ${graph.getNodeAttribute(keys[t]!, 'label')}.`;
    graph.addEdgeWithKey(key, keys[s]!, keys[t]!, {
      relation, label: RELATIONS[relation].label, weight: 1, confidence: Math.round(rand() * 100) / 100,
      evidence: [{ article: graph.getNodeAttribute(keys[s]!, 'articles')[0]!, sentence, start: 0, end: sentence.length }],
    });
    added++;
  }
  return graph;
}

function pickRelation(rand: () => number, source: EntityKind, target: EntityKind): RelationId {
  const allowed = RELATION_IDS.filter((r) => r !== 'related_to' && allowsKinds(r, source, target));
  if (!allowed.length) return 'related_to';
  return allowed[Math.floor(rand() * allowed.length)]!;
}
