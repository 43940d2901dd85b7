/**
 * Deterministic synthetic news articles for the corpus and extraction benches: a bank of template sentences filled
 * with invented people and organisations (and real places), drawn with Zipf-like reuse so a few names recur in
 * thousands of articles and most in a handful. Same seed → same bytes, on every machine.
 *
 * Article `i` depends only on the seed and `i`, so a corpus can be extended by one article without regenerating the
 * rest, and texts can be produced in memory without touching the disk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom, hashString } from '../../src/random.js';

export interface GenerateCorpusOptions {
  dir: string;
  articles: number;
  seed?: number;
  /** Index of the first article; lets a bench add articles after an existing corpus. */
  first?: number;
}

export interface GeneratedCorpus {
  files: string[];
  bytes: number;
}

export interface GeneratedArticle {
  /** File name without extension: the article id the pipeline will use. */
  id: string;
  text: string;
}

const DEFAULTS = { seed: 1, first: 0 };

type Rand = () => number;

// ---------------------------------------------------------------------------------------------------------------
// Word pools. Invented given and family names, combined at random, so no real person is described.

const FEMALE_FIRST = [
  'Elena', 'Amara', 'Ingrid', 'Sofia', 'Leila', 'Nadia', 'Hanna', 'Marta', 'Yuki', 'Priya', 'Chiara', 'Ayesha',
  'Freya', 'Lucia', 'Noor', 'Irene', 'Zofia', 'Mireille', 'Adaeze', 'Katarina', 'Rosa', 'Helga', 'Mei', 'Olga',
  'Fatima', 'Clara', 'Beatriz', 'Anouk', 'Signe', 'Tamar', 'Daria', 'Esther', 'Malak', 'Vera', 'Lina', 'Agnes',
  'Svetlana', 'Camille', 'Ruth', 'Thandiwe', 'Paula', 'Greta', 'Isabel', 'Sunita', 'Maren', 'Alma', 'Joanna',
];
const MALE_FIRST = [
  'Marek', 'Tomas', 'Ibrahim', 'Kofi', 'Henrik', 'Diego', 'Rafael', 'Omar', 'Lukas', 'Arjun', 'Mateo', 'Stefan',
  'Jonas', 'Kenji', 'Viktor', 'Emeka', 'Anders', 'Pavel', 'Hassan', 'Felipe', 'Nikolai', 'Samir', 'Bruno', 'Dmitri',
  'Tariq', 'Carlos', 'Elias', 'Yusuf', 'Gregor', 'Julien', 'Oskar', 'Rahul', 'Tobias', 'Malik', 'Andrei', 'Hugo',
  'Kwame', 'Lars', 'Mehmet', 'Paolo', 'Sean', 'Wojciech', 'Amir', 'Bernard', 'Daniel', 'Ivo', 'Farid',
];
const FAMILY = [
  'Varga', 'Olsen', 'Brandt', 'Mensah', 'Okafor', 'Lindqvist', 'Moreau', 'Castellano', 'Haddad', 'Novak', 'Petrov',
  'Tanaka', 'Kowalski', 'Rahimi', 'Fischer', 'Adeyemi', 'Sorensen', 'Marchetti', 'Duarte', 'Nakamura', 'Horvat',
  'Quintero', 'Balogun', 'Eriksen', 'Ferreira', 'Kaplan', 'Lindgren', 'Mbeki', 'Nieminen', 'Oyelaran', 'Pereira',
  'Rossetti', 'Salazar', 'Takahashi', 'Umarov', 'Vasquez', 'Wojcik', 'Yilmaz', 'Zeller', 'Abbasi', 'Bergstrom',
  'Cardoso', 'Dimitrov', 'Esposito', 'Falk', 'Gallagher', 'Halvorsen', 'Ibarra', 'Jansen', 'Kariuki', 'Lehmann',
  'Mazur', 'Nwosu', 'Orlov', 'Pajari', 'Qureshi', 'Renner', 'Szabo', 'Thorsen', 'Usman', 'Valdez', 'Weber',
  'Xavier', 'Yamada', 'Zielinski', 'Achterberg', 'Bianchi', 'Chowdhury', 'Delacroix', 'Ekwueme', 'Fontaine',
  'Grimaldi', 'Hakimi', 'Ivanova', 'Jovanovic', 'Kessler', 'Lozano', 'Mwangi', 'Navarro', 'Ostrowski', 'Pellegrini',
  'Ramos', 'Sato', 'Tembo', 'Ulrich', 'Vogel', 'Wagner', 'Yadav', 'Zamora', 'Albrecht', 'Bakker', 'Cervantes',
  'Dvorak', 'Engel', 'Fraser', 'Gunnarsson', 'Holm', 'Iqbal', 'Jaramillo', 'Koval', 'Lindberg', 'Mancini', 'Nilsen',
  'Obi', 'Pinto', 'Rasmussen', 'Santoro', 'Toivonen', 'Ueda', 'Vidal', 'Wallin', 'Yeboah', 'Zanetti', 'Arslan',
  'Boateng', 'Costa', 'Demir', 'Eklund', 'Fiore', 'Gustafsson', 'Herrera', 'Ilunga', 'Jaworski', 'Kuznetsov',
];

