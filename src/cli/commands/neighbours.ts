/**
 * `newsgraph neighbours NAME`: what an entity is linked to, with the sentences that say so.
 */
import { Option, type Command } from 'commander';
import { loadGraph } from '../../graph/io.js';
import { EntityLookupError, neighbours, DIRECTIONS, NEIGHBOURS_DEFAULTS, type Direction } from '../../query/index.js';
import type { EntityKind, RelationId } from '../../schema/index.js';
import { action } from '../run.js';
import { collectKind, collectRelation, parsePositiveInt } from '../options.js';
import { candidateLines, edgeLine, evidenceLines, exitCodeOf, matchNote, nodeName, printJson, printLines } from '../query-output.js';
import { DEFAULT_GRAPH } from './serve.js';

interface NeighboursFlags {
  in: string;
  relation?: RelationId[];
  direction: Direction;
  depth: number;
  kind?: EntityKind[];
  evidence: number;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('neighbours')
    .alias('neighbors')
    .description('show what an entity is linked to, with the evidence for each link')
    .argument('<name>', 'label, alias or key of the entity (close spellings are found too)')
    .option('--relation <relation>', 'follow only this relation (repeatable)', collectRelation)
    .addOption(new Option('--direction <direction>', 'out: what the entity did; in: what was done to it; both').choices(DIRECTIONS).default(NEIGHBOURS_DEFAULTS.direction))
    .option('--depth <n>', 'steps away from the entity', parsePositiveInt, NEIGHBOURS_DEFAULTS.depth)
    .option('--kind <kind>', 'reach only entities of this kind (repeatable)', collectKind)
    .option('--evidence <n>', 'evidence sentences shown per edge', parsePositiveInt, 3)
    .option('--json', 'print JSON (docs/query-json.md)')
    .option('--in <file>', 'graph file', DEFAULT_GRAPH)
    .action(action(async (name: string, flags: NeighboursFlags) => {
      const graph = loadGraph(flags.in);
      const query = { name, depth: flags.depth, direction: flags.direction, relations: flags.relation ?? [], kinds: flags.kind ?? [] };
      let result;
      try {
        result = neighbours(graph, name, query);
      } catch (error) {
        if (!(error instanceof EntityLookupError)) throw error;
        const { status, candidates } = error.resolution;
        if (flags.json) await printJson('neighbours', query, status, { match: null, candidates, result: null });
        else if (status === 'ambiguous') await printLines(candidateLines(name, candidates));
        else throw error;
        return 1;
      }
      const status = result.edges.length ? 'found' : 'empty';
      if (flags.json) {
        const { resolution, ...rest } = result;
        await printJson('neighbours', query, status, { match: resolution.match ?? null, candidates: resolution.candidates, result: rest });
        return exitCodeOf(status);
      }
      const entity = result.entity.key;
      const lines = [nodeName(result.entity)];
      const note = matchNote(result.resolution.match);
      if (note) lines.push(note);
      const filters = [
        `depth ${query.depth}`, `direction ${query.direction}`,
        ...(query.relations.length ? [`relation ${query.relations.join(', ')}`] : []),
        ...(query.kinds.length ? [`kind ${query.kinds.join(', ')}`] : []),
      ];
      lines.push(`${result.edges.length} edge${result.edges.length === 1 ? '' : 's'} to ${result.nodes.length} entit${result.nodes.length === 1 ? 'y' : 'ies'} (${filters.join(', ')})`);
      for (const edge of result.edges) {
        lines.push('', edgeLine(edge, edge.target === entity), ...evidenceLines(edge.evidence, flags.evidence));
      }
      await printLines(lines);
      return exitCodeOf(status);
    }));
}
