import { describe, expect, it } from 'vitest';
import { IdentityTable, TableBuilder } from '../../src/resolve/identity-table.js';
import { partitionCorpus, partitionTable, type ResolveInput } from '../../src/resolve/corpus.js';
import type { EntityKind, LocalEntity } from '../../src/schema/index.js';

type E = [id: string, kind: EntityKind, label: string, extra?: Partial<LocalEntity>];

function article(id: string, entities: E[]): ResolveInput & { extractorVersion: string } {
  return {
    article: { id },
    extractorVersion: `v-${id}`,
    entities: entities.map(([eid, kind, label, extra]) => ({ id: eid, kind, label, aliases: [label], mentions: [0, 1], origin: 'name', attrs: {}, ...extra })),
  };
}

const corpus = [
  article('a', [['e1', 'person', 'Ana Diaz', { aliases: ['Ana Diaz', 'Mrs Diaz'], category: 'politician' }], ['e2', 'organisation', 'Dock Workers Union', { attrs: { founded: 1921, strike: true } }]]),
  article('b', [['e1', 'organisation', 'DWU'], ['e2', 'event', 'the strike', { origin: 'description', mentions: [] }]]),
  article('c', [['e9', 'place', 'Oslo, Norway', { aliases: ['Oslo, Norway', 'Oslo 😀 "quoted"\n'] }]]),
];

const rebuilt = (table: IdentityTable) => Array.from({ length: table.size }, (_, i) => ({ article: table.articleId(i), ...table.entity(i) }));
const asRead = (inputs: typeof corpus) => inputs.flatMap((x) => x.entities.map((e) => ({ article: x.article.id, ...e, mentions: { length: e.mentions.length } })));

