/**
 * `newsgraph stats`: what a graph holds, by kind and relation, and its best-connected entities.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { loadGraph } from '../../graph/io.js';
import { stats, STATS_DEFAULTS } from '../../query/index.js';
import { KINDS, OPEN_RELATION, RELATIONS, type EntityKind, type RelationId } from '../../schema/index.js';
import { action } from '../run.js';
import { printable, printJson, printLines, table } from '../query-output.js';
import { DEFAULT_GRAPH } from './serve.js';

interface StatsFlags {
  in: string;
  top: number;
  json?: boolean;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of 0 or more');
  return Number(value);
}

export function register(program: Command): void {
  program
    .command('stats')
    .description('count entities by kind and edges by relation, and list the best-connected entities')
    .option('--top <n>', 'how many best-connected entities to list', parseCount, STATS_DEFAULTS.top)
    .option('--json', 'print JSON (docs/query-json.md)')
    .option('--in <file>', 'graph file', DEFAULT_GRAPH)
    .action(action(async (flags: StatsFlags) => {
      const graph = loadGraph(flags.in);
      const result = stats(graph, { top: flags.top });
      if (flags.json) {
        await printJson('stats', { top: flags.top }, 'found', { result });
        return 0;
      }
      const a = result.articles;
      const dates = a.firstDate ? (a.firstDate === a.lastDate ? `, dated ${a.firstDate}` : `, dated ${a.firstDate} to ${a.lastDate}`) : '';
      const lines = [
        `${printable(flags.in)}: ${result.entities} entities, ${result.edges} edges, ${result.evidence} evidence sentences, ${a.count} article${a.count === 1 ? '' : 's'}${dates}`,
        '',
        'Entities by kind:',
        ...table((Object.entries(result.byKind) as Array<[EntityKind, number]>).map(([k, n]) => [KINDS[k].plural, String(n)])),
        '',
        'Edges by relation:',
        ...table((Object.entries(result.byRelation) as Array<[RelationId, number]>).filter(([, n]) => n > 0)
          .map(([r, n]) => [RELATIONS[r].label, r === OPEN_RELATION && result.openRelations ? `${n} (${result.openRelations} open)` : String(n)])),
      ];
      if (result.topByDegree.length) {
        lines.push('', 'Best connected:', ...table(result.topByDegree.map((d) => [printable(d.node.label), d.node.kind, `${d.degree} edges (${d.outDegree} out, ${d.inDegree} in)`])));
      }
      if (a.publishers.length) lines.push('', 'Publishers:', ...table(a.publishers.map((p) => [printable(p.publisher), `${p.articles} article${p.articles === 1 ? '' : 's'}`])));
      await printLines(lines);
      return 0;
    }));
}
