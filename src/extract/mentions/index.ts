/**
 * Every mention in an analysed article: names from the tagger, then descriptive phrases.
 */
import type { AnalysedText } from '../../schema/index.js';
import { nameMentions } from './names.js';
import { phraseMentions } from './phrases.js';
import type { DraftMention } from './draft.js';

export interface MentionResult {
  /** Per sentence, in text order. */
  bySentence: DraftMention[][];
  misc: Array<{ sentence: number; start: number; end: number; text: string }>;
}

export function findMentions(analysed: AnalysedText, body: string): MentionResult {
  const misc: MentionResult['misc'] = [];
  const bySentence = analysed.sentences.map((sentence, index) => {
    const names = nameMentions(sentence, index, body);
    misc.push(...names.misc);
    // Phrases see the names as repaired, not as the tagger first gave them.
    const all = [...names.mentions, ...phraseMentions({ ...sentence, names: names.spans }, index, body)];
    return all.sort((a, b) => a.start - b.start || b.end - a.end);
  });
  return { bySentence, misc };
}

export type { DraftMention } from './draft.js';