/** Real places are fine: the pipeline must handle them anyway. Cities carry their country. */
const CITIES: Array<[city: string, country: string]> = [
  ['Lisbon', 'Portugal'], ['Porto', 'Portugal'], ['Madrid', 'Spain'], ['Valencia', 'Spain'], ['Lyon', 'France'],
  ['Marseille', 'France'], ['Paris', 'France'], ['Berlin', 'Germany'], ['Hamburg', 'Germany'], ['Munich', 'Germany'],
  ['Vienna', 'Austria'], ['Prague', 'Czech Republic'], ['Warsaw', 'Poland'], ['Krakow', 'Poland'], ['Budapest', 'Hungary'],
  ['Bucharest', 'Romania'], ['Sofia', 'Bulgaria'], ['Athens', 'Greece'], ['Rome', 'Italy'], ['Milan', 'Italy'],
  ['Naples', 'Italy'], ['Geneva', 'Switzerland'], ['Zurich', 'Switzerland'], ['Brussels', 'Belgium'],
  ['Amsterdam', 'Netherlands'], ['Rotterdam', 'Netherlands'], ['Copenhagen', 'Denmark'], ['Oslo', 'Norway'],
  ['Stockholm', 'Sweden'], ['Helsinki', 'Finland'], ['Dublin', 'Ireland'], ['London', 'Britain'], ['Manchester', 'Britain'],
  ['Edinburgh', 'Britain'], ['Nairobi', 'Kenya'], ['Mombasa', 'Kenya'], ['Lagos', 'Nigeria'], ['Abuja', 'Nigeria'],
  ['Accra', 'Ghana'], ['Dakar', 'Senegal'], ['Addis Ababa', 'Ethiopia'], ['Cairo', 'Egypt'], ['Tunis', 'Tunisia'],
  ['Casablanca', 'Morocco'], ['Johannesburg', 'South Africa'], ['Cape Town', 'South Africa'], ['Kampala', 'Uganda'],
  ['Dar es Salaam', 'Tanzania'], ['Kigali', 'Rwanda'], ['Lusaka', 'Zambia'], ['Istanbul', 'Turkey'], ['Ankara', 'Turkey'],
  ['Beirut', 'Lebanon'], ['Amman', 'Jordan'], ['Doha', 'Qatar'], ['Dubai', 'United Arab Emirates'], ['Karachi', 'Pakistan'],
  ['Lahore', 'Pakistan'], ['Mumbai', 'India'], ['Delhi', 'India'], ['Chennai', 'India'], ['Dhaka', 'Bangladesh'],
  ['Colombo', 'Sri Lanka'], ['Kathmandu', 'Nepal'], ['Bangkok', 'Thailand'], ['Hanoi', 'Vietnam'], ['Jakarta', 'Indonesia'],
  ['Manila', 'Philippines'], ['Kuala Lumpur', 'Malaysia'], ['Singapore', 'Singapore'], ['Seoul', 'South Korea'],
  ['Busan', 'South Korea'], ['Tokyo', 'Japan'], ['Osaka', 'Japan'], ['Sydney', 'Australia'], ['Melbourne', 'Australia'],
  ['Auckland', 'New Zealand'], ['Toronto', 'Canada'], ['Montreal', 'Canada'], ['Vancouver', 'Canada'], ['Chicago', 'United States'],
  ['Boston', 'United States'], ['Denver', 'United States'], ['Mexico City', 'Mexico'], ['Guadalajara', 'Mexico'],
  ['Bogota', 'Colombia'], ['Lima', 'Peru'], ['Quito', 'Ecuador'], ['Santiago', 'Chile'], ['Buenos Aires', 'Argentina'],
  ['Montevideo', 'Uruguay'], ['Sao Paulo', 'Brazil'], ['Recife', 'Brazil'], ['Havana', 'Cuba'], ['Kingston', 'Jamaica'],
];
const COUNTRIES = [...new Set(CITIES.map(([, country]) => country))];

