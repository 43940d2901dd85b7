import { describe, expect, it } from 'vitest';
import { findFrames, type Frame } from '../../src/extract/frames/frames.js';
import { SentenceTree } from '../../src/extract/tree/sentence-tree.js';
import type { Sentence, Token } from '../../src/schema/index.js';

/**
 * Frames read off hand-written trees, so these tests pin the frame rules whatever the parser makes of a sentence.
 * Each line: form lemma UPOS XPOS head(1-based, 0 = root) deprel, as in CoNLL-U.
 */
function tree(conllu: string, names: Sentence['names'] = []): SentenceTree {
  const tokens: Token[] = [];
  let offset = 0;
  for (const line of conllu.trim().split('\n')) {
    const [text, lemma, upos, tag, head, deprel] = line.trim().split(/\s+/) as [string, string, string, string, string, string];
    tokens.push({ text, lemma, lower: text.toLowerCase(), pos: upos, upos, tag, head: Number(head) - 1, deprel, start: offset, end: offset + text.length });
    offset += text.length + 1;
  }
  const sentence: Sentence = { start: 0, end: offset - 1, tokens, names };
  return new SentenceTree(sentence);
}

/** "lemma: role=word, role=word" for each frame, for readable comparisons. */
function show(t: SentenceTree, frames: Frame[]): string[] {
  return frames.map((f) => {
    const args = f.args.map((a) => `${a.role}=${t.tokens[a.token]!.text}`).sort().join(' ');
    const flags = [f.passive ? 'passive' : '', f.negated ? 'negated' : '', f.mood !== 'asserted' ? f.mood : ''].filter(Boolean).join(' ');
    return `${f.lemma}${flags ? ` [${flags}]` : ''}: ${args}`;
  });
}

describe('verb frames', () => {
  it('read the passive: the subject is the patient, the by-phrase the agent', () => {
    const t = tree(`
      accord accord NOUN NN 3 nsubj:pass
      was be AUX VBD 3 aux:pass
      signed sign VERB VBN 0 root
      by by ADP IN 5 case
      Nepal Nepal PROPN NNP 3 obl:agent
      and and CCONJ CC 7 cc
      Bhutan Bhutan PROPN NNP 5 conj`);
    expect(show(t, findFrames(t))).toEqual(['sign [passive]: agent=Bhutan agent=Nepal patient=accord']);
  });

  it('share subjects and a following object between coordinated verbs', () => {
    const t = tree(`
      Assembly assembly PROPN NNP 2 nsubj
      drafted draft VERB VBD 0 root
      and and CCONJ CC 4 cc
      published publish VERB VBD 2 conj
      report report NOUN NN 2 obj`);
    expect(show(t, findFrames(t))).toEqual(['draft: agent=Assembly patient=report', 'publish: agent=Assembly patient=report']);
  });

  it('give a controlled verb its controller and say who wants it done', () => {
    // "Union urged Ministry to reject budget"
    const t = tree(`
      Union union PROPN NNP 2 nsubj
      urged urge VERB VBD 0 root
      Ministry ministry PROPN NNP 2 obj
      to to PART TO 5 mark
      reject reject VERB VB 2 xcomp
      budget budget NOUN NN 5 obj`);
    const frames = findFrames(t);
    expect(show(t, frames)).toEqual(['urge: agent=Union patient=Ministry xobj=budget', 'reject [irrealis]: agent=Ministry patient=budget']);
    expect(frames[1]!.wantedBy?.map((i) => t.tokens[i]!.text)).toEqual(['Union']);
  });

  it('negate what is refused, and mark what is attempted or agreed', () => {
    const refuse = tree(`
      Party party PROPN NNP 2 nsubj
      refused refuse VERB VBD 0 root
      to to PART TO 4 mark
      endorse endorse VERB VB 2 xcomp
      reform reform NOUN NN 4 obj`);
    expect(show(refuse, findFrames(refuse))[1]).toBe('endorse [irrealis]: agent=Party patient=reform');
    const agree = tree(`
      Cooperative cooperative PROPN NNP 2 nsubj
      agreed agree VERB VBD 0 root
      to to PART TO 4 mark
      sign sign VERB VB 2 xcomp
      accord accord NOUN NN 4 obj`);
    expect(show(agree, findFrames(agree))[1]).toBe('sign [intended]: agent=Cooperative patient=accord');
    const negated = tree(`
      Portugal Portugal PROPN NNP 4 nsubj
      did do AUX VBD 4 aux
      not not PART RB 4 advmod
      sign sign VERB VB 0 root
      treaty treaty NOUN NN 4 obj`);
    expect(show(negated, findFrames(negated))).toEqual(['sign [negated]: agent=Portugal patient=treaty']);
  });

  it('treat a possibility as unasserted', () => {
    const t = tree(`
      Norway Norway PROPN NNP 3 nsubj
      might might AUX MD 3 aux
      join join VERB VB 0 root
      Alliance alliance PROPN NNP 3 obj`);
    expect(show(t, findFrames(t))).toEqual(['join [irrealis]: agent=Norway patient=Alliance']);
  });

  it('read relative clauses through their pronoun, and a shared object of coordinated relative verbs', () => {
    // "treaty, which Ukraine signed but Belarus rejected"
    const t = tree(`
      treaty treaty NOUN NN 0 root
      which which PRON WDT 4 obj
      Ukraine Ukraine PROPN NNP 4 nsubj
      signed sign VERB VBD 1 acl:relcl
      but but CCONJ CC 7 cc
      Belarus Belarus PROPN NNP 7 nsubj
      rejected reject VERB VBD 4 conj`);
    expect(show(t, findFrames(t))).toEqual(['sign: agent=Ukraine patient=treaty', 'reject: agent=Belarus patient=treaty']);
  });

  it('take a verb and its object as one predicate when the lexicon lists them together', () => {
    const t = tree(`
      Delegates delegate NOUN NNS 2 nsubj
      held hold VERB VBD 0 root
      talks talk NOUN NNS 2 obj
      with with ADP IN 5 case
      officials official NOUN NNS 2 obl`);
    expect(show(t, findFrames(t))).toEqual(['hold talks: agent=Delegates obl:with=officials']);
  });

  it('make a participle clause\'s noun its patient', () => {
    // "a ruling issued by the court"
    const t = tree(`
      ruling ruling NOUN NN 0 root
      issued issue VERB VBN 1 acl
      by by ADP IN 4 case
      court court NOUN NN 2 obl:agent`);
    expect(show(t, findFrames(t))).toEqual(['issue [passive]: agent=court patient=ruling']);
  });
});

