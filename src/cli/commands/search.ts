/**
 * `newsgraph search TEXT`: entities whose label or alias holds the text, and evidence sentences that do.
 */
import type { Command } from 'commander';
import { loadGraph } from '../../graph/io.js';
import { search, SEARCH_DEFAULTS } from '../../query/index.js';
import type { EntityKind } from '../../schema/index.js';
import { action } from '../run.js';
import { collectKind, parsePositiveInt } from '../options.js';
import { edgeLine, evidenceLine, exitCodeOf, nodeName, printable, printJson, printLines, table } from '../query-output.js';
import { DEFAULT_GRAPH } from './serve.js';

interface SearchFlags {
  in: string;
  kind?: EntityKind[];
  limit: number;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('search')
    .description('find entities by label or alias and evidence sentences by their words')
    .argument('<text>', 'words to look for (every word must start a word of the match)')
    .option('--kind <kind>', 'only entities of this kind, and evidence touching one (repeatable)', collectKind)
    .option('--limit <n>', 'most entities and most sentences shown', parsePositiveInt, SEARCH_DEFAULTS.limit)
    .option('--json', 'print JSON (docs/query-json.md)')
    .option('--in <file>', 'graph file', DEFAULT_GRAPH)
    .action(action(async (text: string, flags: SearchFlags) => {
      const graph = loadGraph(flags.in);
      const query = { text, kinds: flags.kind ?? [], limit: flags.limit };
      const result = search(graph, text, query);
      const status = result.total.nodes + result.total.evidence ? 'found' : 'empty';
      if (flags.json) {
        await printJson('search', query, status, { result });
        return exitCodeOf(status);
      }
      if (status === 'empty') {
        await printLines([`Nothing matches "${printable(text)}".`]);
        return 1;
      }
      const shown = (n: number, total: number) => (n < total ? `${n} of ${total}` : `${total}`);
      const lines = [`Entities: ${shown(result.nodes.length, result.total.nodes)}`];
      lines.push(...table(result.nodes.map((h) => [nodeName(h.node), h.field === 'label' ? 'label' : `alias "${printable(h.matched)}"`, printable(h.node.key)])));
      lines.push('', `Evidence sentences: ${shown(result.evidence.length, result.total.evidence)}`);
      for (const h of result.evidence) lines.push(`  ${edgeLine(h.edge)}`, evidenceLine(h.evidence, '      '));
      await printLines(lines);
      return 0;
    }));
}
