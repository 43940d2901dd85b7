/**
 * Hand-made graphs for the export and query tests: a small realistic story (two articles, parallel edges, a
 * symmetric relation, multi-sentence evidence) and a hostile one whose text holds everything that breaks writers.
 * Every sentence here is written for the tests.
 */
import { createNewsGraph, type NewsGraph } from '../../src/graph/io.js';
import { ARTICLE_CATEGORY, KINDS, RELATIONS, SCHEMA_VERSION, type EntityKind, type Evidence, type NodeAttrs, type RelationId } from '../../src/schema/index.js';

type NodeInput = Partial<NodeAttrs> & { label: string; kind: EntityKind };

export class GraphBuilder {
  readonly graph: NewsGraph = createNewsGraph();
  private n = 0;
  constructor(articleCount: number) {
    this.graph.replaceAttributes({ schemaVersion: SCHEMA_VERSION, generator: 'tests', extractorVersion: 'tests', articleCount });
  }

  node(key: string, input: NodeInput): string {
    const i = this.n++;
    this.graph.addNode(key, {
      aliases: [input.label], articles: [], mentions: 1,
      x: Math.cos(i) * 100, y: 0 - Math.sin(i) * 100, size: 5 + i, color: KINDS[input.kind].color,
      ...input,
    });
    return key;
  }

  article(id: string, date: string | undefined, publisher: string, title: string): string {
    return this.node(`article:${id}`, {
      label: title, kind: 'document', category: ARTICLE_CATEGORY, aliases: [id], articles: [id], file: `seeds/${id}.txt`,
      publisher, title, ...(date ? { date } : {}),
    });
  }

  edge(source: string, relation: RelationId, target: string, evidence: Array<[article: string, sentence: string]>, confidence = 0.8): string {
    const key = `${source}->${relation}->${target}`;
    let offset = 0;
    const ev: Evidence[] = evidence.map(([article, sentence]) => {
      const e: Evidence = { article, sentence, start: offset + 2, end: offset + Math.min(sentence.length, 12), sentenceStart: offset };
      offset += sentence.length + 1;
      return e;
    });
    this.graph.addEdgeWithKey(key, source, target, { relation, label: RELATIONS[relation].label, evidence: ev, weight: ev.length, confidence });
    return key;
  }
}

/** Harbour workers, an open letter and a port inquiry, over two dated articles. */
export function smallNewsGraph(): NewsGraph {
  const b = new GraphBuilder(2);
  const a1 = b.article('harbour-1', '2023-03-01', 'Coastal Herald', 'Dock workers demand port inquiry');
  const a2 = b.article('harbour-2', '2023-03-09', 'Valmora Post', 'Mayor meets union leader');
  const herald = b.node('organisation:coastal herald', { label: 'Coastal Herald', kind: 'organisation', category: 'publisher', articles: ['harbour-1'] });
  const post = b.node('organisation:valmora post', { label: 'Valmora Post', kind: 'organisation', category: 'publisher', articles: ['harbour-2'] });
  const union = b.node('organisation:harbour workers union', { label: 'Harbour Workers Union', kind: 'organisation', aliases: ['HWU', 'Harbour Workers Union', 'the union'], articles: ['harbour-1', 'harbour-2'], mentions: 6 });
  const ana = b.node('person:ana ferreira', { label: 'Ana Ferreira', kind: 'person', aliases: ['Ana Ferreira', 'Ferreira'], articles: ['harbour-1', 'harbour-2'], mentions: 5, title: 'General Secretary', nationality: 'Portuguese' });
  const tomas = b.node('person:tomas lindqvist', { label: 'Tomas Lindqvist', kind: 'person', aliases: ['Lindqvist', 'Tomas Lindqvist'], articles: ['harbour-2'], mentions: 3, title: 'Mayor' });
  const tomasB = b.node('person:tomas berg', { label: 'Tomas Berg', kind: 'person', aliases: ['Tomas Berg'], articles: ['harbour-2'], mentions: 1 });
  const workers = b.node('group:dock workers', { label: 'dock workers', kind: 'group', category: 'workers', aliases: ['dock workers', 'more than 200 dock workers'], articles: ['harbour-1'], mentions: 3, count: 200, approx: true });
  const letter = b.node('document:open letter@harbour-1', { label: 'open letter', kind: 'document', category: 'letter', aliases: ['letter', 'open letter'], articles: ['harbour-1'], mentions: 4 });
  const inquiry = b.node('event:public inquiry into the port closure', { label: 'public inquiry into the port closure', kind: 'event', category: 'inquiry', aliases: ['inquiry', 'public inquiry', 'public inquiry into the port closure'], articles: ['harbour-1', 'harbour-2'], mentions: 4 });
  const authority = b.node('organisation:port authority', { label: 'Port Authority', kind: 'organisation', aliases: ['Port Authority'], articles: ['harbour-1'], mentions: 2, kindVotes: { place: 1 } });
  const valmora = b.node('place:valmora', { label: 'Valmora', kind: 'place', aliases: ['Valmora'], articles: ['harbour-1', 'harbour-2'], mentions: 4 });
  const strike = b.node('event:strike@harbour-1', { label: 'strike', kind: 'event', category: 'strike', aliases: ['strike', 'two-day strike'], articles: ['harbour-1'], mentions: 2, date: '2023-02-27' });
  b.node('person:elena ruiz', { label: 'Elena Ruiz', kind: 'person', aliases: ['Elena Ruiz'], articles: ['harbour-2'], mentions: 1 });
  b.node('place:são tomé', { label: 'São Tomé', kind: 'place', aliases: ['São Tomé'], articles: ['harbour-2'], mentions: 1 });

  const s1 = 'More than 200 dock workers signed an open letter calling for a public inquiry into the port closure.';
  const s2 = 'The letter, written by the Harbour Workers Union, was delivered on Monday.';
  const s3 = 'Union leader Ana Ferreira called for a public inquiry into the port closure.';
  const s4 = 'The Port Authority, based in Valmora, rejected calls for an inquiry.';
  const s5 = 'Mayor Tomas Lindqvist met Ana Ferreira on Thursday.';
  const s6 = 'Ferreira, who heads the Harbour Workers Union, said the strike would continue.';
  b.edge(a1, 'reported_by', herald, [['harbour-1', 'date 2023-03-01 Coastal Herald']], 1);
  b.edge(a2, 'reported_by', post, [['harbour-2', 'date 2023-03-09 Valmora Post']], 1);
  b.edge(workers, 'signed', letter, [['harbour-1', s1]], 0.9);
  b.edge(union, 'authored', letter, [['harbour-1', s2]], 0.85);
  b.edge(letter, 'called_for', inquiry, [['harbour-1', s1]], 0.8);
  b.edge(ana, 'called_for', inquiry, [['harbour-1', s3], ['harbour-2', 'Ferreira repeated her call for a public inquiry.']], 0.96);
  b.edge(ana, 'leads', union, [['harbour-1', s3], ['harbour-2', s6]], 0.95);
  // A second relation between the same pair: the graph is a multigraph.
  b.edge(ana, 'member_of', union, [['harbour-2', s6]], 0.6);
  b.edge(workers, 'member_of', union, [['harbour-1', 'The dock workers belong to the Harbour Workers Union.']], 0.7);
  b.edge(authority, 'opposes', inquiry, [['harbour-1', s4]], 0.75);
  b.edge(authority, 'located_in', valmora, [['harbour-1', s4]], 0.7);
  // Symmetric: stored once, source and target in key order.
  b.edge(ana, 'met_with', tomas, [['harbour-2', s5]], 0.9);
  b.edge(tomas, 'leads', valmora, [['harbour-2', s5]], 0.65);
  b.edge(union, 'organised', strike, [['harbour-1', s6]], 0.7);
  b.edge(strike, 'located_in', valmora, [['harbour-1', 'The two-day strike in Valmora closed the port.']], 0.8);
  b.edge(tomasB, 'participated_in', strike, [['harbour-2', 'Tomas Berg joined the strike.']], 0.5);
  return b.graph;
}

