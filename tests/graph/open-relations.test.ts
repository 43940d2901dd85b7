/**
 * Open relations (related_to with the text's predicate phrase) as the graph keeps them: one edge per phrase and
 * direction, evidence gathered like any edge's, the phrase kept through the build's index, checked by the contract,
 * and graphs of schema version 1 still loading. Hand-made relations, so the rule is tested apart from the extractor.
 */
import { describe, expect, it } from 'vitest';
import { collectEdges, edgeAttributes, nodeOfMap } from '../../src/graph/build.js';
import { indexRecord, relationsOf } from '../../src/corpus/build-state.js';
import { contractProblems } from '../../src/graph/validate.js';
import { parseGraph } from '../../src/graph/io.js';
import { SCHEMA_VERSION, type CorpusExtraction, type LocalRelation } from '../../src/schema/index.js';

const ATLAS = 'organisation:atlas shipping';
const MERIDIAN = 'organisation:meridian freight';
const ZARA = 'person:zara quinn';

/** Local ids a (Atlas), m (Meridian), z (Zara) in every article. */
const nodeOf = nodeOfMap(new Map(['x', 'y', 'w'].flatMap((article) => [[`${article}#a`, ATLAS], [`${article}#m`, MERIDIAN], [`${article}#z`, ZARA]])));

function open(source: string, target: string, phrase: string, start: number): LocalRelation {
  return {
    source, relation: 'related_to', target, label: phrase, open: true, confidence: 0.5,
    evidence: { sentence: `Sentence at ${start}.`, sentenceStart: start, start, end: start + 12 },
  };
}

describe('edges of open relations', () => {
  const edges = collectEdges([
    { article: { id: 'x' }, relations: [open('a', 'm', 'acquired', 0), open('a', 'm', 'sued', 40)] },
    { article: { id: 'y' }, relations: [open('a', 'm', 'acquired', 10), open('m', 'a', 'acquired', 60)] },
    { article: { id: 'w' }, relations: [open('z', 'a', 'advised', 5), { ...open('z', 'a', 'plain', 90), open: undefined, label: undefined }] },
  ], nodeOf);

  it('are one per phrase between two nodes; the same phrase gathers its sentences from every article', () => {
    const acquired = edges.get(`${ATLAS}->related_to:acquired->${MERIDIAN}`)!;
    expect(acquired.evidence.map((e) => [e.article, e.start])).toEqual([['x', 0], ['y', 10]]);
    expect(edges.get(`${ATLAS}->related_to:sued->${MERIDIAN}`)!.evidence.map((e) => e.article)).toEqual(['x']);
    expect(edgeAttributes(acquired)).toMatchObject({ relation: 'related_to', label: 'acquired', open: true, weight: 2 });
  });

  it('keep the direction the text gives, though related_to is symmetric', () => {
    // "Meridian acquired Atlas" is another statement than "Atlas acquired Meridian".
    const back = edges.get(`${MERIDIAN}->related_to:acquired->${ATLAS}`)!;
    expect([back.source, back.target]).toEqual([MERIDIAN, ATLAS]);
    // The person key sorts after the organisation's, and the open relation still runs from the person.
    expect(edges.get(`${ZARA}->related_to:advised->${ATLAS}`)).toMatchObject({ source: ZARA, target: ATLAS });
    // A plain related_to is stored once, its ends in key order, with the relation's own words and no `open`.
    const plain = edges.get(`${ATLAS}->related_to->${ZARA}`)!;
    expect(edgeAttributes(plain)).toMatchObject({ label: 'related to' });
    expect(edgeAttributes(plain)).not.toHaveProperty('open');
    expect(edges.size).toBe(5);
  });

  it('come back from the build index with their phrase, so an update gathers them as a full build does', () => {
    const relations = [open('a', 'm', 'acquired', 0), open('a', 'm', 'sued', 40), { ...open('z', 'a', 'x', 90), relation: 'supports' as const, label: undefined, open: undefined }];
    const extraction = { article: { id: 'x', file: 'x.txt' }, entities: [], relations, extractorVersion: 't' } as unknown as CorpusExtraction;
    const back = relationsOf(JSON.parse(JSON.stringify(indexRecord(extraction, 'k'))) as ReturnType<typeof indexRecord>);
    expect(back.map((r) => [r.relation, r.label, r.open])).toEqual([['related_to', 'acquired', true], ['related_to', 'sued', true], ['supports', undefined, undefined]]);
    const fromIndex = collectEdges([{ article: { id: 'x' }, relations: back }], nodeOf);
    expect([...fromIndex.keys()].sort()).toEqual([...collectEdges([{ article: { id: 'x' }, relations }], nodeOf).keys()].sort());
  });
});

describe('the contract on open relations', () => {
  const graphWith = (attributes: Record<string, unknown>, schemaVersion = SCHEMA_VERSION) => ({
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    attributes: { schemaVersion, generator: 't', extractorVersion: 't', articleCount: 1 },
    nodes: [ATLAS, MERIDIAN].map((key) => ({ key, attributes: { label: key, kind: 'organisation', aliases: [key], articles: ['x'], mentions: 1, x: 0, y: 0, size: 1, color: '#000000' } })),
    edges: [{
      key: `${ATLAS}->related_to:acquired->${MERIDIAN}`, source: ATLAS, target: MERIDIAN,
      attributes: { relation: 'related_to', label: 'acquired', open: true, evidence: [{ article: 'x', sentence: 'Atlas acquired Meridian.', start: 0, end: 23, sentenceStart: 0 }], weight: 1, confidence: 0.5, ...attributes },
    }],
  });

  it('accepts the phrase as the label of an open relation', () => {
    expect(contractProblems(graphWith({}))).toEqual([]);
  });

  it.each([
    ['a phrase on a relation that is not open', { open: undefined }, "label is not the relation's label"],
    ['open on another relation than related_to', { relation: 'supports' }, 'an open relation is stored as related_to, not supports'],
    ['an open relation without a phrase', { label: ' ' }, 'an open relation has no phrase in label'],
    ['open that is not true', { open: 'yes', label: 'related to' }, 'open is "yes", not true'],
  ])('rejects %s', (_what, change, problem) => {
    // Through JSON, as a file gives it: an undefined attribute is absent.
    const problems = contractProblems(JSON.parse(JSON.stringify(graphWith(change))));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('loads a graph of schema version 1 as the current version', () => {
    const v1 = graphWith({}, 1);
    // Version 1 had no open relations: its edges carried the relation's words.
    v1.edges[0]!.key = `${ATLAS}->related_to->${MERIDIAN}`;
    Object.assign(v1.edges[0]!.attributes, { label: 'related to', open: undefined });
    const graph = parseGraph(JSON.stringify(v1), 'old.json');
    expect(graph.getAttribute('schemaVersion')).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(2);
    expect(graph.getEdgeAttribute(`${ATLAS}->related_to->${MERIDIAN}`, 'label')).toBe('related to');
  });
});
