/**
 * JSON Lines corpora: one article per line with `id`, `title`, `date`, `publisher`, `url`, `text`.
 */
import type { Article } from '../schema/index.js';
import { InputError } from '../errors.js';
import { checkIsoDate } from './header.js';
import { normaliseBody } from './text-article.js';

export interface JsonlResult {
  articles: Article[];
  warnings: string[];
}

const optionalString = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * Each bad line is skipped with a warning naming the file and line; a file where no line is usable is an error.
 */
export function parseJsonlArticles(text: string, info: { id: string; file: string }): JsonlResult {
  const articles: Article[] = [];
  const warnings: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${info.file}:${index + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      warnings.push(`${where}: not valid JSON; line skipped`);
      return;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      warnings.push(`${where}: not a JSON object; line skipped`);
      return;
    }
    const r = record as Record<string, unknown>;
    const body = typeof r.text === 'string' ? normaliseBody(r.text) : typeof r.body === 'string' ? normaliseBody(r.body) : '';
    if (!body.trim()) {
      warnings.push(`${where}: no "text"; line skipped`);
      return;
    }
    let date = optionalString(r.date);
    if (date) {
      const iso = /^\d{4}-\d{2}-\d{2}/.exec(date)?.[0];
      if (!iso || checkIsoDate(iso)) {
        warnings.push(`${where}: date "${date.slice(0, 40)}" is not YYYY-MM-DD; date ignored`);
        date = undefined;
      } else date = iso;
    }
    const id = optionalString(r.id) ?? `${info.id}-${index + 1}`;
    const title = optionalString(r.title);
    const publisher = optionalString(r.publisher);
    const url = optionalString(r.url);
    articles.push({
      id: id.replace(/[\\/]/g, '_'), file: `${info.file}:${index + 1}`, body,
      ...(title ? { title } : {}), ...(date ? { date } : {}), ...(publisher ? { publisher } : {}), ...(url ? { url } : {}),
    });
  });
  if (!articles.length) throw new InputError(info.file, warnings.length ? `no usable article lines (${warnings.length} bad)` : 'empty file');
  return { articles, warnings };
}
