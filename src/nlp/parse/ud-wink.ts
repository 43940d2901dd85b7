/**
 * wink's tags over treebank sentences, as the pipeline would have them: wink reads each sentence's own text (the
 * `# text =` comment) and each treebank token takes the tag of the wink token covering its first character.
 */
import type { UdSentence } from './conllu.js';
import { winkTagsOfText, winkTagsOfTokens, type Span } from './wink-tags.js';

/** Where each token lies in `text`: found in order, only spaces between (forms are the text's own; SpaceAfter is not
 * needed, and a multiword token's parts carry none). */
function tokenSpans(text: string, sentence: UdSentence): Span[] | undefined {
  const spans: Span[] = [];
  let at = 0;
  for (const t of sentence.tokens) {
    const found = text.indexOf(t.form, at);
    if (found < 0 || text.slice(at, found).trim() !== '') return undefined;
    spans.push({ start: found, end: found + t.form.length });
    at = found + t.form.length;
  }
  return spans;
}

export interface TreebankWinkTags {
  tags: string[][];
  tokens: number;
  /** Tokens whose span in the text is exactly one of wink's tokens. */
  exact: number;
  /** Sentences without a text whose tokens could be found in it, read as their tokens joined by spaces. */
  untexted: number;
}

export function treebankWinkTags(sentences: readonly UdSentence[]): TreebankWinkTags {
  const out: TreebankWinkTags = { tags: [], tokens: 0, exact: 0, untexted: 0 };
  for (const s of sentences) {
    const text = s.comments.find((c) => c.startsWith('text = '))?.slice('text = '.length);
    const spans = text === undefined ? undefined : tokenSpans(text, s);
    out.tokens += s.tokens.length;
    if (text === undefined || !spans) {
      out.untexted++;
      out.tags.push(winkTagsOfTokens(s.tokens.map((t) => t.form)));
      continue;
    }
    const aligned = winkTagsOfText(text, spans);
    out.exact += aligned.exact;
    out.tags.push(aligned.tags);
  }
  return out;
}
