import { describe, expect, it } from 'vitest';
import { extractText } from '../helpers/extract.js';

// Each case: a text written for the test, triples that must be found, triples that must not.
const CASES: Array<{ name: string; text: string; has: string[]; not?: string[] }> = [
  { name: 'signed, active voice', text: 'Forty senators signed the open letter on Tuesday.', has: ['Forty senators —signed→ open letter'] },
  { name: 'signed, coordinated subjects', text: 'Amnesty International and Oxfam signed the declaration.',
    has: ['Amnesty International —signed→ declaration', 'Oxfam —signed→ declaration'] },
  { name: 'negation gives no edge', text: 'The Green Party did not sign the agreement, and Oxfam never backed the treaty.',
    has: [], not: ['Green Party —signed→ agreement', 'Oxfam —supports→ treaty'] },
  { name: 'passive with a by-agent', text: 'The decree was issued by President Jane Holt on Friday.', has: ['Jane Holt —authored→ decree'] },
  { name: 'participle clause with a by-agent', text: 'Lawyers studied a ruling issued by the Constitutional Court of Ruritania.',
    has: ['Constitutional Court of Ruritania —authored→ ruling'] },
  { name: 'called for an event', text: 'The European Commission called for an independent inquiry into the collapse.',
    has: ['European Commission —called_for→ independent inquiry'] },
  { name: 'called on coordinated addressees', text: 'The Transport Workers Union called on the Ministry of Labour and the Treasury to raise wages.',
    has: ['Transport Workers Union —called_on→ Ministry of Labour', 'Transport Workers Union —called_on→ Treasury'] },
  { name: 'urge X to', text: 'Hundreds of activists urged the United Nations to act.', has: ['Hundreds of activists —called_on→ United Nations'] },
  { name: 'the call of X for Y', text: 'The petition supports the call of the mayor of Lindow, Anna Berg, for a public hearing.',
    has: ['petition —supports→ Anna Berg', 'Anna Berg —called_for→ public hearing'] },
  { name: 'title of X, NAME', text: 'The chairman of the Liberty Party, Omar Haddad, attended the summit in Oslo.',
    has: ['Omar Haddad —leads→ Liberty Party', 'Omar Haddad —participated_in→ summit'] },
  { name: 'X title NAME', text: 'Acme Corporation chief executive John Smith resigned on Monday.', has: ['John Smith —leads→ Acme Corporation'] },
  { name: 'X title honorific NAME', text: 'Acme Corporation chief executive Dr. John Smith resigned on Monday.', has: ['John Smith —leads→ Acme Corporation'] },
  { name: 'only honorifics sit between a title and its name', text: 'Acme Corporation chief executive constructor John Smith resigned on Monday.',
    has: [], not: ['John Smith —leads→ Acme Corporation'] },
  { name: "X's spokesman NAME said in a statement", text: "Greenfield Bank's spokesman Tom Ward said in a statement that profits fell.",
    has: ['Tom Ward —member_of→ Greenfield Bank', 'Tom Ward —authored→ statement'] },
  { name: 'event held in a place', text: 'The summit, held in Geneva in May, ended without a deal.', has: ['summit —located_in→ Geneva'] },
  { name: 'victims named by "of"', text: 'Witnesses described the massacre of hundreds of villagers.', has: ['hundreds of villagers —victim_of→ massacre'] },
  { name: 'according to', text: 'Twelve people were killed in the attack, according to Reuters.',
    has: ['Twelve people —victim_of→ attack', 'attack —reported_by→ Reuters'] },
  { name: 'they → the latest plural actor', text: 'Dozens of teachers marched to parliament. They called for a pay review.',
    has: ['Dozens of teachers —called_for→ pay review'] },
  { name: 'members of X', text: 'Members of the Farmers Alliance signed the petition.',
    has: ['Members of the Farmers Alliance —member_of→ Farmers Alliance', 'Members of the Farmers Alliance —signed→ petition'] },
  { name: 'X-based', text: 'The London-based Institute for Fiscal Research published a report.',
    has: ['Institute for Fiscal Research —located_in→ London', 'Institute for Fiscal Research —authored→ report'] },
  { name: 'met with', text: 'President Luis Mendes met with Chancellor Ingrid Vogel in Berlin.', has: ['Luis Mendes —met_with→ Ingrid Vogel'] },
  { name: 'opposes', text: 'The Labour Party criticised the budget.', has: ['Labour Party —opposes→ budget'] },
  { name: 'organised + located_in', text: 'The African Union held an emergency summit in Addis Ababa.',
    has: ['African Union —organised→ emergency summit', 'emergency summit —located_in→ Addis Ababa'] },
  { name: 'responsible for', text: 'Government troops carried out the attack.', has: ['Government troops —responsible_for→ attack'] },
  { name: 'apposition after a generic noun', text: 'The prisoners supported the main opposition group, the Freedom Front.', has: ['prisoners —supports→ Freedom Front'] },
  { name: 'copula adjective', text: 'Investigators said senior officers were responsible for the massacre.', has: ['senior officers —responsible_for→ massacre'],
    not: ['Investigators —responsible_for→ massacre'] },
  { name: 'no edge for "those responsible"', text: 'The families of the victims called for an inquiry to punish those responsible for the bombing.',
    has: ['families of the victims —called_for→ inquiry'], not: ['families of the victims —responsible_for→ bombing'] },
  { name: 'asking someone to do something calls for it', text: 'The senators urged the Justice Ministry to open an investigation into the deaths.',
    has: ['senators —called_on→ Justice Ministry', 'senators —called_for→ investigation'] },
  { name: "X's membership in Y (a country gives related_to)", text: "Delegates debated Norway's membership in the Arctic Council.",
    has: ['Norway —related_to→ Arctic Council'] },
  { name: 'an organisation named after its parent', text: 'The United Nations said the United Nations Children Fund would send aid.',
    has: ['United Nations Children Fund —member_of→ United Nations'] },
  { name: 'a document against an organisation', text: 'Investors filed a lawsuit against Borealis Mining on Monday.',
    has: ['Investors —authored→ lawsuit', 'lawsuit —opposes→ Borealis Mining'] },
  { name: 'wire credit line', text: 'The talks ended.\n\n(Reporting by Kofi Mensah and Lena Okafor; Editing by Sam Reyes)',
    has: ['test —reported_by→ Kofi Mensah', 'test —reported_by→ Lena Okafor', 'test —related_to→ Sam Reyes'] },
  { name: '"Its TITLE, NAME" after a sentence about an organisation', text: 'The Valley Water Board rejected the plan. Its chairman, Piet Olsen, said talks would resume.',
    has: ['Piet Olsen —leads→ Valley Water Board'] },
  { name: 'TITLE NAME of COUNTRY', text: 'Prime Minister Anna Kowal of Poland met with the delegates.', has: ['Anna Kowal —leads→ Poland'] },
  { name: 'closed compounds of group nouns', text: 'Hundreds of dockworkers backed the strike.', has: ['Hundreds of dockworkers —supports→ strike'] },
  { name: 'a relative clause between the subject and its verb', text: 'Opposition leader Vera Lind, who lives in exile in Riga, called on supporters to keep protesting.',
    has: ['Vera Lind —called_on→ supporters'], not: ['Riga —called_on→ supporters'] },
  { name: 'a participle clause with a prepositional phrase before the agent', text: 'Markets fell after a report published in May by the parliamentary Finance Committee.',
    has: ['Finance Committee —authored→ report'] },
  { name: "the owner's title, NAME", text: "Falk Bank was fined. The bank's chief executive, Olivia Grant, apologised.", has: ['Olivia Grant —leads→ Falk Bank'] },
  { name: 'a verb the lemmatiser gets wrong', text: 'The Competition Authority has fined Orbis Telecom.', has: ['Competition Authority —opposes→ Orbis Telecom'] },
  { name: 'a month is not a march', text: 'The study was published in March by the Dover Institute.', has: ['Dover Institute —authored→ study'], not: ['Dover Institute —organised→ March'] },
  { name: 'what a document highlights', text: 'The report highlighted abuses by the Northern Militia.', has: ['report —mentions→ Northern Militia'] },
];