const PARTY_WORDS = [
  'Liberal Reform', 'National Unity', 'Green Future', 'Civic Renewal', 'Social Progress', 'New Horizon', 'Rural Alliance',
  'Free Citizens', 'Democratic Centre', 'Labour Solidarity', 'Popular Front', 'Christian Democratic', 'Northern League',
  'Coastal Alliance', 'Citizens First', 'United Left', 'Conservative Union', 'Movement for Change', 'Homeland Renewal',
  'Forward Together',
];
const MINISTRY_AREAS = [
  'Finance', 'Health', 'Foreign Affairs', 'Energy', 'Justice', 'Education', 'Defence', 'Agriculture', 'Transport',
  'Labour', 'Water Resources', 'Culture', 'Interior', 'Trade', 'Environment', 'Fisheries', 'Housing', 'Tourism',
];
const CORP_STEMS = [
  'Halden', 'Corvex', 'Brightwater', 'Nordline', 'Taliq', 'Ostrava', 'Bluecrest', 'Meridex', 'Solvar', 'Quorra',
  'Arkwell', 'Dunmore', 'Kestrel', 'Lumora', 'Pellucid', 'Ravenna', 'Silverline', 'Tervo', 'Umbra', 'Veltrix',
  'Westmark', 'Zephyrus', 'Alderman', 'Caldera', 'Fenwick', 'Granite Peak', 'Harrowgate', 'Ironbridge', 'Juniper',
  'Kingsford', 'Larkspur', 'Monarch', 'Northwind', 'Oakridge', 'Pinecrest', 'Redfield', 'Stonehaven', 'Trident',
];
const CORP_SUFFIXES = ['Corp', 'Holdings', 'Group', 'Industries', 'Energy', 'Bank', 'Mining', 'Logistics', 'Telecom', 'Pharma'];
const COUNCIL_WORDS = ['City Council', 'Chamber of Commerce', 'Port Authority', 'Regional Council', 'Teachers Union', 'Bar Association'];
const ACRONYM_FIRST = ['International', 'National', 'Regional', 'United', 'Global', 'European', 'African', 'Pacific', 'Northern', 'Independent', 'Coastal', 'Central'];
const ACRONYM_MIDDLE = [
  'Water', 'Press', 'Labour', 'Trade', 'Energy', 'Health', 'Farmers', 'Teachers', 'Ocean', 'Election', 'Refugee',
  'Housing', 'Transport', 'Forest', 'Mining', 'Fisheries', 'Migration', 'Youth',
];
const ACRONYM_LAST = ['Council', 'Forum', 'Commission', 'Federation', 'Alliance', 'Network', 'Association', 'Union', 'Institute', 'Agency'];

const EVENT_KINDS = ['summit', 'climate conference', 'donor conference', 'security conference', 'trade fair', 'peace talks', 'economic forum', 'energy summit'];
const NAMED_DOCUMENT_KINDS = ['Declaration', 'Accord', 'Charter', 'Protocol', 'Agreement'];
const GENERIC_DOCUMENTS: Array<[first: string, later: string]> = [
  ['a joint statement', 'the statement'], ['an open letter', 'the letter'], ['a report', 'the report'],
  ['a petition', 'the petition'], ['a draft resolution', 'the resolution'], ['a memorandum of understanding', 'the memorandum'],
  ['a ceasefire agreement', 'the agreement'], ['a trade agreement', 'the agreement'], ['a policy paper', 'the paper'],
  ['a written statement', 'the statement'], ['an annual report', 'the report'], ['a white paper', 'the white paper'],
];
const GROUP_NOUNS = [
  'lawmakers', 'protesters', 'students', 'farmers', 'workers', 'nurses', 'teachers', 'journalists', 'activists',
  'residents', 'doctors', 'fishermen', 'MPs', 'delegates', 'volunteers', 'miners', 'pensioners',
];
const GROUP_QUANTIFIERS = ['more than {n}', 'about {n}', 'hundreds of', 'thousands of', 'dozens of', 'at least {n}', 'nearly {n}', 'some {n}', ''];

const PUBLISHERS = [
  'Northern Courier', 'Harbour Daily News', 'Meridian Wire', 'The Evening Ledger', 'Continental Review', 'Atlas Press Agency',
  'The Morning Dispatch', 'Riverside Gazette', 'Global Affairs Weekly', 'The Civic Observer', 'Eastbound News', 'Capital Times Online',
  'The Policy Journal', 'Coastline Herald', 'Summit News Service', 'The World Bulletin', 'Frontline Report', 'Metro Chronicle',
  'The Independent Monitor', 'Southern Star Media',
];

