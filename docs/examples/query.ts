/**
 * The query API in a few lines. Run: npx tsx docs/examples/query.ts [graph.json]
 * (build a graph first with `npm run --silent newsgraph -- build`, which writes graph/graph.json).
 *
 * Inside the project the API is imported from src/index.ts; an installed package imports the same names from
 * 'newsgraph'.
 */
import { findEntity, loadGraph, neighbours, path, search, stats, exportGexf, EntityLookupError } from '../../src/index.js';

const file = process.argv[2] ?? 'graph/graph.json';
const graph = loadGraph(file); // throws NewsgraphError with a one-line message for a missing or foreign file

// What is in the graph?
const s = stats(graph, { top: 3 });
console.log(`${file}: ${s.entities} entities, ${s.edges} edges from ${s.articles.count} article(s)`);
console.log('best connected:', s.topByDegree.map((d) => `${d.node.label} (${d.degree})`).join(', '));

// Find an entity by name: exact label, then alias, then close spellings, ranked with reasons.
const best = s.topByDegree[0]?.node.label ?? '';
for (const m of findEntity(graph, best.slice(0, -1))) console.log(`  candidate ${m.node.label} [${m.match} ${m.score}]: ${m.why}`);

// Its neighbourhood: who did what, with the sentences that say so.
if (best) {
  const around = neighbours(graph, best, { depth: 1, direction: 'both' });
  for (const e of around.edges) {
    console.log(`${e.sourceLabel} —${e.label}→ ${e.targetLabel}`);
    console.log(`    “${e.evidence[0]?.sentence ?? ''}”`);
  }
}

// The shortest chain between the two best-connected entities (edges walked both ways by default).
const [a, b] = s.topByDegree.map((d) => d.node.key);
if (a && b) {
  const p = path(graph, a, b);
  console.log(p ? p.hops.map((h) => (h.reversed ? `${h.edge.targetLabel} ←${h.edge.label}— ${h.edge.sourceLabel}` : `${h.edge.sourceLabel} —${h.edge.label}→ ${h.edge.targetLabel}`)).join('\n') : 'no path');
}

// Free text over labels, aliases and evidence sentences.
const hits = search(graph, 'statement', { limit: 3 });
console.log(`search "statement": ${hits.total.nodes} entities, ${hits.total.evidence} sentences`);

// Names that fit several entities, or none, throw EntityLookupError (exit code 1) carrying the candidates.
try {
  neighbours(graph, 'no such entity anywhere');
} catch (error) {
  if (error instanceof EntityLookupError) console.log(`${error.resolution.status}: ${error.message}`);
  else throw error;
}

// Exports return text; write it where you like.
console.log(`GEXF: ${exportGexf(graph).length} characters`);
