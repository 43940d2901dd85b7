import { describe, expect, it } from 'vitest';
import { extractText } from '../helpers/extract.js';
import { nameMentions } from '../../src/extract/mentions/names.js';

describe('mentions and in-article resolution', () => {
  it('strips honorifics and titles into a title attribute', () => {
    const { extraction } = extractText('Mrs. Amina Yusuf spoke first. Prime Minister Jonas Berg replied.');
    const amina = extraction.entities.find((e) => e.label === 'Amina Yusuf');
    expect(amina).toMatchObject({ kind: 'person', attrs: { title: 'Mrs' } });
    expect(extraction.entities.find((e) => e.label === 'Jonas Berg')).toMatchObject({ kind: 'person', attrs: { title: 'Prime Minister' } });
  });

  it('keeps miscellaneous names that are not nodes on the article, once each', () => {
    const { extraction, entities } = extractText('Fans travelled to the World Cup. Anglican bishops said the Christian message was clear. The World Cup ended.');
    expect(entities).not.toContain('organisation:World Cup');
    expect(extraction.article.otherNames).toEqual(['World Cup', 'Anglican', 'Christian']);
  });

  it('joins a surname to the full name given earlier', () => {
    const { extraction } = extractText('Amina Yusuf spoke first. Later Yusuf said the vote was fair.');
    const people = extraction.entities.filter((e) => e.kind === 'person');
    expect(people).toHaveLength(1);
    expect(people[0]!.aliases).toEqual(['Amina Yusuf', 'Yusuf']);
  });

  it('a surname in the headline is the person the article names first with it, not a relative named later', () => {
    const { extraction } = extractText('Former mayor Haddad detained\n\nFormer mayor Omar Haddad was detained on Monday. Haddad left court with his son, Karim Haddad, who said Haddad was innocent.');
    const people = extraction.entities.filter((e) => e.kind === 'person').map((e) => e.aliases);
    expect(people).toContainEqual(['Haddad', 'Omar Haddad']);
    expect(people).toContainEqual(['Karim Haddad']);
  });

  it("joins a body's name without its 'of' phrase to the full name, when only one fits", () => {
    const { extraction } = extractText('She appealed to the High Court of Malawi in May. The High Court dismissed the appeal.');
    const bodies = extraction.entities.filter((e) => e.kind === 'organisation').map((e) => e.aliases);
    expect(bodies).toEqual([['High Court', 'High Court of Malawi']]);
  });

  it('reads the words an acronym in brackets spells as one name, whatever their case', () => {
    const { extraction } = extractText('A complaint was filed with the Federal agency on Road Safety (FARS) on Monday. The FARS said it would respond.');
    const named = extraction.entities.filter((e) => e.kind !== 'document').map((e) => `${e.kind}:${e.label}`);
    expect(named).toEqual(['organisation:Federal agency on Road Safety']);
    expect(extraction.entities.find((e) => e.kind === 'organisation')!.aliases).toContain('FARS');
  });

  it('joins a given name alone to the full name it begins, when no full name ends with it', () => {
    const { extraction } = extractText('Nadia Karimova won the vote in May. Voters said Nadia had run a clean campaign.');
    expect(extraction.entities.filter((e) => e.kind === 'person').map((e) => [...e.aliases].sort())).toEqual([['Nadia', 'Nadia Karimova']]);
  });

  it('reads a given name before a one-word place name as one person, when the tagger split them', () => {
    // The name tagger's reading is given, so the test does not depend on what the tagger makes of the words.
    const words = ['Prosecutor', 'Maria', 'Toledo', 'said', 'so', '.'];
    let offset = 0;
    const tokens = words.map((text) => {
      const t = { text, lemma: text.toLowerCase(), lower: text.toLowerCase(), pos: 'PROPN', upos: 'PROPN', tag: 'NNP', head: -1, deprel: 'dep', start: offset, end: offset + text.length };
      offset += text.length + 1;
      return t;
    });
    const body = words.join(' ');
    const names = [{ start: 1, end: 2, type: 'PER' as const, confidence: 0.9 }, { start: 2, end: 3, type: 'LOC' as const, confidence: 0.9 }];
    const result = nameMentions({ start: 0, end: body.length, tokens, names }, 0, body);
    expect(result.mentions.map((m) => `${m.kind}:${m.text}`)).toEqual(['person:Maria Toledo']);
  });

  it("reads 'one of the largest employers' as a description, not a group", () => {
    const { entities } = extractText('Ana Ruiz joined the board of Tagus Freight, one of the largest employers in Lisbon.');
    expect(entities.filter((e) => e.startsWith('group:'))).toEqual([]);
  });

  it('joins an acronym in brackets and later uses of it to the full name', () => {
    const { extraction } = extractText('The Union of Coastal Fishermen (UCF) condemned the plan. The UCF said it would sue.');
    const orgs = extraction.entities.filter((e) => e.kind === 'organisation');
    expect(orgs).toHaveLength(1);
    expect(orgs[0]).toMatchObject({ label: 'Union of Coastal Fishermen', aliases: ['UCF', 'Union of Coastal Fishermen'] });
  });

  it('knows an abbreviated party name and its plural', () => {
    const { extraction } = extractText('The Social Democrats met. A Social Democrat spokesman and the Soc Dems leader agreed.');
    const orgs = extraction.entities.filter((e) => e.kind === 'organisation');
    expect(orgs.map((o) => o.label)).toEqual(['Social Democrats']);
  });

  it('counts a group and keeps the count as an attribute', () => {
    const { extraction } = extractText('More than forty British lawmakers and peers signed the letter.');
    const group = extraction.entities.find((e) => e.kind === 'group')!;
    expect(group).toMatchObject({ label: 'More than forty British lawmakers and peers', attrs: { count: 40, approx: true, nationality: 'United Kingdom' } });
  });

  it('one document for "a statement" and "the statement"; one event for "the 2019 floods" and "the floods"', () => {
    const { extraction } = extractText('The ministry issued a statement on the 2019 floods. The statement said the floods killed 40 people.');
    expect(extraction.entities.filter((e) => e.kind === 'document' && e.category !== 'article').map((e) => e.label)).toEqual(['statement']);
    expect(extraction.entities.filter((e) => e.kind === 'event').map((e) => e.label)).toEqual(['2019 floods']);
  });

  it('keeps two events of one kind apart when their years differ', () => {
    const { extraction } = extractText('The 2009 election was disputed and the 2014 election was calm. Observers compared the 2009 election with the 2014 election.');
    expect(extraction.entities.filter((e) => e.kind === 'event').map((e) => e.label).sort()).toEqual(['2009 election', '2014 election']);
  });

  it('makes a name followed by a place noun a place', () => {
    const { extraction } = extractText('Crowds gathered in Liberty square and near the Kemal Pasha mosque.');
    expect(extraction.entities.filter((e) => e.kind === 'place').map((e) => e.label)).toEqual(expect.arrayContaining(['Liberty square', 'Kemal Pasha mosque']));
  });

  it('reads "the oil giant" as the company the article is about', () => {
    const { extraction } = extractText('Petrovia Energy cut jobs. Petrovia Energy blamed prices. Analysts said Petrovia Energy would recover. Unions criticised the oil giant.');
    const orgs = extraction.entities.filter((e) => e.kind === 'organisation');
    expect(orgs).toHaveLength(1);
    expect(orgs[0]!.aliases).toContain('oil giant');
  });

  it('a new indefinite description starts a new document; a definite one refers back', () => {
    const { extraction } = extractText('The ministers drafted a declaration and signed a joint statement. The declaration was praised, and the text was signed by Oxfam.');
    const docs = extraction.entities.filter((e) => e.kind === 'document' && e.category !== 'article');
    expect(docs.map((d) => d.label).sort()).toEqual(['declaration', 'joint statement']);
  });

  it('"the central government" and "the provincial government" are two organisations', () => {
    const { extraction } = extractText('Governor Ana Diaz asked the central government for help. Lawmakers accused the provincial government of delays.');
    expect(extraction.entities.filter((e) => e.kind === 'organisation').map((e) => e.label).sort()).toEqual(['central government', 'provincial government']);
  });

  it('types a name ending in an industry word as an organisation, whoever it is named after', () => {
    expect(extractText('The tanker was chartered by Haruki Tanabe Shipping, the owner said.').entities).toEqual(['organisation:Haruki Tanabe Shipping']);
    expect(extractText('Lars Berg Logistics denied the claim.').entities).toEqual(['organisation:Lars Berg Logistics']);
  });

  it('keeps the people in an organisation named for them', () => {
    const { extraction } = extractText('The National Union of Mine Workers (NUMW) called a strike.');
    expect(extraction.entities.filter((e) => e.kind === 'organisation').map((e) => [e.label, e.aliases])).toEqual([['National Union of Mine Workers', ['NUMW', 'National Union of Mine Workers']]]);
  });

  it('drops incidental descriptions and keeps named things', () => {
    const { extraction } = extractText('Ana Diaz walked past the children and the houses in Lima.');
    expect(extraction.entities.filter((e) => e.id !== 'article').map((e) => `${e.kind}:${e.label}`).sort()).toEqual(['person:Ana Diaz', 'place:Lima']);
  });
});
