/**
 * `newsgraph export --format F`: the graph for other tools. GEXF, GraphML and Cypher go to stdout or one file;
 * CSV writes nodes.csv and edges.csv into the folder given with --out. Files are written atomically.
 */
import { Option, type Command } from 'commander';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { NewsgraphError } from '../../errors.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../export/formats.js';
import { action, out } from '../run.js';
import { DEFAULT_GRAPH } from './serve.js';

interface ExportFlags {
  format: ExportFormat;
  in: string;
  out?: string;
  coMentions?: boolean;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function register(program: Command): void {
  program
    .command('export')
    .description('export the graph as GEXF (Gephi), GraphML, CSV tables or a Cypher script (Neo4j)')
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--in <file>', 'graph file', DEFAULT_GRAPH)
    .option('--out <path>', 'file to write (default: stdout); for csv, the folder that gets nodes.csv and edges.csv')
    .option('--co-mentions', 'also write co_mentioned edges (entities named in the same sentence) from co-mentions.json beside the graph')
    .action(action(async (flags: ExportFlags) => {
      if (flags.format === 'csv' && !flags.out) {
        throw new NewsgraphError('export: csv writes two files (nodes.csv and edges.csv); name their folder with --out');
      }
      if (flags.out && flags.format === 'csv' && isFile(flags.out)) {
        throw new NewsgraphError(`${flags.out}: is a file; csv needs a folder for nodes.csv and edges.csv`);
      }
      if (flags.out && flags.format !== 'csv' && isFolder(flags.out)) {
        throw new NewsgraphError(`${flags.out}: is a folder; give a file name for the ${flags.format} output`);
      }
      const [{ loadGraph }, { exportGraph }, { writeFileAtomic }] = await Promise.all([
        import('../../graph/io.js'), import('../../export/index.js'), import('../../graph/atomic-write.js'),
      ]);
      const graph = loadGraph(flags.in);
      if (flags.coMentions) {
        const [{ coMentionsPathFor, loadCoMentions }, { addCoMentionEdges }] = await Promise.all([
          import('../../graph/co-mention-file.js'), import('../../export/co-mention-edges.js'),
        ]);
        addCoMentionEdges(graph, loadCoMentions(coMentionsPathFor(flags.in)));
      }
      const result = exportGraph(graph, flags.format);
      if (result.kind === 'tables') {
        const written = Object.entries(result.files).map(([name, text]) => {
          const file = join(flags.out!, `${name}.csv`);
          writeFileAtomic(file, text);
          return file;
        });
        await out(`${written.join('\n')}\n`);
      } else if (flags.out) {
        writeFileAtomic(flags.out, result.text);
        await out(`${flags.out}\n`);
      } else {
        await out(result.text);
      }
      return 0;
    }));
}
