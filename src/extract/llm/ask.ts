/**
 * Asking a model about one article: the requests (one per part that fits `maxTokens`), and the answers, each read as
 * the contract's JSON. A malformed answer is asked again once, with what was wrong; a cut one once as it was.
 */
import type { Article } from '../../schema/index.js';
import { parseAnswer } from './answer.js';
import { LlmError, type ChatClient } from './chat-client.js';
import type { PartAnswer } from './ground.js';
import { answerTokens, estimateTokens, splitArticle, textBudget, type Span } from './parts.js';
import { messagesFor, repairMessages, systemPrompt, userMessage, type Candidate, type ChatMessage } from './prompt.js';

export interface PartRequest {
  messages: ChatMessage[];
  /** The part of the body sent. */
  span: Span;
}

/** The requests for `article`, one per part; none for an empty body. */
export function requestsFor(article: Article, maxTokens: number, candidates?: readonly Candidate[]): PartRequest[] {
  const withCandidates = candidates?.length ? { candidates } : {};
  // A text file's headline opens its body: sent once.
  const withTitle = article.title && !article.body.trimStart().startsWith(article.title) ? { title: article.title } : {};
  const promptTokens = estimateTokens(systemPrompt() + userMessage({ ...withTitle, text: '', part: 1, parts: 2, ...withCandidates }));
  const budget = textBudget(maxTokens, promptTokens);
  if (typeof budget === 'string') throw new LlmError(budget, true);
  const spans = splitArticle(article.body, budget);
  return spans.map((span, i) => ({
    span,
    messages: messagesFor({ ...withTitle, text: article.body.slice(span.start, span.end), part: i + 1, parts: spans.length, ...withCandidates }),
  }));
}

/** A part's answer, with the JSON as the model gave it (what the cache keeps). */
export type AskedAnswer = PartAnswer & { value: unknown };

/** Every part's answer, in order; an LlmError when a part has none after its second try. */
export async function askArticle(client: ChatClient, requests: readonly PartRequest[], maxTokens: number): Promise<AskedAnswer[]> {
  const room = answerTokens(maxTokens);
  const answers: AskedAnswer[] = [];
  for (const { messages } of requests) {
    let asked = messages;
    for (let attempt = 0; ; attempt++) {
      const reply = await client.complete(asked, room);
      const cut = reply.finishReason === 'length';
      const parsed = cut ? undefined : parseAnswer(reply.content);
      if (parsed?.ok) {
        answers.push({ answer: parsed.answer, malformedItems: parsed.malformedItems, value: parsed.value });
        break;
      }
      const problem = parsed ? `not the JSON asked for: ${parsed.error}` : `cut off at ${room} tokens (raise --llm-max-tokens)`;
      if (attempt > 0) throw new LlmError(`the answer was ${problem}, twice`);
      asked = parsed ? repairMessages(messages, reply.content, `not the JSON object asked for (${parsed.error})`) : messages;
    }
  }
  return answers;
}
