import type { Command } from 'commander';
import { RELATIONS } from '../../schema/index.js';
import { NewsgraphError } from '../../errors.js';
import { action, out } from '../run.js';
import { printable } from '../query-output.js';

export function register(program: Command): void {
  program
    .command('extract')
    .description('show what one article yields: mentions, entities and relations with their evidence')
    .argument('<file>', 'article file')
    .option('--json', 'print the extraction as JSON (the ArticleExtraction hand-off, see docs/architecture.md)')
    .option('--config <file>', 'settings file', 'newsgraph.config.json')
    .action(action(async (file: string, flags: { json?: boolean; config: string }) => {
      const [{ readArticleFile }, { extractArticle }, { buildCueTable }, { loadSettings }] = await Promise.all([
        import('../../ingest/read-articles.js'), import('../../extract/extract-article.js'), import('../../extract/relations/index.js'),
        import('../../config/settings.js'),
      ]);
      const settings = loadSettings(flags.config);
      const { articles, warnings } = readArticleFile(file);
      if (articles.length !== 1) throw new NewsgraphError(`${file}: holds ${articles.length} articles; extract takes one (use build for corpora)`);
      for (const w of warnings) process.stderr.write(`newsgraph: warning: ${w}\n`);
      const extraction = extractArticle(articles[0]!, { cues: buildCueTable(settings.extract.cues), keepUnlinkedPhrases: settings.extract.keepUnlinkedPhrases });
      if (flags.json) {
        await out(JSON.stringify(extraction, null, 2) + '\n');
        return;
      }
      const label = new Map(extraction.entities.map((e) => [e.id, e.label]));
      const lines = [`${file}: ${extraction.entities.length} entities, ${extraction.relations.length} relations`, '', 'Entities:'];
      for (const e of extraction.entities) lines.push(`  ${e.kind.padEnd(12)} ${e.label}${e.aliases.length > 1 ? `  (${e.aliases.filter((a) => a !== e.label).join('; ')})` : ''}`);
      lines.push('', 'Relations:');
      for (const r of extraction.relations) {
        // An open relation is told by the article's own words.
        const words = r.open && r.label ? `${printable(r.label)}→ ${label.get(r.target)} (open)` : `${RELATIONS[r.relation].label}→ ${label.get(r.target)}`;
        lines.push(`  ${label.get(r.source)} —${words}  [${r.confidence}]`);
        lines.push(`      “${r.evidence.sentence}”`);
      }
      await out(lines.join('\n') + '\n');
    }));
}
