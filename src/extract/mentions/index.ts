/**
 * Every mention in an analysed article: names from the tagger, then descriptive phrases.
 */
import type { AnalysedText, Sentence } from '../../schema/index.js';
import { nameMentions } from './names.js';
import { phraseMentions } from './phrases.js';
import { demonymMentions } from './demonyms.js';
import type { DraftMention } from './draft.js';

export interface MentionResult {
  /** Per sentence, in text order. */
  bySentence: DraftMention[][];
  misc: Array<{ sentence: number; start: number; end: number; text: string }>;
}

/** Text order: by first token, the longer of two mentions that start together first. */
const byPosition = (a: DraftMention, b: DraftMention): number => a.start - b.start || b.end - a.end;

/** Whether `mentions` are already in text order; sorting is stable, so then it would change nothing. */
function inTextOrder(mentions: readonly DraftMention[]): boolean {
  for (let i = 1; i < mentions.length; i++) if (byPosition(mentions[i - 1]!, mentions[i]!) > 0) return false;
  return true;
}

/** One sentence's mentions in text order; its MISC names go to `misc`. */
function sentenceMentions(sentence: Sentence, index: number, body: string, misc: MentionResult['misc']): DraftMention[] {
  const names = nameMentions(sentence, index, body);
  for (const m of names.misc) misc.push(m);
  // Phrases see the names as repaired, not as the tagger first gave them.
  const repaired: Sentence = { start: sentence.start, end: sentence.end, tokens: sentence.tokens, names: names.spans };
  const all = phraseMentions(repaired, index, body, names.mentions);
  all.push(...demonymMentions(sentence, index, all));
  return inTextOrder(all) ? all : all.sort(byPosition);
}

export function findMentions(analysed: AnalysedText, body: string): MentionResult {
  const misc: MentionResult['misc'] = [];
  const bySentence = analysed.sentences.map((sentence, index) => sentenceMentions(sentence, index, body, misc));
  return { bySentence, misc };
}

export type { DraftMention } from './draft.js';