const TOPICS = [
  'rising food prices', 'water shortages', 'press freedom', 'the treatment of prisoners', 'youth unemployment',
  'the new tax law', 'air pollution', 'election security', 'the housing crisis', 'pension reform', 'border security',
  'fishing quotas', 'the energy transition', 'hospital waiting lists', 'corruption in public contracts', 'rural poverty',
  'the cost of living', 'refugee protection', 'teacher shortages', 'flood defences', 'internet censorship', 'mining royalties',
];
const DEMANDS = [
  'an independent inquiry', 'new elections', 'an immediate ceasefire', 'a full investigation', 'fresh talks',
  'emergency funding', 'the release of all political prisoners', 'a public inquiry', 'a national referendum',
  'tougher sanctions', 'an end to the blockade', 'a review of the budget', 'stronger safeguards', 'a moratorium on evictions',
];
const ACTIONS = [
  'resign', 'release the findings of the inquiry', 'reopen the border', 'reverse the decision', 'hold fresh elections',
  'free the detained journalists', 'withdraw the bill', 'publish the full report', 'raise the minimum wage', 'end the blockade',
  'cooperate with investigators', 'suspend the project', 'return to the negotiating table', 'protect the wetlands',
];
const CLAUSES = [
  'the plan would cost more than {n} million dollars', 'the government had failed to consult local communities',
  'the talks had made real progress', 'the measures would hurt small businesses', 'further sanctions could not be ruled out',
  'the vote had been fair', 'the figures were likely to be revised', 'the region needed more investment',
  'the agreement would be reviewed next year', 'nobody had been held accountable', 'the budget left too many questions open',
  'the decision had been taken without a proper debate', 'the new rules would take effect in {month}',
  'the project was running two years behind schedule', 'prices had risen sharply since {month}',
];
const QUOTES = [
  'We will not accept any further delay', 'This is a day of hope for ordinary families', 'The evidence speaks for itself',
  'Nobody is above the law', 'We have asked for answers and received none', 'This agreement is a first step, not the last',
  'Our members are angry and they have every right to be', 'We are ready to talk, but not at any price',
  'The numbers simply do not add up', 'People deserve to know what happened', 'We expect the government to keep its word',
  'This decision will be felt for years', 'There is still time to change course',
];
const FIELDS = ['banking', 'journalism', 'the civil service', 'medicine', 'the trade union movement', 'law', 'engineering', 'teaching'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_ABBR = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

// ---------------------------------------------------------------------------------------------------------------
// Templates. Slots: {p} {q} {r} people (first mention full name, later often the family name; {p.role} "the leader
// of X", {p.org} their organisation, {p.He} a pronoun, {p.spokes} spokesman/spokeswoman), {o} {o2} organisations,
// {a} an organisation known by an acronym ("the Foo Bar Council (FBC)" first, "the FBC" later), {city} {city2}
// {country} {country2}, {event} a recurring gathering ({event.city}), {doc} a document ("a joint statement" first,
// "the statement" later), {group}, and fresh picks {topic} {demand} {action} {clause} {quote} {field} {n} {day}
// {month} {year} {year2}.

const HEADLINES = [
  '{o} calls for {demand}', '{p} meets {q} in {city}', 'Protests spread across {country}', '{o} condemns handling of {topic}',
  '{country} signs trade deal with {country2}', 'Talks in {city} end without agreement', '{p} steps down as leader of {p.org}',
  'Report warns of {topic} in {country}', '{o} backs new plan on {topic}', 'Thousands rally in {city} over {topic}',
  '{event} opens amid tight security', 'Pressure mounts on {o} over {topic}', 'Lawmakers split over {topic}',
];

const LEADS = [
  '{p}, {p.role}, signed {doc} on {day} calling for {demand}.',
  '{group} have called for {demand} over {topic}, in {doc} published on {day}.',
  '{a} called on {o} to {action} after weeks of pressure from {group}.',
  '{p} met with {q}, {q.role}, in {city} on {day} to discuss {topic}.',
  '{o} condemned {event}, saying organisers had ignored warnings about {topic}.',
  'Delegates from {n} countries took part in {event}, which was held in {event.city} this week.',
  '{doc} issued by {a} on {day} urged {country} to {action}.',
  '{p} criticised {o} on {day} for its handling of {topic}.',
  'More than {n} members of {o} signed {doc} supporting {p}.',
  '{group} gathered in {city} on {day} to protest against {topic}.',
];

const BODY = [
  '{p}, {p.role}, signed {doc} on {day}.',
  '{a} called for {demand} into the events surrounding {event}.',
  '{o} called on {q} to {action}.',
  '{group} took part in {event}.',
  '{event} was held in {event.city} in {month}.',
  'According to {doc}, {o} failed to meet its own targets on {topic}.',
  '{p} met with {q} in {city} on {day} to discuss {topic}.',
  '{o}\'s {r.spokes} {r} said in a statement that {clause}.',
  '{o} condemned {event}, saying it had been badly prepared.',
  '{p} criticised {o} over its handling of {topic}.',
  '{doc} was issued by {a} after {event}.',
  '{a} issued {doc} on {day}, urging {country} to {action}.',
  'Members of {o} supported {doc}.',
  '{p}, the president of {o}, told reporters in {city} that {clause}.',
  'More than {n} members of {o} signed {doc}.',
  '{group} gathered outside the offices of {o} in {city} on {day}.',
  '{q} is a member of {o} and has sat on its board since {year}.',
  '{event} took place in {event.city} and drew delegates from {n} countries.',
  'The talks, held in {city}, ended without agreement.',
  '{p} led {o} from {year} to {year2}.',
  '{o}, which is based in {city}, declined to comment.',
  '{p} condemned the attack on {group} in {city}.',
  '{a} welcomed the decision and called on {o} to {action}.',
  'The government of {country} rejected {doc}, calling it one-sided.',
  'Officials from {o} and {o2} met in {city} on {day}.',
  '{p} was elected leader of {o} in {year}.',
  'In {doc}, {a} urged {country} to {action}.',
  '{doc} highlights {topic} in {country}.',
  '{q}, who chairs {o}, said the organisation would continue to press for {demand}.',
  'The meeting was attended by {p} and {q}.',
  '{p} attended {event} as head of the {country} delegation.',
  '{o} organised {event}, which was held in {event.city}.',
  '{group} staged a protest in {city} against {topic}.',
  '{o} backed {p}\'s call for {demand}.',
  '{p} accused {o} of ignoring {topic}.',
  'Speaking at {event}, {p} praised {a} for its work on {topic}.',
  '{a} published {doc} documenting {topic} in {country}.',
  '{doc} was signed by {p} and {q} in {city}.',
  '{p} has been a vocal critic of {o} since {year}.',
  'A {q.spokes} for {o}, {q}, declined to comment on the report.',
  '{o} denied the claims in a statement on {day}.',
  '{p} joined {o} in {year} after a career in {field}.',
  '{o} said it would appeal against the ruling.',
  'Neither {o} nor {o2} responded to requests for comment.',
  '{event} is expected to focus on {topic}.',
  'Analysts in {city} said {clause}.',
  '{group} from {country} joined the march in {city}.',
  'The decision was criticised by {a} and several members of {o}.',
  '{p} and {q} held talks with officials of {o} in {city}.',
  '{p} is expected to visit {country} next month for talks with {q}.',
  '{a} demanded the release of {n} activists detained in {city}.',
  '{o} has supported the plan since it was first proposed in {year}.',
  'The report, written by {p}, was released on {day}.',
  '{p} described {doc} as “a step in the right direction”.',
  '“{quote},” {p} said.',
  '“{quote},” said {q}, {q.role}.',
  '{p} said: “{quote}.”',
  'The foreign ministry of {country} summoned the ambassador of {country2} on {day}.',
  '{o} and {a} signed a memorandum of understanding in {city} on {day}.',
  'Police in {city} said {n} people were arrested during {event}.',
  '{p.He} added that {clause}.',
  '{a} is headquartered in {city}.',
  'The vote in {country} was boycotted by {o}.',
  '{q}, a senior member of {o}, said the group would not support the budget.',
  '{o} opposed the bill, which was passed by parliament in {month}.',
  'The agreement was signed in {city} by representatives of {o} and {o2}.',
  '{p} stepped down as chair of {o} in {month}, citing health reasons.',
  'Critics, including {p}, say {clause}.',
  '{p.He} urged {group} to remain calm.',
  '{o} supported {a} in its campaign against {topic}.',
  'The figures were published by {a} on {day}.',
  'Prices in {country} have risen for {n} consecutive months, according to {o}.',
  'Last year {p} called for {demand}, a demand {o} rejected.',
  '{group} said they had not been consulted by {o}.',
  '{q} told a news conference in {city} that {clause}.',
  'Representatives of {group} met with {p} on {day}.',
  '{p} was appointed head of {o} in {month} {year}.',
];

// ---------------------------------------------------------------------------------------------------------------
// Pools: entities with identities that recur across articles.

interface Org {
  name: string;
  /** Takes "the" in running text ("the Ministry of Energy", but "Halden Corp"). */
  the: boolean;
  acronym?: string;
  roles: readonly string[];
}

interface Person {
  first: string;
  last: string;
  female: boolean;
  org: Org;
  role: string;
}

interface GatheringEvent {
  name: string;
  city: string;
}

interface Pools {
  people: Person[];
  orgs: Org[];
  acronymOrgs: Org[];
  events: GatheringEvent[];
  namedDocuments: string[];
  pickPerson: (rand: Rand) => Person;
  pickOrg: (rand: Rand) => Org;
  pickAcronymOrg: (rand: Rand) => Org;
  pickEvent: (rand: Rand) => GatheringEvent;
  pickCity: (rand: Rand) => [string, string];
  pickCountry: (rand: Rand) => string;
  pickPublisher: (rand: Rand) => string;
}

const POOL_SIZES = { people: 4000, orgs: 1200, events: 500, namedDocuments: 200 };
/** Zipf exponent: ~1 gives a few names in a third of all articles and a long tail seen once or twice. */
const ZIPF_EXPONENT = 1.05;

const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const between = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

/** Rank-weighted choice: item k (0-based) has weight 1 / (k + 1)^s. */
function zipf<T>(items: readonly T[], exponent = ZIPF_EXPONENT): (rand: Rand) => T {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let k = 0; k < items.length; k++) cumulative[k] = total += 1 / Math.pow(k + 1, exponent);
  return (rand) => {
    const target = rand() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
}

function shuffle<T>(rand: Rand, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function acronymOf(name: string): string {
  return name.split(/\s+/).filter((w) => !['of', 'for', 'the', 'and'].includes(w)).map((w) => w[0]).join('');
}

function buildOrgs(rand: Rand): { orgs: Org[]; acronymOrgs: Org[] } {
  const byName = new Map<string, Org>();
  const add = (org: Org) => { if (!byName.has(org.name)) byName.set(org.name, org); };
  for (const words of PARTY_WORDS) add({ name: `${words} Party`, the: true, roles: ['leader', 'deputy leader', 'chair', 'general secretary'] });
  for (const area of MINISTRY_AREAS) add({ name: `Ministry of ${area}`, the: true, roles: ['head', 'permanent secretary', 'chief spokesman'] });
  for (const [city] of CITIES) for (const words of COUNCIL_WORDS) add({ name: `${city} ${words}`, the: !words.endsWith('Council'), roles: ['chair', 'president', 'secretary'] });
  for (const stem of CORP_STEMS) for (const suffix of CORP_SUFFIXES) add({ name: `${stem} ${suffix}`, the: false, roles: ['chief executive', 'chairman', 'finance director'] });
  const orgs = shuffle(rand, [...byName.values()]).slice(0, POOL_SIZES.orgs);

  const acronyms = new Set<string>();
  const acronymOrgs: Org[] = [];
  for (const first of ACRONYM_FIRST) for (const middle of ACRONYM_MIDDLE) for (const last of ACRONYM_LAST) {
    const name = `${first} ${middle} ${last}`;
    const acronym = acronymOf(name);
    // One body per acronym, so "the IWF" always means the same thing.
    if (acronyms.has(acronym)) continue;
    acronyms.add(acronym);
    acronymOrgs.push({ name, the: true, acronym, roles: ['president', 'director', 'secretary-general'] });
  }
  return { orgs, acronymOrgs: shuffle(rand, acronymOrgs) };
}

const poolCache = new Map<number, Pools>();

function pools(seed: number): Pools {
  const cached = poolCache.get(seed);
  if (cached) return cached;
  const rand = seededRandom(hashString('pools', seed));
  const { orgs, acronymOrgs } = buildOrgs(rand);
  const affiliations = [...orgs, ...acronymOrgs];
  const pickAffiliation = zipf(affiliations, 0.9);

  const people: Person[] = [];
  const seen = new Set<string>();
  while (people.length < POOL_SIZES.people) {
    const female = rand() < 0.5;
    const first = pick(rand, female ? FEMALE_FIRST : MALE_FIRST);
    const last = pick(rand, FAMILY);
    if (seen.has(`${first} ${last}`)) continue;
    seen.add(`${first} ${last}`);
    const org = pickAffiliation(rand);
    people.push({ first, last, female, org, role: pick(rand, org.roles) });
  }

  const events: GatheringEvent[] = [];
  const eventNames = new Set<string>();
  while (events.length < POOL_SIZES.events) {
    const [city] = pick(rand, CITIES);
    const kind = pick(rand, EVENT_KINDS);
    const name = rand() < 0.6 ? `the ${between(rand, 2012, 2024)} ${city} ${kind}` : `the ${city} ${kind}`;
    if (eventNames.has(name)) continue;
    eventNames.add(name);
    events.push({ name, city });
  }

  const namedDocuments = new Set<string>();
  while (namedDocuments.size < POOL_SIZES.namedDocuments) {
    const [city] = pick(rand, CITIES);
    namedDocuments.add(rand() < 0.5 ? `the ${city} ${pick(rand, NAMED_DOCUMENT_KINDS)}` : `the ${between(rand, 2010, 2024)} ${city} ${pick(rand, NAMED_DOCUMENT_KINDS)}`);
  }

  const cities = shuffle(rand, [...CITIES]);
  const countries = shuffle(rand, [...COUNTRIES]);
  const result: Pools = {
    people, orgs, acronymOrgs, events, namedDocuments: [...namedDocuments],
    pickPerson: zipf(people), pickOrg: zipf(orgs), pickAcronymOrg: zipf(acronymOrgs), pickEvent: zipf(events),
    pickCity: zipf(cities, 0.8), pickCountry: zipf(countries, 0.8), pickPublisher: zipf(shuffle(rand, [...PUBLISHERS]), 0.7),
  };
  poolCache.set(seed, result);
  return result;
}

/** Every invented person's full name in the pool for `seed`, most frequent first (for tests). */
export function personNames(seed = DEFAULTS.seed): string[] {
  return pools(seed).people.map((p) => `${p.first} ${p.last}`);
}

// ---------------------------------------------------------------------------------------------------------------
// One article.

/** The people, organisations and things one article is about. */
interface Cast {
  people: Record<'p' | 'q' | 'r', Person>;
  orgs: Record<'o' | 'o2' | 'a', Org>;
  city: [string, string];
  city2: [string, string];
  country: string;
  country2: string;
  event: GatheringEvent;
  doc: [first: string, later: string];
  group: [first: string, later: string];
}

function distinct<T>(rand: Rand, draw: (rand: Rand) => T, taken: readonly T[]): T {
  for (let tries = 0; tries < 50; tries++) {
    const x = draw(rand);
    if (!taken.includes(x)) return x;
  }
  return draw(rand);
}

function castFor(rand: Rand, pool: Pools): Cast {
  const p = pool.pickPerson(rand);
  const q = distinct(rand, pool.pickPerson, [p]);
  const r = distinct(rand, pool.pickPerson, [p, q]);
  // Half the articles are about the lead person's own organisation, as news usually is.
  const o = p.org.acronym || rand() < 0.5 ? pool.pickOrg(rand) : p.org;
  const o2 = distinct(rand, pool.pickOrg, [o]);
  const a = p.org.acronym && rand() < 0.6 ? p.org : pool.pickAcronymOrg(rand);
  const city = pool.pickCity(rand);
  const city2 = distinct(rand, pool.pickCity, [city]);
  const country = rand() < 0.5 ? city[1] : pool.pickCountry(rand);
  const country2 = distinct(rand, pool.pickCountry, [country]);
  const named = rand() < 0.3 ? pick(rand, pool.namedDocuments) : undefined;
  const doc: [string, string] = named ? [named, named] : pick(rand, GENERIC_DOCUMENTS);
  const noun = pick(rand, GROUP_NOUNS);
  const group: [string, string] = [`${pick(rand, GROUP_QUANTIFIERS).replace('{n}', String(between(rand, 12, 480)))} ${noun}`.trim(), `the ${noun}`];
  return { people: { p, q, r }, orgs: { o, o2, a }, city, city2, country, country2, event: pool.pickEvent(rand), doc, group };
}

class Renderer {
  private readonly mentioned = new Set<string>();
  /** In a headline names are plain: no acronym in brackets, and nothing counts as introduced. */
  headline = false;

  constructor(private readonly rand: Rand, private readonly cast: Cast) {}

  private person(slot: 'p' | 'q' | 'r', sub: string | undefined): string {
    const person = this.cast.people[slot];
    const full = `${person.first} ${person.last}`;
    switch (sub) {
      case 'role': return `the ${person.role} of ${this.org(person.org, `${slot}.org`)}`;
      case 'org': return this.org(person.org, `${slot}.org`);
      case 'spokes': return person.female ? 'spokeswoman' : 'spokesman';
      case 'He':
        if (this.mentioned.has(slot)) return person.female ? 'She' : 'He';
        break;
    }
    if (this.headline) return full;
    if (!this.mentioned.has(slot)) {
      this.mentioned.add(slot);
      return full;
    }
    return this.rand() < 0.6 ? person.last : full;
  }

  private org(org: Org, key: string): string {
    const the = org.the ? 'the ' : '';
    if (this.headline || !org.acronym) return `${the}${org.name}`;
    if (!this.mentioned.has(key)) {
      this.mentioned.add(key);
      return `${the}${org.name} (${org.acronym})`;
    }
    return this.rand() < 0.6 ? `the ${org.acronym}` : `${the}${org.name}`;
  }

  /** A described thing: indefinite the first time ("a petition", "dozens of farmers"), definite after. */
  private introduce(key: string, [first, later]: [string, string]): string {
    if (this.headline || this.mentioned.has(key)) return later;
    this.mentioned.add(key);
    return first;
  }

  private slot(key: string, sub: string | undefined): string {
    const { rand, cast } = this;
    switch (key) {
      case 'p': case 'q': case 'r': return this.person(key, sub);
      case 'o': case 'o2': case 'a': return this.org(cast.orgs[key], key);
      case 'city': return cast.city[0];
      case 'city2': return cast.city2[0];
      case 'country': return cast.country;
      case 'country2': return cast.country2;
      case 'event': return sub === 'city' ? cast.event.city : cast.event.name;
      case 'doc': case 'group': return this.introduce(key, cast[key]);
      case 'topic': return pick(rand, TOPICS);
      case 'demand': return pick(rand, DEMANDS);
      case 'action': return pick(rand, ACTIONS);
      case 'clause': return this.fill(pick(rand, CLAUSES));
      case 'quote': return pick(rand, QUOTES);
      case 'field': return pick(rand, FIELDS);
      case 'n': return String(between(rand, 3, 250));
      case 'day': return pick(rand, WEEKDAYS);
      case 'month': return pick(rand, MONTHS);
      case 'year': return String(between(rand, 2008, 2016));
      case 'year2': return String(between(rand, 2017, 2024));
      default: throw new Error(`corpus-generator: unknown slot {${key}}`);
    }
  }

  fill(template: string): string {
    return template.replace(/\{(\w+)(?:\.(\w+))?\}/g, (_, key: string, sub: string | undefined) => this.slot(key, sub));
  }

  sentence(template: string): string {
    return this.fill(template).replace(/^([“"]?)(\p{Ll})/u, (_, quote: string, c: string) => quote + c.toUpperCase());
  }
}

const MIN_BYTES = 2000;
const MAX_BYTES = 4096;
const MIN_PARAGRAPHS = 4;
const MAX_PARAGRAPHS = 12;
const AVERAGE_SENTENCE_BYTES = 90;

function isoDate(rand: Rand): { iso: string; day: number; month: number } {
  const start = Date.UTC(2015, 0, 1);
  const days = Math.floor((Date.UTC(2024, 11, 31) - start) / 86_400_000);
  const date = new Date(start + between(rand, 0, days) * 86_400_000);
  return { iso: date.toISOString().slice(0, 10), day: date.getUTCDate(), month: date.getUTCMonth() };
}

/** The text of article `index` for `seed`: a date line, an optional headline, then 4–12 paragraphs (~2–4 KB). */
export function generateArticleText(index: number, seed = DEFAULTS.seed): string {
  const pool = pools(seed);
  const rand = seededRandom(hashString(`article:${index}`, seed));
  const cast = castFor(rand, pool);
  const render = new Renderer(rand, cast);
  const date = isoDate(rand);
  const lines = [` date ${date.iso} ${pool.pickPublisher(rand)}`];

  const parts: string[] = [];
  if (rand() < 0.6) {
    render.headline = true;
    parts.push(render.sentence(pick(rand, HEADLINES)));
    render.headline = false;
  }
  const dateline = rand() < 0.5 ? `${cast.city[0]}, ${date.day} ${MONTH_ABBR[date.month]} - ` : '';
  const paragraphs: string[][] = [[dateline + render.sentence(pick(rand, LEADS))]];
  let bytes = paragraphs[0]![0]!.length;
  const target = between(rand, MIN_BYTES + 100, MAX_BYTES - 500);
  const planned = Math.min(MAX_PARAGRAPHS, Math.max(MIN_PARAGRAPHS, Math.round(target / 280) + between(rand, -2, 2)));
  // Templates are not repeated within an article, which keeps texts varied and bodies unique.
  const order = shuffle(rand, [...BODY.keys()]);
  let next = 0;
  // Sentences are only ever appended at the end, so a name is introduced in full before its short form is used.
  while (paragraphs.length < planned || (bytes < MIN_BYTES && paragraphs.length < MAX_PARAGRAPHS)) {
    const left = Math.max(1, planned - paragraphs.length);
    const wanted = (target - bytes) / left / AVERAGE_SENTENCE_BYTES + rand() - 0.5;
    const count = Math.min(3, Math.max(1, Math.round(wanted)));
    const paragraph: string[] = [];
    while (paragraph.length < count) {
      const s = render.sentence(BODY[order[next++ % order.length]!]!);
      paragraph.push(s);
      bytes += s.length + 1;
    }
    paragraphs.push(paragraph);
  }
  // A long draw is trimmed from the end, keeping at least four paragraphs.
  const size = () => Buffer.byteLength(paragraphs.map((p) => p.join(' ')).join('\n\n'));
  while (size() > MAX_BYTES - 200 && paragraphs.length > MIN_PARAGRAPHS) paragraphs.pop();

  parts.push(...paragraphs.map((p) => p.join(' ')));
  return `${lines.join('\n')}\n\n${parts.join('\n\n')}\n`;
}

/** File name of article `index`: fixed width, so names sort in index order. */
export function articleFileName(index: number): string {
  return `article-${String(index).padStart(6, '0')}.txt`;
}

/** Articles in memory, for benches that should not measure the disk. */
export function* generateArticleTexts(options: { articles: number; seed?: number; first?: number }): Generator<GeneratedArticle> {
  const { seed, first } = { ...DEFAULTS, ...options };
  for (let i = first; i < first + options.articles; i++) {
    yield { id: articleFileName(i).replace(/\.txt$/, ''), text: generateArticleText(i, seed) };
  }
}

/** Writes `articles` article files into `dir` (created if needed); returns their paths and total size. */
export function generateCorpus(options: GenerateCorpusOptions): GeneratedCorpus {
  const { seed, first } = { ...DEFAULTS, ...options };
  mkdirSync(options.dir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  for (let i = first; i < first + options.articles; i++) {
    const file = join(options.dir, articleFileName(i));
    const data = Buffer.from(generateArticleText(i, seed), 'utf8');
    writeFileSync(file, data);
    files.push(file);
    bytes += data.length;
  }
  return { files, bytes };
}
