// @ts-check
/**
 * wink-nlp alone reading a folder of articles, as src/nlp/wink.ts calls it (the same pipes, `readDoc`, then each
 * token's value, spacing, POS and lemma and each sentence's span), for bench/reuters.ts to time as a whole process:
 * the model load counts, as it does in a build. Plain JavaScript, run by node without tsx (see dist.ts).
 *
 *   node bench/lib/wink-read.mjs DIR DIST_URL   → one JSON line: articles, bodyBytes, tokens, sentences, loadSeconds
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [dir, distUrl] = process.argv.slice(2);
if (!dir || !distUrl) {
  console.error('usage: node bench/lib/wink-read.mjs DIR DIST_URL');
  process.exit(2);
}
const started = performance.now();
const require = createRequire(import.meta.url);
const winkNLP = require('wink-nlp');
const nlp = winkNLP(require('wink-eng-lite-web-model'), ['sbd', 'pos']);
const its = nlp.its;
const loadSeconds = (performance.now() - started) / 1000;
// The body the build reads (date line and headline handled as the CLI does), not the raw file.
const { parseTextArticle } = await import(new URL('ingest/text-article.js', distUrl).href);

let articles = 0;
let bodyBytes = 0;
let tokens = 0;
let sentences = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  const { body } = parseTextArticle(readFileSync(join(dir, file), 'utf8'), { id: file.slice(0, -4), file });
  const doc = nlp.readDoc(body);
  const t = doc.tokens();
  const values = t.out(its.value);
  t.out(its.precedingSpaces);
  t.out(its.pos);
  t.out(its.lemma);
  doc.sentences().each((s) => { s.out(its.span); sentences++; });
  articles++;
  bodyBytes += Buffer.byteLength(body);
  tokens += values.length;
}
console.log(JSON.stringify({ articles, bodyBytes, tokens, sentences, loadSeconds }));
