/**
 * Generators of bad article files for the fuzzer: each takes a seeded random source and returns one file's bytes and
 * extension. Names in the texts are invented; none comes from a real article.
 */
import { MAX_ARTICLE_BYTES } from '../../src/ingest/decode.js';

export type Rand = () => number;

export interface FuzzFile {
  ext: string;
  bytes: Uint8Array;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

export const int = (rand: Rand, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const chance = (rand: Rand, p: number): boolean => rand() < p;
/** A size between min and max, spread evenly on a log scale, so small and huge both come up. */
const logInt = (rand: Rand, min: number, max: number): number => Math.floor(Math.exp(Math.log(min) + rand() * (Math.log(max + 1) - Math.log(min))));
const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const concat = (...parts: Array<Uint8Array | number[]>): Uint8Array => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));

const EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.jsonl'] as const;
const TEXT_EXTENSIONS = ['.txt', '.txt', '.md', '.markdown'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Sentence material (invented names)

const PEOPLE = ['Anna Berg', 'Omar Haddad', 'Ingrid Olsen', 'Kofi Mensah', 'Dr. Marta Novak', 'Ms Varga', 'Tomas Brandt', 'Leila Amari'];
const ORGS = ['the Green Party', 'Harbour Workers Union', 'the Port Authority', 'Valmora Council', 'Northwind Shipping', 'the Liberty Front'];
const PLACES = ['Valmora', 'Ostberg', 'Lisbon', 'Kigali', 'São Tomé', 'Reykjavík'];
const TEMPLATES: Array<(rand: Rand) => string> = [
  (r) => `${pick(r, PEOPLE)} met ${pick(r, PEOPLE)} in ${pick(r, PLACES)} on Monday.`,
  (r) => `${pick(r, ORGS)} signed the declaration in ${pick(r, PLACES)}.`,
  (r) => `"We will not stop," said ${pick(r, PEOPLE)}, the leader of ${pick(r, ORGS)}.`,
  (r) => `${pick(r, PEOPLE)} called for a public inquiry into ${pick(r, ORGS)}.`,
  (r) => `More than ${int(r, 2, 5000)} workers joined the strike in ${pick(r, PLACES)}.`,
  (r) => `${pick(r, ORGS)}, based in ${pick(r, PLACES)}, rejected the open letter written by ${pick(r, PEOPLE)}.`,
  (r) => `${pick(r, PEOPLE)} told reporters that ${pick(r, ORGS)} had attacked the village.`,
];

export function sentence(rand: Rand): string {
  return pick(rand, TEMPLATES)(rand);
}

export function paragraphs(rand: Rand, count = int(rand, 1, 5)): string {
  return Array.from({ length: count }, () => Array.from({ length: int(rand, 1, 4) }, () => sentence(rand)).join(' ')).join('\n\n');
}

function dateLine(rand: Rand): string {
  const y = int(rand, 1990, 2030);
  const m = String(int(rand, 1, 12)).padStart(2, '0');
  const d = String(int(rand, 1, 28)).padStart(2, '0');
  return ` date ${y}-${m}-${d} ${pick(rand, ['Harbour Wire', 'The Valmora Post', 'Radio Ostberg'])}`;
}

/** A plausible article, sometimes with a date line: the base that the generators damage. */
export function article(rand: Rand): string {
  return `${chance(rand, 0.6) ? `${dateLine(rand)}\n\n` : ''}${paragraphs(rand)}\n`;
}

// Characters that are hard on decoders, tokenisers and writers.
const EXOTIC_SPACES = ['\u000b', '\u000c', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2006', '\u2007', '\u2008', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
const BIDI = ['\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const EMOJI = ['😀', '👩🏽‍⚖️', '🏳️‍🌈', '🇵🇹', '👨‍👩‍👧‍👦', '🤷🏿‍♂️', '\u{1F9D1}\u200D\u{1F680}', '#️⃣'];
const SCRIPTS = ['مريم حسن قالت', 'שלום עולם', 'Ελληνικά κείμενα', 'Русский текст', '中文新闻报道', '日本語の記事', 'ภาษาไทย', 'हिन्दी समाचार'];

function sprinkle(rand: Rand, text: string, pieces: readonly string[], count: number): string {
  const chars = [...text];
  for (let i = 0; i < count; i++) chars.splice(int(rand, 0, chars.length), 0, pick(rand, pieces));
  return chars.join('');
}

// ---------------------------------------------------------------------------------------------------------------
// The generators

function randomBytes(rand: Rand): FuzzFile {
  const n = logInt(rand, 1, 6000) - 1;
  const bytes = new Uint8Array(n);
  // Mostly text-like bytes now and then, so the binary check does not stop everything at the door.
  const textish = chance(rand, 0.5);
  for (let i = 0; i < n; i++) bytes[i] = textish && chance(rand, 0.9) ? int(rand, 0x20, 0x7e) : int(rand, 0, 255);
  return { ext: pick(rand, EXTENSIONS), bytes };
}

const INVALID_UTF8: number[][] = [[0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf],
  [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe], [0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98]];

function truncatedUtf8(rand: Rand): FuzzFile {
  const text = sprinkle(rand, article(rand), ['é', 'ß', '中', '😀', '€', 'ẞ', '🇵🇹'], int(rand, 1, 30));
  let bytes = utf8(text);
  if (chance(rand, 0.7)) bytes = bytes.subarray(0, int(rand, 0, bytes.length));
  const parts: Array<Uint8Array | number[]> = [];
  let at = 0;
  for (let k = int(rand, 0, 6); k > 0; k--) {
    const cut = int(rand, at, bytes.length);
    parts.push(bytes.subarray(at, cut), pick(rand, INVALID_UTF8));
    at = cut;
  }
  parts.push(bytes.subarray(at));
  return { ext: pick(rand, EXTENSIONS), bytes: concat(...parts) };
}

function encode(rand: Rand, text: string): Uint8Array {
  const encoding = pick(rand, ['utf8', 'utf16le', 'utf16be'] as const);
  if (encoding === 'utf8') return utf8(text);
  const le = Buffer.from(text, 'utf16le');
  return new Uint8Array(encoding === 'utf16le' ? le : Buffer.from(le).swap16());
}

function boms(rand: Rand): FuzzFile {
  const bom = pick(rand, [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0x00, 0x00], [0x00, 0x00, 0xfe, 0xff], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], [0xff, 0xfe, 0xff, 0xfe], [0xef, 0xbb]]);
  let body = encode(rand, article(rand));
  if (chance(rand, 0.3)) body = body.subarray(0, body.length - 1);
  return { ext: pick(rand, EXTENSIONS), bytes: concat(bom, body) };
}

function utf16NoBom(rand: Rand): FuzzFile {
  const le = Buffer.from(article(rand), 'utf16le');
  return { ext: pick(rand, EXTENSIONS), bytes: new Uint8Array(chance(rand, 0.5) ? le : Buffer.from(le).swap16()) };
}

function nulLaden(rand: Rand): FuzzFile {
  // Enough text first, now and then, that the NULs fall beyond the part the binary check looks at.
  const lead = chance(rand, 0.4) ? paragraphs(rand, 60) : '';
  const text = sprinkle(rand, article(rand), ['\u0000'], int(rand, 1, 40));
  return { ext: pick(rand, EXTENSIONS), bytes: utf8(`${lead}\n\n${text}`) };
}

function hugeLine(rand: Rand): FuzzFile {
  if (chance(rand, 0.01)) {
    // Just over the limit for one article.
    return { ext: pick(rand, TEXT_EXTENSIONS), bytes: new Uint8Array(Buffer.alloc(MAX_ARTICLE_BYTES + int(rand, 1, 4096), 'Anna Berg met Omar Haddad. ')) };
  }
  const length = logInt(rand, 1000, 400_000);
  const unit = pick(rand, [sentence(rand) + ' ', 'a', 'ab ', '-', '.', 'Mr. ', '"', '(', 'Berg ', '中', '😀', ', ']);
  const line = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  return { ext: pick(rand, TEXT_EXTENSIONS), bytes: utf8(`${chance(rand, 0.5) ? `${dateLine(rand)}\n\n` : ''}${line}`) };
}

function hostileHtml(rand: Rand): FuzzFile {
  const text = paragraphs(rand);
  const kind = int(rand, 0, 11);
  let html: string;
  switch (kind) {
    case 0: {
      // Deep nesting; past the parser's depth limit now and then.
      const depth = logInt(rand, 5, 3000);
      const tag = pick(rand, ['div', 'span', 'p', 'b', 'table', 'ul', 'li', 'section', 'a', 'font']);
      html = `<html><body>${`<${tag}>`.repeat(depth)}${text}${chance(rand, 0.5) ? `</${tag}>`.repeat(depth) : ''}</body></html>`;
      break;
    }
    case 1: html = `<p>${text.split(' ').join('<b><i><u>')}`; break;
    case 2: html = `<html><head><script>${text}</script><style>${text}</style></head><body><p>${text}<!-- ${text}</p></body></html>`; break;
    case 3: html = `<html><head><meta property="article:published_time" content="${pick(rand, ['2020-02-30', '9999-99-99', 'javascript:alert(1)', '2021-13-01T00:00', '', '2020-01-01'])}"><meta property="og:site_name" content="${pick(rand, ['<script>x</script>', '"quoted"', '', 'Harbour Wire', '\u202eevil'])}"><meta property="og:title" content="${pick(rand, ['', '&amp;&lt;', 'Title'])}"><link rel="canonical" href="javascript:alert(1)"></head><body><article>${text}</article></body></html>`; break;
    case 4: html = `<body>${'&amp;&#0;&#x110000;&#xD800;&nbsp;&lt;&gt;&bogus;&#65;&'.repeat(int(rand, 1, 500))}<p>${text}</p></body>`; break;
    case 5: html = `<body>${Array.from({ length: logInt(rand, 10, 20_000) }, (_, i) => `<p>${i % 7 === 0 ? sentence(rand) : 'x'}</p>`).join('')}</body>`; break;
    case 6: html = `<svg><foreignObject><p>${text}</p></foreignObject></svg><template><p>${text}</p></template><iframe srcdoc="<p>${text}</p>"></iframe><noscript>${text}</noscript>`; break;
    case 7: html = `<![CDATA[${text}]]><?php echo "${text}"; ?><!DOCTYPE html><html><html><body><body>${text}</html>`; break;
    case 8: html = `<p title="${'x'.repeat(logInt(rand, 10, 200_000))}">${text}</p><p ${'a=b '.repeat(int(rand, 1, 5000))}>${text}</p>`; break;
    case 9: html = text; break;
    case 10: html = `<table>${'<tr><td>'.repeat(int(rand, 1, 300))}${text}</table><select><option>${text}</select><textarea>${text}`; break;
    default: html = `<base href="http://evil.invalid/"><form><input value="${text}"><button>${text}</button></form><a href="${text}">${text}</a>`;
  }
  return { ext: pick(rand, ['.html', '.htm']), bytes: utf8(html) };
}

function jsonl(rand: Rand): FuzzFile {
  const lines: string[] = [];
  for (let n = int(rand, 0, 12); n > 0; n--) {
    const k = int(rand, 0, 13);
    const text = paragraphs(rand, int(rand, 1, 2));
    switch (k) {
      case 0: lines.push(JSON.stringify({ id: `a${n}`, title: 'Headline', date: '2020-01-02', publisher: 'Wire', url: 'https://x.invalid/1', text })); break;
      case 1: lines.push(JSON.stringify({ text }).slice(0, int(rand, 1, 40))); break;
      case 2: lines.push(pick(rand, ['null', '42', '"text"', '[]', 'true', '{}', '[{"text": "x"}]', '-', '{"text": }'])); break;
      case 3: lines.push(JSON.stringify({ text: pick(rand, [42, null, ['a'], { a: 1 }, true, '', '   ']) })); break;
      case 4: lines.push(JSON.stringify({ id: pick(rand, ['../../etc/passwd', 'a/b\\c', '', '.', '..', '__proto__', 'constructor', 'x'.repeat(5000)]), text })); break;
      case 5: lines.push(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "text": ${JSON.stringify(text)}}`); break;
      case 6: lines.push(JSON.stringify({ text, date: pick(rand, ['2020-02-30', 'Tuesday', '2020-01-01T25:99', '99999-01-01', 20200101, '']) })); break;
      case 7: { const depth = logInt(rand, 10, 200_000); lines.push(`${'['.repeat(depth)}${']'.repeat(depth)}`); break; }
      case 8: lines.push(JSON.stringify({ text: sprinkle(rand, text, ['\u0000', '\u2028', '\u0007', '\ud800', '\udc00'], 5) })); break;
      case 9: lines.push(JSON.stringify({ body: text, title: 5, publisher: ['x'] })); break;
      case 10: lines.push(' \t '); break;
      case 11: lines.push(JSON.stringify({ text: text.repeat(logInt(rand, 1, 200)) })); break;
      case 12: lines.push(`{"text": "${'\\u0041'.repeat(int(rand, 1, 1000))}\\ud800\\q"}`); break;
      default: lines.push(JSON.stringify({ id: 'dup', text })); break;
    }
  }
  const eol = pick(rand, ['\n', '\r\n', '\r']);
  return { ext: '.jsonl', bytes: utf8(`${chance(rand, 0.1) ? '\ufeff' : ''}${lines.join(eol)}${chance(rand, 0.5) ? eol : ''}`) };
}

function badDateLine(rand: Rand): FuzzFile {
  const date = pick(rand, ['2020-02-30', '2021-02-29', '2020-2-3', '20200101', '2020-00-10', '0000-01-01', '9999-12-31', '+002020-01-01', '2020/01/02',
    '2020-01-01T00:00:00Z', 'yesterday', '', '2024-02-29', '1999-12-32', '٢٠٢٠-٠١-٠١', '2020‐01‐01', 'null', '2020-01-01\u0000']);
  const keyword = pick(rand, [' date', 'date', 'DATE', '\tDaTe', 'date:', ' dated', ' date\u00a0', '  date  ', 'date\u3000']);
  const publisher = pick(rand, ['', 'Wire', 'The <b>Post</b>', '"Quoted" & Co', 'مريم', '\u202eevil', '😀 News', 'x'.repeat(logInt(rand, 1, 50_000)), '\u0007bell', '=HYPERLINK("x")']);
  const body = chance(rand, 0.8) ? paragraphs(rand) : pick(rand, ['', '\n', '   ']);
  return { ext: pick(rand, TEXT_EXTENSIONS), bytes: utf8(`${keyword} ${date} ${publisher}${pick(rand, ['\n', '\r\n', '\r', ''])}${pick(rand, ['\n', ''])}${body}`) };
}

function controlChars(rand: Rand): FuzzFile {
  const controls = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007f', '\u0080', '\u009b', '\u001b[31m', '\u001b]0;title\u0007'];
  const text = sprinkle(rand, article(rand), controls, logInt(rand, 1, 400));
  return { ext: pick(rand, EXTENSIONS), bytes: utf8(text) };
}

function rtlEmoji(rand: Rand): FuzzFile {
  let text = sprinkle(rand, article(rand), [...BIDI, ...EMOJI, ...SCRIPTS, '\u0301', '\u0308', '\ufe0f', '\u{E0041}', '\uE000', '\ufffe', '\uffff', '\u{10FFFF}'], int(rand, 1, 60));
  if (chance(rand, 0.3)) text += ` ${pick(rand, PEOPLE)}${'\u0301\u0308\u0323'.repeat(int(rand, 1, 200))}`;
  let bytes = utf8(text);
  // Lone surrogates as WTF-8 bytes, which UTF-8 forbids.
  if (chance(rand, 0.3)) bytes = concat(bytes, [0xed, 0xa0, 0x80], utf8(sentence(rand)), [0xed, 0xb0, 0x80]);
  return { ext: pick(rand, EXTENSIONS), bytes };
}

function longTokens(rand: Rand): FuzzFile {
  const token = () => {
    const n = logInt(rand, 100, 200_000);
    const unit = pick(rand, ['a', 'Ab', '9', 'x-', 'A.', "'", 'é', 'https://x.invalid/', '中', 'Berg-', '_']);
    return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  };
  const text = `${sentence(rand)} ${token()} ${pick(rand, PEOPLE)} ${token()}. ${sentence(rand)}`;
  return { ext: pick(rand, TEXT_EXTENSIONS), bytes: utf8(text) };
}

function emptyish(rand: Rand): FuzzFile {
  const text = pick(rand, ['', ' ', '\n', '\r\n\r\n', '\t\t', '\u3000', '\u00a0', '\ufeff', '\u200b', ...EXOTIC_SPACES.map((s) => s.repeat(3)),
    ' date 2020-01-01 Wire\n', ' date 2020-01-01\n\n\n', '#', '# \n', '<html></html>', '<p> </p>', '<!-- -->', '{}\n', '\n\n\n\n', '*', '---', '> ']);
  const bytes = chance(rand, 0.2) ? concat([0xef, 0xbb, 0xbf], utf8(text)) : utf8(text);
  return { ext: pick(rand, EXTENSIONS), bytes };
}

function markdown(rand: Rand): FuzzFile {
  const text = paragraphs(rand);
  const n = logInt(rand, 10, 200_000);
  const kind = int(rand, 0, 8);
  const md = [
    () => `# ${text}${' '.repeat(n)}#`,
    () => `${'['.repeat(n)}${text}`,
    () => `${'![a]('.repeat(Math.ceil(n / 5))}${text}`,
    () => `${'**'.repeat(n)}${text}`,
    () => `${'*a_'.repeat(Math.ceil(n / 3))}${text}`,
    () => `${'> '.repeat(Math.min(n, 5000))}${text}\n${'- '.repeat(Math.min(n, 5000))}${text}`,
    () => `\`\`\`\n${text}\n${'`'.repeat(n)}`,
    () => `${'#'.repeat(Math.min(n, 5000))} ${text}\n\n[${text}](${'('.repeat(Math.min(n, 5000))}`,
    () => `# Heading ${'#'.repeat(n)}\n\n${text} [link](http://x.invalid/a_(b)) ![img](y.png "t")`,
  ][kind]!();
  return { ext: pick(rand, ['.md', '.markdown']), bytes: utf8(`${chance(rand, 0.5) ? `${dateLine(rand)}\n\n` : ''}${md}`) };
}

function unicodeSpaces(rand: Rand): FuzzFile {
  const text = sprinkle(rand, article(rand), EXOTIC_SPACES, int(rand, 1, 80));
  return { ext: pick(rand, EXTENSIONS), bytes: utf8(chance(rand, 0.5) ? `${text}${pick(rand, EXOTIC_SPACES).repeat(int(rand, 1, 20))}` : text) };
}

export const GENERATORS = {
  'random-bytes': randomBytes,
  'truncated-utf8': truncatedUtf8,
  bom: boms,
  'utf16-no-bom': utf16NoBom,
  'nul-laden': nulLaden,
  'huge-line': hugeLine,
  'hostile-html': hostileHtml,
  'malformed-jsonl': jsonl,
  'bad-date-line': badDateLine,
  'control-chars': controlChars,
  'rtl-emoji': rtlEmoji,
  'long-tokens': longTokens,
  'empty-or-whitespace': emptyish,
  'hostile-markdown': markdown,
  'unicode-spaces': unicodeSpaces,
} satisfies Record<string, (rand: Rand) => FuzzFile>;

export type GeneratorName = keyof typeof GENERATORS;
export const GENERATOR_NAMES = Object.keys(GENERATORS) as GeneratorName[];
