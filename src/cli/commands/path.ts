/**
 * `newsgraph path A B`: the shortest chain of statements linking two entities.
 */
import { Option, type Command } from 'commander';
import { loadGraph } from '../../graph/io.js';
import type { NewsGraph } from '../../graph/io.js';
import { EntityLookupError, path, requireEntity, DIRECTIONS, PATH_DEFAULTS, type Direction, type EntityMatch, type Resolution } from '../../query/index.js';
import type { RelationId } from '../../schema/index.js';
import { action } from '../run.js';
import { collectRelation, parsePositiveInt } from '../options.js';
import { candidateLines, edgeLine, evidenceLines, exitCodeOf, matchNote, nodeName, printJson, printLines } from '../query-output.js';
import { DEFAULT_GRAPH } from './serve.js';

interface PathFlags {
  in: string;
  maxDepth: number;
  relation?: RelationId[];
  direction: Direction;
  evidence: number;
  json?: boolean;
}

interface End {
  key?: string;
  resolution?: Resolution;
  error?: EntityLookupError;
  candidates: EntityMatch[];
}

function lookUp(graph: NewsGraph, name: string): End {
  try {
    const { key, resolution } = requireEntity(graph, name);
    return { key, resolution, candidates: resolution.candidates };
  } catch (error) {
    if (!(error instanceof EntityLookupError)) throw error;
    return { error, candidates: error.resolution.candidates };
  }
}

export function register(program: Command): void {
  program
    .command('path')
    .description('show the shortest chain of statements linking two entities (edges are walked both ways unless --direction says otherwise)')
    .argument('<a>', 'first entity: label, alias or key')
    .argument('<b>', 'second entity: label, alias or key')
    .option('--max-depth <n>', 'longest path searched, in edges', parsePositiveInt, PATH_DEFAULTS.maxDepth)
    .option('--relation <relation>', 'walk only this relation (repeatable)', collectRelation)
    .addOption(new Option('--direction <direction>', 'out: follow edges from source to target only; in: only backwards; both').choices(DIRECTIONS).default(PATH_DEFAULTS.direction))
    .option('--evidence <n>', 'evidence sentences shown per edge', parsePositiveInt, 1)
    .option('--json', 'print JSON (docs/query-json.md)')
    .option('--in <file>', 'graph file', DEFAULT_GRAPH)
    .action(action(async (a: string, b: string, flags: PathFlags) => {
      const graph = loadGraph(flags.in);
      const query = { from: a, to: b, maxDepth: flags.maxDepth, direction: flags.direction, relations: flags.relation ?? [] };
      // Both names are resolved first so one run reports every name that needs fixing.
      const ends = [a, b].map((name) => lookUp(graph, name));
      const candidates = { from: ends[0]!.candidates, to: ends[1]!.candidates };
      const failed = ends.filter((e) => e.error).map((e) => e.error!);
      if (failed.length) {
        const status = failed.some((e) => e.resolution.status === 'not_found') ? 'not_found' : 'ambiguous';
        if (flags.json) await printJson('path', query, status, { match: { from: ends[0]!.resolution?.match ?? null, to: ends[1]!.resolution?.match ?? null }, candidates, result: null });
        else if (status === 'not_found') throw failed.find((e) => e.resolution.status === 'not_found')!;
        else await printLines(failed.flatMap((e, i) => [...(i ? [''] : []), ...candidateLines(e.query, e.resolution.candidates)]));
        return 1;
      }

      const result = path(graph, ends[0]!.key!, ends[1]!.key!, query);
      const status = result ? 'found' : 'empty';
      if (flags.json) {
        const match = { from: ends[0]!.resolution!.match ?? null, to: ends[1]!.resolution!.match ?? null };
        let body = null;
        if (result) {
          const { resolution: _resolution, ...rest } = result;
          body = rest;
        }
        await printJson('path', query, status, { match, candidates, result: body });
        return exitCodeOf(status);
      }
      if (!result) {
        const name = (key: string) => nodeName(graph.getNodeAttributes(key));
        await printLines([`No path of at most ${query.maxDepth} edges links ${name(ends[0]!.key!)} and ${name(ends[1]!.key!)}.`]);
        return 1;
      }
      const lines = [`${nodeName(result.from)} → ${nodeName(result.to)}: ${result.length} step${result.length === 1 ? '' : 's'}`];
      for (const end of ends) {
        const note = matchNote(end.resolution?.match);
        if (note) lines.push(note);
      }
      for (const hop of result.hops) lines.push('', edgeLine(hop.edge, hop.reversed), ...evidenceLines(hop.edge.evidence, flags.evidence));
      await printLines(lines);
      return 0;
    }));
}