/** Text that breaks naive writers: markup, quotes, control characters, emoji, right-to-left text, formulas. */
export const HOSTILE = {
  markup: `Smith & Sons <b>"Ltd"</b> 'quoted'`,
  control: 'Bell\u0007 Esc\u001b[31mRed\u001b[0m Nul\u0000 VT\u000b FF\u000c',
  emoji: 'Ana 👩🏽‍⚖️ Ferreira 🚢',
  rtl: 'مريم حسن \u202Eevil\u202C שלום',
  surrogates: 'lone \uD800 high and \uDC00 low, non-chars \uFFFE\uFFFF',
  whitespace: 'line one\nline two\r\nline three\ttabbed',
  formulaEq: '=HYPERLINK("http://example.invalid","click")',
  formulaPlus: '+1+2',
  formulaMinus: '-3-4',
  formulaAt: '@SUM(A1:A9)',
  formulaTab: '\tleading tab',
  cypherBreak: `x'}) DETACH DELETE n // \\' \\"`,
  backslashes: 'C:\\temp\\new\\u0041 \\\\server',
} as const;

export function hostileGraph(): NewsGraph {
  const b = new GraphBuilder(1);
  const art = b.article('odd-1', '2024-07-14', `Publisher "${HOSTILE.markup}"`, `Title ${HOSTILE.rtl}`);
  const keys = Object.entries(HOSTILE).map(([name, text], i) => {
    const kind = (['person', 'organisation', 'group', 'place', 'event', 'document'] as const)[i % 6]!;
    return b.node(`${kind}:${name} ${text}`, {
      label: text, kind, aliases: [text, `${name} ${text}`, HOSTILE.markup], articles: ['odd-1'], mentions: i + 1,
      ...(i % 3 === 0 ? { title: HOSTILE.whitespace, nationality: HOSTILE.rtl } : {}),
    });
  });
  b.edge(art, 'reported_by', b.node('organisation:publisher', { label: `Publisher "${HOSTILE.markup}"`, kind: 'organisation', articles: ['odd-1'] }), [['odd-1', HOSTILE.control]], 1);
  // Edges between consecutive hostile nodes, each with hostile evidence; relations chosen to suit the kinds.
  for (let i = 0; i + 1 < keys.length; i++) {
    const texts = Object.values(HOSTILE);
    b.edge(keys[i]!, 'related_to', keys[i + 1]!, [['odd-1', `${texts[i]} — ${texts[i + 1]}`], ['odd-1', HOSTILE.cypherBreak]], 0.5);
  }
  return b.graph;
}
