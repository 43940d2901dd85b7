/**
 * Who reports what: "according to X", "..., X reported.", "(Reporting by A and B; Editing by C)".
 */
import type { SentenceContext } from './context.js';
import { isComma } from '../tokens.js';
import { coordinatedFrom } from './clauses.js';
import { emitChecked } from './verb-rules.js';

const SOURCES = new Set(['organisation', 'person']);

export function attributionRelations(ctx: SentenceContext): void {
  const tokens = ctx.tokens;
  const article = ctx.discourse.article;
  for (let i = 0; i < tokens.length; i++) {
    const w = ctx.word(i);
    // "according to the agency": the event or document the sentence is about, else the article.
    if (w === 'according' && ctx.word(i + 1) === 'to') {
      let k = i + 2;
      while (['the', 'a'].includes(ctx.word(k)) && !ctx.startingAt(k).length) k++;
      for (const m of coordinatedFrom(ctx, k)) {
        const reporter = ctx.entity(m);
        if (!SOURCES.has(reporter.kind)) continue;
        const about = ctx.mentions.find((x) => x.end <= i && (x.kind === 'event' || x.kind === 'document'));
        emitChecked(ctx, about ? ctx.entity(about) : article, 'reported_by', reporter, i, m.coreEnd - 1, 0.7, 'according-to');
      }
    }
    // "(Reporting by A and B; Editing by C)"
    if ((w === 'reporting' || w === 'editing' || w === 'writing' || w === 'additional') && ctx.word(i + 1) === 'by') {
      for (const m of coordinatedFrom(ctx, i + 2)) {
        if (ctx.entity(m).kind !== 'person') continue;
        emitChecked(ctx, article, w === 'editing' ? 'related_to' : 'reported_by', ctx.entity(m), i, m.coreEnd - 1, 0.8, 'reporting-by');
      }
    }
    // "..., state-run X news agency reported." / "X reported on Tuesday." with nothing reported as an object.
    if (tokens[i]!.lemma === 'report' && tokens[i]!.pos === 'VERB') {
      const next = tokens[i + 1];
      const clauseEnd = !next || next.text === '.' || isComma(next) || ctx.word(i + 1) === 'on' || ctx.word(i + 1) === 'that';
      const reporter = ctx.endingAt(i)[0];
      if (clauseEnd && reporter && SOURCES.has(ctx.entity(reporter).kind) && (i + 2 >= tokens.length || isComma(tokens[reporter.start - 1]) || ctx.word(i + 1) === 'that')) {
        emitChecked(ctx, article, 'reported_by', ctx.entity(reporter), reporter.coreStart, i, 0.6, 'x-reported');
      }
    }
  }
}
