/**
 * One article file → the articles it holds. Knows files and formats, nothing about language.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Article } from '../schema/index.js';
import { InputError, describeError } from '../errors.js';
import { decodeArticleBytes, MAX_ARTICLE_BYTES } from './decode.js';
import { parseMarkdownArticle, parseTextArticle } from './text-article.js';
import { parseHtmlArticle } from './html-article.js';
import { parseJsonlArticles } from './jsonl-articles.js';

export interface ReadResult {
  articles: Article[];
  warnings: string[];
}

/** A JSONL corpus may be far larger than one article. */
const MAX_JSONL_BYTES = 512 * 1024 * 1024;

/** An article's id: its file name without the extension. */
export function articleIdFor(file: string): string {
  return basename(file, extname(file));
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied (unreadable file)' : code === 'EISDIR' ? 'is a folder' : (error as Error).message;
    throw new InputError(file, why);
  }
}

/** Third-party parsers fed with whatever a web page holds: one that throws on a page costs that page, not the build. */
function parseHtmlFile(text: string, info: { id: string; file: string }): Article {
  try {
    return parseHtmlArticle(text, info);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(info.file, `HTML could not be parsed (${describeError(error)})`);
  }
}

export function readArticleFile(file: string): ReadResult {
  const ext = extname(file).toLowerCase();
  const bytes = readBytes(file);
  const info = { id: articleIdFor(file), file };
  const { text, warnings } = decodeArticleBytes(bytes, file, ext === '.jsonl' ? MAX_JSONL_BYTES : MAX_ARTICLE_BYTES);
  if (!text.trim()) throw new InputError(file, 'empty file');
  if (ext === '.jsonl') {
    const result = parseJsonlArticles(text, info);
    return { articles: result.articles, warnings: [...warnings, ...result.warnings] };
  }
  const article = ext === '.html' || ext === '.htm' ? parseHtmlFile(text, info)
    : ext === '.md' || ext === '.markdown' ? parseMarkdownArticle(text, info)
    : parseTextArticle(text, info);
  if (!article.body.trim()) throw new InputError(file, 'no article text after the header');
  return { articles: [article], warnings };
}
