/**
 * Reader and writer for CoNLL-U (Universal Dependencies) files: the basic tree only. Multiword-token lines (`1-2`)
 * and empty nodes (`8.1`) are skipped, as a basic-tree parser must. Used by training, the benchmark and tests; the
 * treebank itself never ships with the project.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.js';

export interface UdToken {
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  /** Index of the head token within the sentence (0-based), -1 for the root. */
  head: number;
  deprel: string;
  misc: string;
}

export interface UdSentence {
  /** Comment lines without their `# ` ("sent_id = ...", "text = ..."). */
  comments: string[];
  tokens: UdToken[];
}

/** Whether the token is written without a space before the next one (MISC `SpaceAfter=No`). */
export function noSpaceAfter(token: UdToken): boolean {
  return token.misc.split('|').includes('SpaceAfter=No');
}

export function parseConllu(text: string, file = '<conllu>'): UdSentence[] {
  const sentences: UdSentence[] = [];
  let comments: string[] = [];
  let tokens: UdToken[] = [];
  let ids: string[] = [];
  let firstLine = 0;
  const end = (): void => {
    if (tokens.length) {
      tokens.forEach((t, i) => {
        if (t.head < -1 || t.head >= tokens.length) {
          throw new InputError(file, `sentence at line ${firstLine}: token ${ids[i]} has head ${t.head + 1}, outside the sentence`);
        }
      });
      sentences.push({ comments, tokens });
    }
    comments = [];
    tokens = [];
    ids = [];
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((line, n) => {
    if (line.trim() === '') return end();
    if (!tokens.length && !comments.length) firstLine = n + 1;
    if (line.startsWith('#')) {
      comments.push(line.replace(/^# ?/, ''));
      return;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) throw new InputError(file, `line ${n + 1}: expected 10 tab-separated columns, got ${cols.length}`);
    const id = cols[0]!;
    if (id.includes('-') || id.includes('.')) return;
    if (!/^\d+$/.test(id) || Number(id) !== tokens.length + 1) throw new InputError(file, `line ${n + 1}: token id ${id} out of sequence`);
    const head = cols[6] === '_' ? 0 : Number(cols[6]);
    if (!Number.isInteger(head)) throw new InputError(file, `line ${n + 1}: head "${cols[6]}" is not a number`);
    ids.push(id);
    tokens.push({
      form: cols[1]!, lemma: cols[2]!, upos: cols[3]!, xpos: cols[4]!, feats: cols[5]!,
      head: head - 1, deprel: cols[7]!, misc: cols[9]!,
    });
  });
  end();
  return sentences;
}

export function readConllu(file: string): UdSentence[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot read CoNLL-U file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseConllu(text, file);
}

/** CoNLL-U text of the sentences (basic tree only; DEPS is written as `_`). */
export function formatConllu(sentences: readonly UdSentence[]): string {
  const out: string[] = [];
  for (const s of sentences) {
    for (const c of s.comments) out.push(`# ${c}`);
    s.tokens.forEach((t, i) => {
      out.push([i + 1, t.form, t.lemma, t.upos, t.xpos, t.feats, t.head + 1, t.deprel, '_', t.misc].join('\t'));
    });
    out.push('');
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