describe('tree repairs', () => {
  it('make a participle with a by-phrase that the parser took for the main verb a clause of its noun again', () => {
    // The parser's reading of "The resolution adopted by the Diet condemns the expulsion".
    const t = tree(`
      resolution resolution NOUN NN 2 nsubj
      adopted adopt VERB VBN 6 advcl
      by by ADP IN 5 case
      the the DET DT 5 det
      Diet diet PROPN NNP 2 obl:agent
      condemns condemn VERB VBZ 0 root
      expulsion expulsion NOUN NN 6 obj`);
    expect(show(t, findFrames(t)).filter((f) => !f.startsWith('expulsion'))).toEqual(['adopt [passive]: agent=Diet patient=resolution', 'condemn: agent=resolution patient=expulsion']);
  });

  it('give a verb without a subject the noun the parser hung in apposition inside a fronted phrase', () => {
    // "In a statement, the Union condemned the arrest", read with "Union" in apposition to "statement".
    const t = tree(`
      In in ADP IN 3 case
      a a DET DT 3 det
      statement statement NOUN NN 7 obl
      , , PUNCT , 6 punct
      the the DET DT 6 det
      Union union PROPN NNP 3 appos
      condemned condemn VERB VBD 0 root
      arrest arrest NOUN NN 7 obj`);
    expect(show(t, findFrames(t)).find((f) => f.startsWith('condemn'))).toBe('condemn: agent=Union obl:in=statement patient=arrest');
  });

  it('make a reporting verb hung under the clause it follows the head again, the noun after the comma its subject', () => {
    // "Norway will join the pact, its minister said", read with "said" a clause of "join" and "minister" its ccomp.
    const t = tree(`
      Norway Norway PROPN NNP 2 nsubj
      join join VERB VB 0 root
      pact pact NOUN NN 2 obj
      , , PUNCT , 6 punct
      its its PRON PRP$ 6 nmod:poss
      minister minister NOUN NN 7 ccomp
      said say VERB VBD 2 advcl`);
    expect(t.head(6)).toBe(-1);
    expect(show(t, findFrames(t))).toEqual(['join: agent=Norway patient=pact', 'say: agent=minister reported=join']);
  });

  it('make a title read as a second subject a word of the name after it', () => {
    // "its leader Enid Carrow warned", read with "leader" and "Carrow" both subjects.
    const t = tree(`
      its its PRON PRP$ 2 nmod:poss
      leader leader NOUN NN 5 nsubj
      Enid Enid PROPN NNP 4 flat
      Carrow Carrow PROPN NNP 5 nsubj
      warned warn VERB VBD 0 root`);
    expect([t.head(1), t.deprel(1)]).toEqual([3, 'compound']);
  });

  it('make a role after coordinated names and a comma, read as a second subject, their apposition', () => {
    // "Ines Carvalho, members of the party, walked out"
    const t = tree(`
      Ines Ines PROPN NNP 2 flat
      Carvalho Carvalho PROPN NNP 8 nsubj
      , , PUNCT , 4 punct
      members member NOUN NNS 8 nsubj
      of of ADP IN 7 case
      the the DET DT 7 det
      party party NOUN NN 4 nmod
      walked walk VERB VBD 0 root`);
    expect([t.head(3), t.deprel(3)]).toEqual([1, 'appos']);
  });

  it('make a name after a comma, hung on the verb without a preposition, the apposition of the noun before it', () => {
    // "met the council president, Irene Falk, in Bergen", read with "Falk" an oblique of "met".
    const t = tree(`
      met meet VERB VBD 0 root
      the the DET DT 4 det
      council council NOUN NN 4 compound
      president president NOUN NN 1 obj
      , , PUNCT , 7 punct
      Irene Irene PROPN NNP 7 flat
      Falk Falk PROPN NNP 1 obl`);
    expect([t.head(6), t.deprel(6)]).toEqual([3, 'appos']);
  });

  it('give a verb the first of two coordinated subjects the parser hung inside a fronted phrase', () => {
    // "In a letter on Monday, the Miners Union and the Dockers League denounced the lockout"
    const t = tree(`
      In in ADP IN 3 case
      a a DET DT 3 det
      letter letter NOUN NN 14 obl
      on on ADP IN 5 case
      Monday Monday PROPN NNP 3 nmod
      , , PUNCT , 9 punct
      the the DET DT 9 det
      Miners Miners PROPN NNPS 9 compound
      Union Union PROPN NNP 5 appos
      and and CCONJ CC 13 cc
      the the DET DT 13 det
      Dockers Dockers PROPN NNPS 13 compound
      League League PROPN NNP 14 nsubj
      denounced denounce VERB VBD 0 root
      lockout lockout NOUN NN 14 obj`);
    expect(show(t, findFrames(t)).find((f) => f.startsWith('denounce'))).toBe('denounce: agent=League agent=Union obl:in=letter patient=lockout');
  });

  it("move a person's name in apposition to a place inside a noun phrase, and the names coordinated after it, to the phrase's head", () => {
    // "The commander of troops in Darfur, Adam Yahya, and Tijani Sese signed the accord"
    const t = tree(`
      The the DET DT 2 det
      commander commander NOUN NN 13 nsubj
      of of ADP IN 4 case
      troops troop NOUN NNS 2 nmod
      in in ADP IN 6 case
      Darfur Darfur PROPN NNP 4 nmod
      , , PUNCT , 9 punct
      Adam Adam PROPN NNP 9 flat
      Yahya Yahya PROPN NNP 6 appos
      and and CCONJ CC 12 cc
      Tijani Tijani PROPN NNP 12 flat
      Sese Sese PROPN NNP 6 conj
      signed sign VERB VBD 0 root
      accord accord NOUN NN 13 obj`, [
      { start: 5, end: 6, type: 'LOC', confidence: 0.9 }, { start: 7, end: 9, type: 'PER', confidence: 0.9 }, { start: 10, end: 12, type: 'PER', confidence: 0.9 },
    ]);
    expect([t.head(8), t.head(11)]).toEqual([1, 1]);
    expect(show(t, findFrames(t)).find((f) => f.startsWith('sign'))).toBe('sign: agent=Sese agent=commander patient=accord');
  });

  it("make the possessed noun the head again when the parser made the possessor head ('X's director, Y, said')", () => {
    const t = tree(`
      Trust Trust PROPN NNP 7 nsubj
      's 's PART POS 1 case
      regional regional ADJ JJ 4 amod
      director director NOUN NN 1 list
      , , PUNCT , 6 punct
      Samira Samira PROPN NNP 4 appos
      said say VERB VBD 0 root`);
    expect([t.head(3), t.deprel(3), t.head(0), t.deprel(0)]).toEqual([6, 'nsubj', 3, 'nmod:poss']);
  });

  it('read a role after a name and a comma as its apposition for passive subjects too', () => {
    // "Rafael Ortiz, a former member of the Front, was jailed"
    const t = tree(`
      Rafael Rafael PROPN NNP 2 flat
      Ortiz Ortiz PROPN NNP 10 nsubj:pass
      , , PUNCT , 6 punct
      a a DET DT 6 det
      former former ADJ JJ 6 amod
      member member NOUN NN 10 nsubj:pass
      of of ADP IN 8 case
      Front Front PROPN NNP 6 nmod
      was be AUX VBD 10 aux:pass
      jailed jail VERB VBN 0 root`);
    expect([t.head(5), t.deprel(5)]).toEqual([1, 'appos']);
  });

  it('make the noun after a comma the subject of the reporting verb when the parser hung it on the reported clause', () => {
    // "Norway will join the pact, its minister said", read with "minister" an oblique of "join".
    const t = tree(`
      Norway Norway PROPN NNP 2 nsubj
      join join VERB VB 7 ccomp
      pact pact NOUN NN 2 obj
      , , PUNCT , 6 punct
      its its PRON PRP$ 6 nmod:poss
      minister minister NOUN NN 2 obl
      said say VERB VBD 0 root`);
    expect(show(t, findFrames(t)).find((f) => f.startsWith('say'))).toBe('say: agent=minister reported=join');
  });

  it('give a verb without a subject the coordinated names the parser hung as conjuncts in a fronted phrase', () => {
    // "On Monday, the Miners Union and the Dockers League denounced the lockout"
    const t = tree(`
      On on ADP IN 2 case
      Monday Monday PROPN NNP 10 obl
      , , PUNCT , 5 punct
      the the DET DT 5 det
      Union Union PROPN NNP 2 conj
      and and CCONJ CC 9 cc
      the the DET DT 9 det
      Dockers Dockers PROPN NNPS 9 compound
      League League PROPN NNP 2 conj
      denounced denounce VERB VBD 0 root
      lockout lockout NOUN NN 10 obj`);
    expect(show(t, findFrames(t)).find((f) => f.startsWith('denounce'))).toBe('denounce: agent=League agent=Union obl:on=Monday patient=lockout');
  });

  it('hang a name after a comma on the noun right before it when the parser chose a noun of the wrong sort', () => {
    // "the murder of her brother, Samir Toma", read with the name in apposition to "murder".
    const t = tree(`
      the the DET DT 2 det
      murder murder NOUN NN 0 root
      of of ADP IN 5 case
      her her PRON PRP$ 5 nmod:poss
      brother brother NOUN NN 2 nmod
      , , PUNCT , 8 punct
      Samir Samir PROPN NNP 8 flat
      Toma Toma PROPN NNP 2 appos`, [{ start: 6, end: 8, type: 'PER', confidence: 0.9 }]);
    expect(t.head(7)).toBe(4);
  });

  it('give a name read as a second subject to the role noun right before it', () => {
    // "The retrial of the journalist Ana Ferraz opened", read with "Ferraz" a second subject.
    const t = tree(`
      The the DET DT 2 det
      retrial retrial NOUN NN 8 nsubj
      of of ADP IN 5 case
      the the DET DT 5 det
      journalist journalist NOUN NN 2 nmod
      Ana Ana PROPN NNP 7 flat
      Ferraz Ferraz PROPN NNP 8 nsubj
      opened open VERB VBD 0 root`);
    expect([t.head(6), t.deprel(6)]).toEqual([4, 'appos']);
  });

  it('keep a name the parser split as one subtree, attached where the name was', () => {
    // "The Riverside Farmers' Cooperative agreed …" with the adjective reading of "Cooperative".
    const t = new SentenceTree(tree(`
      Riverside Riverside PROPN NNP 2 compound
      Farmers Farmers PROPN NNPS 3 nsubj
      Cooperative cooperative ADJ JJ 4 amod
      agreed agree VERB VBD 0 root`).sentence, [{ start: 0, end: 3 }]);
    expect(t.head(2)).toBe(3);
    expect(t.deprel(2)).toBe('nsubj');
    expect([t.head(0), t.head(1)]).toEqual([2, 2]);
  });
});

describe('noun frames', () => {
  it('read a nominalised act with its possessor and its prepositional phrases', () => {
    // "Brook's call for a referendum"
    const t = tree(`
      Brook Brook PROPN NNP 3 nmod:poss
      's 's PART POS 1 case
      call call NOUN NN 0 root
      for for ADP IN 5 case
      referendum referendum NOUN NN 3 nmod`);
    expect(show(t, findFrames(t))).toEqual(['call: nmod:for=referendum poss=Brook']);
  });
});
