/**
 * Who reports what: "according to X", "..., X reported.", "(Reporting by A and B; Editing by C)".
 */
import type { SentenceContext } from './context.js';
import type { DraftMention } from '../mentions/draft.js';
import { isComma } from '../tokens.js';
import { coordinatedFrom } from './clauses.js';
import { emitChecked } from './emit.js';

const SOURCES = new Set(['organisation', 'person']);

/** Dashes that set a dateline or a sign-off apart ("LONDON (Reuters) -", "… — AFP"). */
const DASHES = new Set(['-', '--', '–', '—', '―']);

/**
 * The wire conventions that say who reported the article: a dateline "CITY, Date (Agency) -" at its start, a byline
 * "By Name" in its first lines, an agency signing off after a dash at the end of a paragraph.
 */
function wireCredits(ctx: SentenceContext): void {
  const tokens = ctx.tokens;
  const article = ctx.discourse.article;
  const credit = (m: DraftMention | undefined, from: number, to: number, rule: string) => {
    if (m && SOURCES.has(ctx.entity(m).kind)) emitChecked(ctx, article, 'reported_by', ctx.entity(m), from, to, 0.8, rule);
  };
  if (ctx.index <= 2) {
    // "NAIROBI, Oct.4 (Xinhua) --", "ZURICH (Reuters) -": an agency in brackets among the first words.
    for (let i = 1; i < Math.min(tokens.length, 10); i++) {
      if (tokens[i]!.text !== '(' ) continue;
      const m = ctx.startingAt(i + 1).find((x) => x.end < tokens.length && tokens[x.end]!.text === ')');
      if (m && (m.end + 1 >= tokens.length || DASHES.has(tokens[m.end + 1]!.text) || /^\p{Lu}/u.test(tokens[m.end + 1]!.text))) credit(m, i, m.end, 'dateline');
      break;
    }
    // "By Jane Holt, Chief Correspondent"
    if (ctx.word(0) === 'by') credit(ctx.startingAt(1).find((x) => x.kind === 'person'), 0, 1, 'byline');
    // A line that is only a person's name under the headline is the byline.
    const alone = ctx.startingAt(0).find((x) => x.kind === 'person' && x.end === tokens.length);
    if (alone && ctx.index > 0 && ctx.index <= 2) credit(alone, 0, alone.end - 1, 'byline');
  }
  // "-- Dimitris Kontogiannis, Athens Newsroom": a dash and a reporter's name open the sign-off line.
  if (DASHES.has(tokens[0]?.text ?? '')) credit(ctx.startingAt(1).find((x) => x.kind === 'person'), 0, 1, 'sign-off');
  // "… monitoring the demonstration. — Sapa": a dash and a name close a paragraph.
  const n = tokens.length;
  for (let i = Math.max(0, n - 6); i < n - 1; i++) {
    if (!DASHES.has(tokens[i]!.text) || (i > 0 && tokens[i - 1]!.text !== '.' && tokens[i - 1]!.text !== '"' && tokens[i - 1]!.text !== '”')) continue;
    const m = ctx.startingAt(i + 1).find((x) => x.end >= n - 1);
    credit(m, i, n - 1, 'sign-off');
  }
}

export function attributionRelations(ctx: SentenceContext): void {
  wireCredits(ctx);
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
