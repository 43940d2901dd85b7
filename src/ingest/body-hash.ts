/**
 * An article body's identity: equal bodies are one article (built once), and a changed body is a changed article.
 * Kept apart from the extractor, so reading a corpus never loads it.
 */
import * as crypto from 'node:crypto';

export function bodyHash(body: string): string {
  // The one-shot hash (Node 20.12+) skips the Hash object; older Nodes take the streaming way.
  const hex = typeof crypto.hash === 'function' ? crypto.hash('sha256', body, 'hex') : crypto.createHash('sha256').update(body).digest('hex');
  return hex.slice(0, 16);
}
