/**
 * The run-time tokens join "fact - finding" written without spaces into one word (`joinHyphenated` in wink.ts),
 * where the treebank keeps three tokens. Training sees both: this rewrites a sentence the run-time way, each joined
 * word taking the tags, head and label of the first part whose head lies outside the group (a group whose parts hang
 * from different outside heads stays split), and every arc into the group pointing at the joined word.
 */
import { hyphenJoins } from '../wink.js';
import { noSpaceAfter, type UdSentence, type UdToken } from './conllu.js';

/** The sentence with its hyphenated groups joined, or undefined when it has none to join. */
export function mergeHyphens(sentence: UdSentence): UdSentence | undefined {
  const tokens = sentence.tokens;
  // Groups of original indices, built left to right as joinHyphenated does.
  const groups: number[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const last = groups[groups.length - 1];
    const prevIndex = last ? last[last.length - 1]! : -1;
    const next = tokens[i + 1];
    if (last && prevIndex === i - 1 && next && noSpaceAfter(tokens[prevIndex]!) && noSpaceAfter(tokens[i]!) &&
        hyphenJoins(last.filter((_, j) => j % 2 === 0).map((k) => tokens[k]!.form).join('-'), tokens[i]!.form, next.form)) {
      last.push(i, i + 1);
      i++;
      continue;
    }
    groups.push([i]);
  }
  if (groups.length === tokens.length) return undefined;

  const groupOf = new Int32Array(tokens.length);
  groups.forEach((g, k) => g.forEach((i) => (groupOf[i] = k)));
  // Split back any group without exactly one part headed from outside it.
  const final: number[][] = [];
  for (const g of groups) {
    const k = groupOf[g[0]!]!;
    const outside = g.filter((i) => tokens[i]!.head < 0 || groupOf[tokens[i]!.head]! !== k);
    if (g.length === 1 || outside.every((i) => tokens[i]!.head === tokens[outside[0]!]!.head)) final.push(g);
    else for (const i of g) final.push([i]);
  }
  if (final.length === tokens.length) return undefined;
  const newIndex = new Int32Array(tokens.length);
  final.forEach((g, k) => g.forEach((i) => (newIndex[i] = k)));
  const merged: UdToken[] = final.map((g) => {
    const root = g.length === 1 ? g[0]! : g.find((i) => tokens[i]!.head < 0 || newIndex[tokens[i]!.head] !== newIndex[i])!;
    const t = tokens[root]!;
    const words = g.filter((_, j) => j % 2 === 0).map((i) => tokens[i]!);
    return {
      ...t,
      form: words.map((w) => w.form).join('-'),
      lemma: words.map((w) => w.lemma).join('-'),
      head: t.head < 0 ? -1 : newIndex[t.head]!,
      misc: tokens[g[g.length - 1]!]!.misc,
    };
  });
  return { comments: sentence.comments, tokens: merged };
}
