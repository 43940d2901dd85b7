/**
 * Language-model answers kept between builds, one file per article under `graph/.cache/llm-answers/`, keyed by the
 * article (text and metadata) and what shaped the answer (back-end, model, prompt version, token budget). They outlive
 * the extraction cache's entries: when newsgraph's own code changes, the answers are grounded again without asking.
 * Each file is a JSON list of answers in the public shape (docs/llm.md), so it can be fed back as saved answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../schema/index.js';
import { writeFileAtomic } from '../graph/atomic-write.js';
import { readAnswer } from '../extract/llm/answer.js';
import type { PartAnswer } from '../extract/llm/ground.js';
import { NewsgraphError } from '../errors.js';
import { cacheKey } from './cache.js';

export class AnswerCache {
  constructor(readonly dir: string, private readonly version: string) {}

  private path(article: Article): string {
    return join(this.dir, `${cacheKey(article, this.version)}.json`);
  }

  /** The answers kept for `article`; undefined when there are none or they cannot be read. */
  get(article: Article): PartAnswer[] | undefined {
    try {
      return readAnswers(JSON.parse(readFileSync(this.path(article), 'utf8')));
    } catch {
      return undefined;
    }
  }

  put(article: Article, values: readonly unknown[]): void {
    writeFileAtomic(this.path(article), `${JSON.stringify(values)}\n`, { durable: false });
  }
}

/** A list of answers, or one answer, as a saved-answer file or a cache file holds them; throws on another shape. */
export function readAnswers(data: unknown): PartAnswer[] {
  return (Array.isArray(data) ? data : [data]).map((value, i) => {
    const parsed = readAnswer(value);
    if (!parsed.ok) throw new Error(`answer ${i + 1}: ${parsed.error}`);
    return { answer: parsed.answer, malformedItems: parsed.malformedItems };
  });
}

/** The saved answer for `article` in `dir` (`<article id>.json`), read as the model's would be. */
export function readSavedAnswer(dir: string, article: Article): PartAnswer[] {
  const path = join(dir, `${article.id}.json`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new NewsgraphError(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no saved answer for this article' : (error as Error).message}`);
  }
  try {
    return readAnswers(JSON.parse(text));
  } catch (error) {
    throw new NewsgraphError(`${path}: ${(error as Error).message.split('\n')[0]}`);
  }
}
