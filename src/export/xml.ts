/**
 * XML text for the GEXF and GraphML writers. Article text reaches these files, so every string goes through here:
 * markup characters are escaped and characters XML 1.0 cannot carry at all are dropped, since no escape exists for
 * them (`&#1;` is as invalid as the raw byte) and one stray control character would make the whole file unreadable.
 */

import { NewsgraphError } from '../errors.js';

// C0 controls other than tab, newline and carriage return; unpaired surrogates; the two non-characters U+FFFE/FFFF.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` without the characters XML 1.0 forbids. */
// Anything that may need work; most strings have none of it and skip the replacements.
const SUSPECT = /[\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NEEDS_ATTRIBUTE_WORK = /[&<>"'\u0000-\u001F\u0085\u2028\uD800-\uDFFF\uFFFE\uFFFF]/;
const NEEDS_TEXT_WORK = /[&<>\u0000-\u001F\u0085\u2028\uD800-\uDFFF\uFFFE\uFFFF]/;

export function dropForbiddenXmlChars(text: string): string {
  return SUSPECT.test(text) ? text.replace(FORBIDDEN, '') : text;
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;',
  // Parsers normalise raw tabs and line breaks in attribute values to spaces; character references survive.
  '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
  // XML 1.1 line ends: parsers that normalise them as such (xmldom, which graphology-gexf and -graphml read with) turn
  // raw NEL and LINE SEPARATOR into "\n", which breaks the evidence JSON; character references survive every parser.
  '\u0085': '&#133;', '\u2028': '&#8232;',
};
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;', '\u0085': '&#133;', '\u2028': '&#8232;' };

export function escapeXmlAttribute(value: string): string {
  if (!NEEDS_ATTRIBUTE_WORK.test(value)) return value;
  return dropForbiddenXmlChars(value).replace(/[&<>"'\t\n\r\u0085\u2028]/g, (c) => ATTRIBUTE_ESCAPES[c]!);
}

export function escapeXmlText(value: string): string {
  if (!NEEDS_TEXT_WORK.test(value)) return value;
  return dropForbiddenXmlChars(value).replace(/[&<>\r\u0085\u2028]/g, (c) => TEXT_ESCAPES[c]!);
}

export type XmlAttributeValue = string | number | boolean | undefined;

/**
 * A streaming-style XML builder that appends to an array of lines: enough for two flat formats, fast on 100k-node
 * graphs, and impossible to misuse into unescaped output because every value goes through the escapers.
 */
export class XmlWriter {
  private readonly chunks: string[] = [];
  private parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private readonly stack: string[] = [];
  constructor(private readonly indent: string) {}

  // Small pieces are joined into flat chunks as they come: millions of live fragments would keep the garbage
  // collector busy for most of a large export.
  private push(piece: string): void {
    this.parts.push(piece);
    if (this.parts.length >= 4096) {
      this.chunks.push(this.parts.join(''));
      this.parts = [];
    }
  }

  private pad(): string {
    return this.indent ? `\n${this.indent.repeat(this.stack.length)}` : '';
  }

  private static attributes(attrs: Array<[string, XmlAttributeValue]>): string {
    let s = '';
    for (const [name, value] of attrs) {
      if (value === undefined) continue;
      s += ` ${name}="${escapeXmlAttribute(String(value))}"`;
    }
    return s;
  }

  open(name: string, attrs: Array<[string, XmlAttributeValue]> = []): this {
    this.push(`${this.pad()}<${name}${XmlWriter.attributes(attrs)}>`);
    this.stack.push(name);
    return this;
  }

  empty(name: string, attrs: Array<[string, XmlAttributeValue]> = []): this {
    this.push(`${this.pad()}<${name}${XmlWriter.attributes(attrs)}/>`);
    return this;
  }

  text(name: string, text: string, attrs: Array<[string, XmlAttributeValue]> = []): this {
    this.push(`${this.pad()}<${name}${XmlWriter.attributes(attrs)}>${escapeXmlText(text)}</${name}>`);
    return this;
  }

  close(): this {
    const name = this.stack.pop();
    if (name === undefined) throw new Error('xml: close() without an open element');
    this.push(`${this.pad()}</${name}>`);
    return this;
  }

  toString(): string {
    if (this.stack.length) throw new Error(`xml: unclosed element <${this.stack[this.stack.length - 1]}>`);
    return `${this.chunks.join('')}${this.parts.join('')}\n`;
  }
}

/** Keeps ids unique after dropping forbidden characters, so edges cannot silently point at the wrong node. */
export function xmlIds(keys: Iterable<string>, format: string): Map<string, string> {
  const ids = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const key of keys) {
    const id = dropForbiddenXmlChars(key);
    const other = owner.get(id);
    if (other !== undefined) {
      throw new NewsgraphError(`${format}: keys ${JSON.stringify(other)} and ${JSON.stringify(key)} become the same id once characters XML cannot hold are dropped`);
    }
    owner.set(id, key);
    ids.set(key, id);
  }
  return ids;
}
