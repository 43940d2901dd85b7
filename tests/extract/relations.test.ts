import { describe, expect, it } from 'vitest';
import { extractText } from '../helpers/extract.js';

/**
 * One invented sentence per construction the extractor reads: the triples it must give and the ones it must not.
 * Labels are the entities' labels, as `extractText` prints them.
 */
const CASES: Array<{ name: string; text: string; has: string[]; not?: string[] }> = [
  // Predicate frames: voice, coordination, control, negation, modality.
  { name: 'active verb', text: "The Harbour Workers' Guild signed the port safety charter on Tuesday.",
    has: ["Harbour Workers' Guild —signed→ port safety charter"] },
  { name: 'coordinated subjects', text: 'Amnesty International and the Sierra Club have condemned the logging permits.',
    has: ['Amnesty International —opposes→ logging permits', 'Sierra Club —opposes→ logging permits'] },
  { name: 'coordinated objects', text: 'Senator Maria Costa praised the Coastal Guard and the Red Crescent.',
    has: ['Maria Costa —supports→ Coastal Guard', 'Maria Costa —supports→ Red Crescent'] },
  { name: 'coordinated verbs share subject and object', text: 'The Valdor Assembly drafted and published the housing report.',
    has: ['Valdor Assembly —authored→ housing report'] },
  { name: 'passive with a by-agent', text: 'The ceasefire accord was signed by Nepal and Bhutan in Thimphu.',
    has: ['Nepal —signed→ ceasefire accord', 'Bhutan —signed→ ceasefire accord'] },
  { name: 'object control: the urger calls on, the deed is not asserted', text: "The Teachers' Union urged the Ministry of Education to reject the budget.",
    has: ["Teachers' Union —called_on→ Ministry of Education", "Teachers' Union —opposes→ budget"], not: ['Ministry of Education —opposes→ budget'] },
  { name: 'urging someone to hold an event calls for it', text: 'Senator Dana Holm urged the Interior Ministry to open an inquiry into the shooting.',
    has: ['Dana Holm —called_on→ Interior Ministry', 'Dana Holm —called_for→ inquiry'] },
  { name: 'subject control: agreeing to sign backs the text', text: "The Riverside Farmers' Cooperative agreed to sign the water accord.",
    has: ["Riverside Farmers' Cooperative —supports→ water accord"], not: ["Riverside Farmers' Cooperative —signed→ water accord"] },
  { name: 'refusing negates', text: 'The Liberal Party refused to endorse the pension reform.', has: [], not: ['Liberal Party —supports→ pension reform'] },
  { name: 'negation gives no edge', text: 'Portugal did not sign the fisheries treaty, and Iceland never backed it.',
    has: [], not: ['Portugal —signed→ fisheries treaty', 'Iceland —supports→ fisheries treaty'] },
  { name: 'a possibility is not a fact', text: 'Norway might join the Arctic Trade Alliance next year.', has: [], not: ['Norway —member_of→ Arctic Trade Alliance'] },
  { name: 'relative clause subject', text: 'The Civic Forum, which organised the rally in Lyon, issued a statement on Sunday.',
    has: ['Civic Forum —organised→ rally', 'rally —located_in→ Lyon', 'Civic Forum —authored→ statement'] },
  { name: 'object relative', text: 'Belarus rejected the grain treaty, which Ukraine had signed.',
    has: ['Ukraine —signed→ grain treaty', 'Belarus —opposes→ grain treaty'], not: ['Belarus —signed→ grain treaty'] },
  { name: 'verb and object as one predicate', text: 'Delegates from Chile held talks with officials of the World Bank.',
    has: ['Delegates from Chile —met_with→ officials of the World Bank'] },
  { name: 'a prepositional verb', text: 'About 300 nurses took part in the strike at Kensal Hospital.',
    has: ['About 300 nurses —participated_in→ strike'] },
  { name: 'synonyms grown from WordNet', text: 'The Green Alliance decried the dam project. The Delta Bank bankrolled the dam project.',
    has: ['Green Alliance —opposes→ dam project', 'Delta Bank —supports→ dam project'] },
  // Noun phrases: titles, appositions, affiliations, places, documents, events.
  { name: 'apposition title', text: 'Lena Varga, the director of the Danube Institute, presented the findings.',
    has: ['Lena Varga —leads→ Danube Institute'] },
  { name: 'apposition after the title', text: 'The chairman of Orion Airlines, Paul Becker, resigned on Monday.',
    has: ['Paul Becker —leads→ Orion Airlines'] },
  { name: 'coordinated names share an apposition', text: 'Ruth Amari and Jonas Fell, co-chairs of the Tidewater Commission, resigned.',
    has: ['Ruth Amari —leads→ Tidewater Commission', 'Jonas Fell —leads→ Tidewater Commission'] },
  { name: 'nationality and title before a name', text: 'Kenyan President Amos Kibet opened the trade fair in Mombasa.',
    has: ['Amos Kibet —leads→ Kenya'] },
  { name: 'an honorific inside a name, a title and nationality before it', text: 'Yemeni President Sheikh Nasser Sheikh Qasim on Monday sharply criticised the blockade.',
    has: ['Nasser Sheikh Qasim —leads→ Yemen', 'Nasser Sheikh Qasim —opposes→ blockade'] },
  { name: 'a reporting verb after its clause, its subject a title of the body before', text: 'The Dockers Alliance will join the Harbour Council next spring, its chairman, Olav Brekke, said after meeting the council president, Irene Falk, in Bergen.',
    has: ['Olav Brekke —leads→ Dockers Alliance', 'Olav Brekke —met_with→ Irene Falk'], not: ['Olav Brekke —leads→ Harbour Council'] },
  { name: "'its' after a reported clause is the clause's subject", text: 'The Moorland Party would block the quarry plan, its leader Enid Carrow warned.',
    has: ['Enid Carrow —leads→ Moorland Party'] },
  { name: "a place phrase is not the agent of a participle ('held in X')", text: 'A summit held in Port Vila in May gathered fisheries ministers.',
    has: ['summit —located_in→ Port Vila'], not: ['Port Vila —organised→ summit'] },
  { name: 'an event striking a place, and leaving people harmed', text: 'The cyclone that hit the island of Tanna last week left 2,000 villagers homeless.',
    has: ['cyclone —located_in→ Tanna', '2,000 villagers —victim_of→ cyclone'] },
  { name: "'who' after a name is about the name", text: 'The march was backed by the senator Rosa Quint, who met the strikers outside the mill.',
    has: ['Rosa Quint —met_with→ strikers'] },
  { name: 'coordinated subjects after a fronted phrase', text: "In a letter sent from Lisbon on Monday, the Free Miners Union and the Dockers' League denounced the lockout.",
    has: ['Free Miners Union —opposes→ lockout', "Dockers' League —opposes→ lockout"] },
  { name: 'a name after a comma explains the noun before it, wherever the parser hung it', text: 'Gunmen are blamed for the murder of her brother, Samir Toma, a former mayor.',
    has: ['Samir Toma —victim_of→ murder'] },
  { name: "an event at a plain noun's place ('the port of X')", text: 'Crane drivers said the strike at the port of Gdansk would go on.',
    has: ['strike —located_in→ Gdansk'] },
  { name: "a titled person of a place leads it and is not merely in it", text: 'Mayor Ilse Brandauer of Linz opened the new shelter.',
    has: ['Ilse Brandauer —leads→ Linz'], not: ['Ilse Brandauer —located_in→ Linz'] },
  { name: "'who' after a person and their body is the person", text: 'Doctor Tomas Ekberg of Uppsala University, who led the inquiry in Kiruna, said the results were clear.',
    has: ['Tomas Ekberg —organised→ inquiry', 'Tomas Ekberg —member_of→ Uppsala University'], not: ['Uppsala University —organised→ inquiry'] },
  { name: 'those who died in an event are its victims, not its participants', text: 'At least 40 miners died in the flood that swept the valley of Orvanne.',
    has: ['At least 40 miners —victim_of→ flood'], not: ['At least 40 miners —participated_in→ flood'] },
  { name: 'a plural role after coordinated names, read as a second subject', text: 'Ines Carvalho and Rui Matos, members of the Azure Party, walked out.',
    has: ['Ines Carvalho —member_of→ Azure Party', 'Rui Matos —member_of→ Azure Party'] },
  { name: 'a name after a comma names the description before it', text: 'Police detained dozens of farmers who backed the main rural movement, the MST.',
    has: ['dozens of farmers —supports→ MST'] },
  { name: "a partner 'in collaboration with' does the deed too", text: 'Oxfam, in collaboration with the Lund Institute, published a study on water prices.',
    has: ['Oxfam —authored→ study', 'Lund Institute —authored→ study'] },
  { name: "a title taken 'as', by the object of a verb of appointing or else by the subject", text: 'The board named Ruth Okoye as chairwoman of Delta Freight. Tom Reyes served as director of the Lima Institute until 2019.',
    has: ['Ruth Okoye —leads→ Delta Freight', 'Tom Reyes —leads→ Lima Institute'] },
  { name: 'a seat of government speaks for the office in it', text: 'Kremlin spokesman Pavel Orlov said the talks would resume.',
    has: ['Pavel Orlov —member_of→ Kremlin'] },
  { name: 'an event of a person is related to them', text: 'The retrial of the journalist Ana Ferraz opened in Porto on Monday.',
    has: ['retrial —related_to→ Ana Ferraz', 'retrial —located_in→ Porto'] },
  { name: "a body described, then named by its 'of' phrase, claims responsibility", text: 'The rebel movement of the Sahel Front claimed responsibility for the ambush near Gao.',
    has: ['Sahel Front —responsible_for→ ambush'] },
  { name: "a body's name, a modifier and a title before a person: the modifier makes it a post under the leader", text: 'Green Harbour Alliance Provincial Chairman Jonas Pelt resigned.',
    has: ['Jonas Pelt —member_of→ Green Harbour Alliance'], not: ['Jonas Pelt —leads→ Green Harbour Alliance'] },
  { name: 'appositions and conjuncts after a noun with a place in it belong to the noun', text: 'The commander of the army in Darfur, Adam Yahya, and rebel leader Tijani Sese signed the accord.',
    has: ['Adam Yahya —signed→ accord', 'Tijani Sese —signed→ accord'] },
  { name: 'accepting and agreeing to something backs it', text: 'The Farmers League agreed to the wage deal on Monday. The Dairy Council accepted the quota plan.',
    has: ['Farmers League —supports→ wage deal', 'Dairy Council —supports→ quota plan'] },
  { name: "a possessor does some acts ('his resignation') and undergoes others ('her appointment')", text: "Omar Ziani announced his resignation on Monday. The union welcomed Lena Berg's appointment.",
    has: ['Omar Ziani —responsible_for→ resignation', "appointment —related_to→ Lena Berg"], not: ['Omar Ziani —participated_in→ resignation'] },
  { name: "a head of government leads the country; a minister of it is only related to it", text: "Chile's prime minister, Rosa Vidal, met Chile's foreign minister, Tomas Reyes, on Monday.",
    has: ['Rosa Vidal —leads→ Chile'], not: ['Tomas Reyes —leads→ Chile'] },
  { name: "welcoming someone's condemnation of a thing is not backing the thing", text: "Norway's condemnation of the blockade was welcomed by the Nordic Council.",
    has: ['Norway —opposes→ blockade'], not: ['Nordic Council —supports→ blockade'] },
  { name: "the by-phrase after 'the signing of a treaty' is the signer, not an author", text: 'The ratification of the river treaty by Laos and Myanmar took place in Vientiane.',
    has: ['Laos —signed→ river treaty', 'Myanmar —signed→ river treaty'], not: ['Laos —authored→ river treaty'] },
  { name: 'names set beside a plural noun, read as its bare modifier', text: 'The petition, endorsed by charities Shelter Cymru and Crisis Wales, urges ministers to act.',
    has: ['Shelter Cymru —supports→ petition', 'Crisis Wales —supports→ petition'] },
  { name: 'after a fronted phrase, a role and its name set off by commas are the subject; the body before the role holds it', text: 'In her reply, the ICAC counsel, Ms. Dora Adeyemi, urged the court to dismiss the appeal.',
    has: ['Dora Adeyemi —called_on→ court', 'Dora Adeyemi —member_of→ ICAC'], not: ['ICAC —called_on→ court'] },
  { name: 'name of an organisation', text: 'Maria Lopez of the Andes Mining Union spoke to reporters.', has: ['Maria Lopez —member_of→ Andes Mining Union'] },
  { name: 'name of a country', text: 'Tariq Haddad of Jordan won the sprint.', has: ['Tariq Haddad —located_in→ Jordan'] },
  { name: 'an organisation of a place', text: "Peru's electoral court annulled the vote.", has: ['electoral court —located_in→ Peru'] },
  { name: 'nominalised event with both arguments', text: 'The killing of the activist Ana Ruiz by security guards in Lima was condemned.',
    has: ['Ana Ruiz —victim_of→ killing', 'security guards —responsible_for→ killing', 'killing —located_in→ Lima'],
    not: ['Ana Ruiz —responsible_for→ killing'] },
  { name: "a possessor's call for something", text: "Senator Ada Brook's call for a referendum was welcomed by the Green League.",
    has: ['Ada Brook —called_for→ referendum'] },
  { name: 'a document from its author', text: 'A report from the National Audit Office criticised the ministry.',
    has: ['National Audit Office —authored→ report', 'report —opposes→ ministry'] },
  { name: 'talks between two sides', text: 'Talks between the Miners Federation and Kestrel Coal in Durban collapsed.',
    has: ['Miners Federation —participated_in→ Talks', 'Kestrel Coal —participated_in→ Talks', 'Talks —located_in→ Durban'] },
  { name: 'a place-based organisation', text: 'The London-based Institute for Fiscal Research published a report.',
    has: ['Institute for Fiscal Research —located_in→ London', 'Institute for Fiscal Research —authored→ report'] },
  { name: "'Its TITLE, NAME' after a sentence about an organisation", text: 'The Valley Water Board rejected the plan. Its chairman, Piet Olsen, said talks would resume.',
    has: ['Piet Olsen —leads→ Valley Water Board'] },
  // Attribution.
  { name: 'a dateline names the agency', text: 'NAIROBI (Kenya News Agency) - Floods displaced 3,000 families in Kisumu on Monday.',
    has: ['test —reported_by→ Kenya News Agency'] },
  { name: 'wire credit line', text: 'The talks ended.\n\n(Reporting by Kofi Mensah and Lena Okafor; Editing by Sam Reyes)',
    has: ['test —reported_by→ Kofi Mensah', 'test —reported_by→ Lena Okafor'] },
  { name: 'according to', text: 'Nine workers were killed in the explosion, according to the Mining Safety Board.',
    has: ['Nine workers —victim_of→ explosion', 'explosion —reported_by→ Mining Safety Board'] },
  { name: 'a report after the clause', text: 'Six people were injured in the fire, the Lagos Fire Service said.',
    has: ['Six people —victim_of→ fire', 'fire —reported_by→ Lagos Fire Service'] },
];