describe('relation patterns', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { triples } = extractText(c.text);
      for (const t of c.has) expect(triples, `${c.text}\n→ ${triples.join('\n  ')}`).toContain(t);
      for (const t of c.not ?? []) expect(triples).not.toContain(t);
    });
  }
});

describe('evidence', () => {
  it('every relation cites a span of its sentence, with offsets into the body', () => {
    const body = 'The union signed the accord.\n\nLater, the minister of finance, Ana Diaz, criticised the accord.';
    const { extraction } = extractText(body);
    expect(extraction.relations.length).toBeGreaterThan(0);
    for (const r of extraction.relations) {
      if (r.evidence.source === 'header') continue;
      const { sentence, sentenceStart, start, end } = r.evidence;
      expect(body.slice(sentenceStart, sentenceStart + sentence.length)).toBe(sentence);
      expect(start).toBeGreaterThanOrEqual(sentenceStart);
      expect(end).toBeLessThanOrEqual(sentenceStart + sentence.length);
      expect(start).toBeLessThan(end);
    }
  });

  it('the publisher line gives the article a reported_by edge marked as header evidence', () => {
    const { extraction } = extractText('The council met.', { publisher: 'The Courier', date: '2020-01-01', title: 'Council meets' });
    const r = extraction.relations.find((x) => x.relation === 'reported_by' && x.source === 'article');
    expect(r).toBeDefined();
    expect(extraction.entities.find((e) => e.id === r!.target)).toMatchObject({ kind: 'organisation', label: 'The Courier' });
    expect(r!.evidence).toMatchObject({ source: 'header', start: 0, end: 0 });
  });
});
