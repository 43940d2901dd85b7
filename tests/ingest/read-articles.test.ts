import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readArticleFile } from '../../src/ingest/read-articles.js';
import { discoverArticleFiles } from '../../src/ingest/discover.js';
import { useTmp } from '../helpers/tmp.js';

const tmp = useTmp();

describe('readArticleFile', () => {
  it('reads an HTML article: main text without navigation or scripts, metadata from meta tags', () => {
    const dir = tmp();
    const file = join(dir, 'story.html');
    writeFileSync(file, `<!doctype html><html><head><title>Site | Council backs plan</title>
      <meta property="og:title" content="Council backs plan"><meta property="og:site_name" content="The Courier">
      <meta property="article:published_time" content="2022-03-04T09:00:00Z"><link rel="canonical" href="https://example.org/a">
      <script>alert("x")</script></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
      <article><h1>Council backs plan</h1><p>The city council backed the plan on Monday, its leader Jane Doe said.</p>
      <p>Opponents called for a public inquiry into the costs of the project, which has been delayed twice.</p></article>
      <footer>Copyright</footer></body></html>`);
    const { articles } = readArticleFile(file);
    expect(articles).toHaveLength(1);
    const a = articles[0]!;
    expect(a).toMatchObject({ id: 'story', title: 'Council backs plan', date: '2022-03-04', publisher: 'The Courier', url: 'https://example.org/a' });
    expect(a.body).toContain('The city council backed the plan on Monday');
    expect(a.body).toContain('\n\nOpponents called for a public inquiry');
    expect(a.body).not.toContain('alert');
    expect(a.body).not.toContain('Copyright');
  });

  it('reads a JSONL corpus, one article per line, and skips bad lines with a warning naming the line', () => {
    const dir = tmp();
    const file = join(dir, 'feed.jsonl');
    writeFileSync(file, [
      JSON.stringify({ id: 'a1', title: 'One', date: '2020-01-02', publisher: 'Wire', url: 'https://x/1', text: 'First article text.' }),
      '{not json',
      JSON.stringify({ id: 'a2', text: 'Second article text.', date: 'Tuesday' }),
      '',
    ].join('\n'));
    const { articles, warnings } = readArticleFile(file);
    expect(articles.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(articles[0]).toMatchObject({ title: 'One', date: '2020-01-02', publisher: 'Wire', url: 'https://x/1', body: 'First article text.' });
    expect(articles[1]!.date).toBeUndefined();
    expect(warnings).toEqual([`${file}:2: not valid JSON; line skipped`, `${file}:3: date "Tuesday" is not YYYY-MM-DD; date ignored`]);
  });

  it('reads Markdown: the first heading is the title and markup is dropped', () => {
    const dir = tmp();
    const file = join(dir, 'note.md');
    writeFileSync(file, ' date 2020-05-06 Blog\n\n# Mayor **resigns**\n\nThe [mayor](https://x) resigned *today*.');
    const a = readArticleFile(file).articles[0]!;
    expect(a.title).toBe('Mayor resigns');
    expect(a.body).toBe('Mayor resigns\n\nThe mayor resigned today.');
  });

  it('decodes UTF-16 with a byte-order mark and UTF-8 with one', () => {
    const dir = tmp();
    const text = 'Zoë met the ministers in São Paulo.';
    writeFileSync(join(dir, 'le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(dir, 'bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(readArticleFile(join(dir, 'le.txt')).articles[0]!.body).toBe(text);
    expect(readArticleFile(join(dir, 'bom.txt')).articles[0]!.body).toBe(text);
  });

  it('replaces invalid UTF-8 and warns with the byte offset', () => {
    const dir = tmp();
    const file = join(dir, 'bad.txt');
    writeFileSync(file, Buffer.concat([Buffer.from('Good start '), Buffer.from([0xc3, 0x28]), Buffer.from(' end.')]));
    const { articles, warnings } = readArticleFile(file);
    expect(articles[0]!.body).toBe('Good start \uFFFD( end.');
    expect(warnings).toEqual([`${file}: invalid UTF-8 at byte 11; bad bytes replaced with U+FFFD`]);
  });

  it.each([
    ['empty.txt', Buffer.alloc(0), 'empty file'],
    ['blank.txt', Buffer.from('  \n\n  '), 'empty file'],
    ['header-only.txt', Buffer.from(' date 2020-01-01 Wire\n'), 'no article text after the header'],
    ['binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]), 'binary file, not text'],
  ])('refuses %s with "%s"', (name, bytes, problem) => {
    const dir = tmp();
    const file = join(dir, name);
    writeFileSync(file, bytes);
    expect(() => readArticleFile(file)).toThrow(`${file}: ${problem}`);
  });

  it('refuses an article above the size limit without reading it as text', () => {
    const dir = tmp();
    const file = join(dir, 'huge.txt');
    writeFileSync(file, Buffer.alloc(9 * 1024 * 1024, 0x61));
    expect(() => readArticleFile(file)).toThrow(/huge\.txt: too large \(9437184 bytes; the limit for one article is 8388608 bytes\)/);
  });
});

describe('discoverArticleFiles', () => {
  it('finds article files recursively in a stable order, skipping hidden entries and other files', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'b', 'c'), { recursive: true });
    mkdirSync(join(dir, '.hidden'));
    for (const f of ['b/c/z.txt', 'a.md', 'b/y.html', 'notes.pdf', '.hidden/x.txt', 'feed.jsonl']) writeFileSync(join(dir, f), 'x');
    expect(discoverArticleFiles([dir]).map((f) => f.slice(dir.length + 1))).toEqual(['a.md', 'b/c/z.txt', 'b/y.html', 'feed.jsonl']);
  });

  it('names the path that does not exist', () => {
    expect(() => discoverArticleFiles(['/no/such/place'])).toThrow('/no/such/place: no such file or folder');
  });

  it('says when a folder holds no articles', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.pdf'), 'x');
    expect(() => discoverArticleFiles([dir])).toThrow(`${dir}: no articles found (looked for .txt, .md, .markdown, .html, .htm, .jsonl)`);
  });
});