describe('relations read from the tree', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { triples } = extractText(c.text);
      for (const t of c.has) expect(triples, `${c.text}\n  wanted ${t}`).toContain(t);
      for (const t of c.not ?? []) expect(triples, `${c.text}\n  did not want ${t}`).not.toContain(t);
    });
  }
});

describe('kin and user cues', () => {
  it('relate a person to the relative an apposition names', () => {
    const { triples } = extractText("Karim Haddad was arrested on Monday. Karim Haddad's sister, Leila Haddad, said he was innocent.");
    // related_to is symmetric: stored once, in either direction.
    expect(triples.filter((t) => t === 'Leila Haddad —related_to→ Karim Haddad' || t === 'Karim Haddad —related_to→ Leila Haddad')).toHaveLength(1);
  });

  it('read a cue from the settings off the same frames: a verb and its preposition', async () => {
    const { buildCueTable } = await import('../../src/extract/relations/index.js');
    const { extractArticle } = await import('../../src/extract/extract-article.js');
    const body = 'The Farmers Union warmed to the Coastal Alliance.';
    const labelled = (cues?: ReturnType<typeof buildCueTable>) => {
      const x = extractArticle({ id: 't', file: 't.txt', body }, cues ? { cues } : {});
      const label = new Map(x.entities.map((e) => [e.id, e.label]));
      return x.relations.map((r) => `${label.get(r.source)} —${r.relation}→ ${label.get(r.target)}`);
    };
    expect(labelled()).not.toContain('Farmers Union —supports→ Coastal Alliance');
    expect(labelled(buildCueTable([{ relation: 'supports', cue: { lemmas: 'warm to' } }]))).toContain('Farmers Union —supports→ Coastal Alliance');
  });
});

