/**
 * A tiny, strict reader for the Cypher the exporter writes, so the tests can prove each statement is well formed
 * and every literal decodes back to the original text. It knows Neo4j's string escapes (\\ \' \" \n \r \t \b \f
 * \uXXXX \UXXXXXXXX) and rejects any other, as Neo4j does.
 */

export type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

/** Splits a script into statements at semicolons outside strings, quoted names and comments; checks brackets. */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = skipQuoted(script, i);
      current += script.slice(i, end);
      i = end;
      continue;
    }
    if (c === '/' && script[i + 1] === '/') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end;
      continue;
    }
    if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      if (end < 0) throw new Error('unterminated block comment');
      i = end + 2;
      continue;
    }
    if ('([{'.includes(c)) stack.push(c);
    if (')]}'.includes(c) && stack.pop() !== pairs[c]) throw new Error(`unbalanced ${c} at ${i}`);
    if (c === ';') {
      if (stack.length) throw new Error(`statement ends inside ${stack.join('')}`);
      statements.push(current.trim());
      current = '';
    } else {
      current += c;
    }
    i++;
  }
  if (current.trim()) throw new Error(`text after the last statement: ${current.trim().slice(0, 40)}`);
  return statements;
}

function skipQuoted(s: string, start: number): number {
  const q = s[start]!;
  for (let i = start + 1; i < s.length; i++) {
    if (q !== '`' && s[i] === '\\') { i++; continue; }
    if (s[i] === q) {
      if (q === '`' && s[i + 1] === '`') { i++; continue; }
      return i + 1;
    }
  }
  throw new Error(`unterminated ${q} starting at ${start}`);
}

export class LiteralReader {
  pos = 0;
  constructor(readonly text: string) {}

  private ws(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  expect(word: string): void {
    this.ws();
    if (!this.text.startsWith(word, this.pos)) throw new Error(`expected ${JSON.stringify(word)} at ${this.pos}: ${this.text.slice(this.pos, this.pos + 30)}`);
    this.pos += word.length;
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  value(): Literal {
    this.ws();
    const c = this.text[this.pos];
    if (c === "'" || c === '"') return this.string();
    if (c === '[') return this.list();
    if (c === '{') return this.map();
    const word = /^(?:true|false|null)\b/.exec(this.text.slice(this.pos));
    if (word) {
      this.pos += word[0].length;
      return word[0] === 'null' ? null : word[0] === 'true';
    }
    const num = /^-?(?:\d+\.\d+|\d+|\.\d+)(?:[eE]-?\d+)?/.exec(this.text.slice(this.pos));
    if (num) {
      this.pos += num[0].length;
      return Number(num[0]);
    }
    throw new Error(`no literal at ${this.pos}: ${this.text.slice(this.pos, this.pos + 30)}`);
  }

  string(): string {
    const q = this.text[this.pos++]!;
    let out = '';
    for (;;) {
      const c = this.text[this.pos++];
      if (c === undefined) throw new Error('unterminated string');
      if (c === q) return out;
      if (c !== '\\') { out += c; continue; }
      const e = this.text[this.pos++];
      const simple: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
      if (e !== undefined && e in simple) out += simple[e];
      else if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        const hex = this.text.slice(this.pos, this.pos + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Error(`bad \\${e} escape at ${this.pos}`);
        out += String.fromCodePoint(parseInt(hex, 16));
        this.pos += len;
      } else throw new Error(`invalid escape \\${e} at ${this.pos}`);
    }
  }

  private list(): Literal[] {
    this.pos++;
    const items: Literal[] = [];
    this.ws();
    if (this.text[this.pos] === ']') { this.pos++; return items; }
    for (;;) {
      items.push(this.value());
      this.ws();
      const c = this.text[this.pos++];
      if (c === ']') return items;
      if (c !== ',') throw new Error(`expected , or ] at ${this.pos - 1}`);
    }
  }

  private map(): Record<string, Literal> {
    this.pos++;
    const out: Record<string, Literal> = {};
    this.ws();
    if (this.text[this.pos] === '}') { this.pos++; return out; }
    for (;;) {
      this.ws();
      const name = this.name();
      this.expect(':');
      if (name in out) throw new Error(`duplicate key ${name}`);
      out[name] = this.value();
      this.ws();
      const c = this.text[this.pos++];
      if (c === '}') return out;
      if (c !== ',') throw new Error(`expected , or } at ${this.pos - 1}`);
    }
  }

  name(): string {
    this.ws();
    if (this.text[this.pos] === '`') {
      const end = skipQuoted(this.text, this.pos);
      const name = this.text.slice(this.pos + 1, end - 1).replace(/``/g, '`');
      this.pos = end;
      return name;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!m) throw new Error(`expected a name at ${this.pos}`);
    this.pos += m[0].length;
    return m[0];
  }
}