describe('the identity table', () => {
  it('gives back every entity as resolution reads it after a round trip through its bytes', () => {
    const table = IdentityTable.decode(Buffer.concat(IdentityTable.from(corpus).encode()));
    expect(table.articleIds).toEqual(['a', 'b', 'c']);
    expect(Array.from(table.version, (v) => table.strings[v])).toEqual(['v-a', 'v-b', 'v-c']);
    expect(rebuilt(table).map((e) => ({ ...e, mentions: { length: e.mentions.length } }))).toEqual(asRead(corpus));
  });

  it('refuses bytes cut short or with anything after them', () => {
    const bytes = Buffer.concat(IdentityTable.from(corpus).encode());
    expect(() => IdentityTable.decode(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
    expect(() => IdentityTable.decode(bytes.subarray(0, 40))).toThrow();
    expect(() => IdentityTable.decode(Buffer.concat([bytes, Buffer.from([0, 0, 0, 0])]))).toThrow(/damaged/);
  });

  it('keeps each node key it is given, and the node survives a round trip', () => {
    const table = IdentityTable.from(corpus);
    const keys = partitionTable(table).nodes;
    const kept = IdentityTable.decode(Buffer.concat(table.withNodes(keys).encode()));
    expect(Array.from(kept.columns.node, (id) => kept.strings[id])).toEqual([...keys]);
  });

  it('built on the last table, partitions as a table made afresh, though a label repeats under a new id', () => {
    // Counted by id, the three labels below would tie and alphabetical order would pick "Tomas Berg".
    const before = [article('a', [['e1', 'person', 'TOMAS BERG']]), article('c', [['e1', 'person', 'Tomas Berg']])];
    const last = IdentityTable.from(before);
    const added = article('b', [['e1', 'person', 'TOMAS BERG'], ['e2', 'organisation', 'Harbour Board']]);
    const builder = new TableBuilder(last);
    builder.copy(0);
    builder.add(added);
    builder.copy(1);
    const updated = builder.finish();
    expect(updated.articleIds).toEqual(['a', 'b', 'c']);
    const fresh = partitionCorpus([before[0]!, added, before[1]!]);
    const partition = partitionTable(updated);
    expect(partition.nodes).toEqual(fresh.nodes);
    expect(partition.keys).toEqual(fresh.keys);
    expect(partition.describe('person:tomas berg').entity.label).toBe('TOMAS BERG');
    expect(rebuilt(updated).map((e) => e.label)).toEqual(['TOMAS BERG', 'TOMAS BERG', 'Harbour Board', 'Tomas Berg']);
  });

  it('keeps the name facts it worked out, and drops facts that other rules worked out', () => {
    const table = IdentityTable.from(corpus);
    const partition = partitionTable(table);
    const bytes = Buffer.concat(table.withNodes(partition.nodes).encode());
    const kept = IdentityTable.decode(bytes);
    // Known before any rule asks: read from the file.
    expect(kept.nameFacts().keys).toEqual(expect.arrayContaining(['ana diaz', 'dock workers union', 'dwu']));
    expect(partitionTable(kept).nodes).toEqual(partition.nodes);

    // The same bytes, but the facts said to come from other rules (same length, so the columns stay in place).
    const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8');
    const version = (JSON.parse(header) as { facts: { version: string } }).facts.version;
    const other = `${version.slice(0, -1)}${version.endsWith('x') ? 'y' : 'x'}`;
    const stale = Buffer.concat([Buffer.from(header.replace(version, other), 'utf8'), bytes.subarray(header.length)]);
    const redone = IdentityTable.decode(stale);
    expect(redone.nameFacts().keys).toEqual([]);
    expect(partitionTable(redone).nodes).toEqual(partition.nodes);
  });

  it('refuses a table damaged in place: any number out of its range, in any column, the name facts included', () => {
    const table = IdentityTable.from(corpus);
    const bytes = Buffer.concat(table.withNodes(partitionTable(table).nodes).encode());
    let columnsAt = 0;
    for (let lines = 0; lines < 4; lines++) columnsAt = bytes.indexOf(0x0a, columnsAt) + 1;
    columnsAt += (4 - (columnsAt % 4)) % 4;
    expect((bytes.length - columnsAt) / 4).toBeGreaterThan(60);
    for (let at = columnsAt; at < bytes.length; at += 4) {
      const damaged = Buffer.from(bytes);
      damaged.writeInt32LE(0x7fffffff, at);
      expect(() => IdentityTable.decode(damaged), `int at byte ${at}`).toThrow('identity table: damaged');
    }
  });

  it('numbers its strings afresh once updates have doubled them, and still partitions as a fresh table', () => {
    const inputs = [...corpus];
    let table = IdentityTable.decode(Buffer.concat(IdentityTable.from(inputs).withNodes(partitionTable(IdentityTable.from(inputs)).nodes).encode()));
    const sizes: number[] = [];
    for (let k = 0; k < 12; k++) {
      // Each update adds an article naming what others name: its strings repeat texts the table has.
      const added = article(`d${String(k).padStart(2, '0')}`, [['e1', 'person', 'Ana Diaz'], ['e2', 'organisation', 'Dock Workers Union'], ['e3', 'place', `Port ${k % 3}`]]);
      inputs.push(added);
      const builder = new TableBuilder(table);
      for (let a = 0; a < table.articleIds.length; a++) builder.copy(a);
      builder.add(added);
      const next = builder.finish();
      table = IdentityTable.decode(Buffer.concat(next.withNodes(partitionTable(next).nodes).encode()));
      sizes.push(table.strings.length);
      expect(table.strings.length).toBeLessThanOrEqual(2 * table.numbered);
    }
    // It grew, was numbered afresh at least once, and never held a text twice more than the rule allows.
    expect(sizes.some((n, k) => k > 0 && n < sizes[k - 1]!), sizes.join(' ')).toBe(true);
    expect(partitionTable(table).nodes).toEqual(partitionTable(IdentityTable.from(inputs)).nodes);
    expect(rebuilt(table).map((e) => e.label)).toEqual(asRead(inputs).map((e) => e.label));
  });
});