describe('open relations', () => {
  it('keep a link no relation fits, with its predicate phrase', () => {
    const { extraction, labelOf } = extractText('Atlas Shipping acquired Meridian Freight last year.');
    const open = extraction.relations.filter((r) => r.open);
    expect(open.map((r) => `${labelOf(r.source)} —${r.label}→ ${labelOf(r.target)}`)).toEqual(['Atlas Shipping —acquired→ Meridian Freight']);
    expect(open[0]!.relation).toBe('related_to');
    // The evidence cites the words that state it.
    const { sentence, sentenceStart, start, end } = open[0]!.evidence;
    expect(sentence.slice(start - sentenceStart, end - sentenceStart)).toBe('Atlas Shipping acquired Meridian Freight');
  });

  it('keep the direction the text states, whatever the names and the voice', () => {
    for (const text of ['Zenith Holdings acquired Atlas Freight in May.', 'Atlas Freight was acquired by Zenith Holdings in May.']) {
      const { extraction, labelOf } = extractText(text);
      expect(extraction.relations.filter((r) => r.open).map((r) => `${labelOf(r.source)} —${r.label}→ ${labelOf(r.target)}`)).toEqual(['Zenith Holdings —acquired→ Atlas Freight']);
    }
  });

  it('are not made where a typed relation holds or the verb is negated', () => {
    const typed = extractText('The Dockers Union condemned the port authority.');
    expect(typed.extraction.relations.filter((r) => r.open)).toEqual([]);
    const negated = extractText('Atlas Shipping did not acquire Meridian Freight.');
    expect(negated.extraction.relations.filter((r) => r.open)).toEqual([]);
  });
});
