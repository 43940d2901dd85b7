/**
 * Tagged names → person, organisation and place mentions. The tagger's type is a vote, corrected by general
 * gazetteers (a country is a place even when it acts; a known body is an organisation), and honorifics and titles
 * are taken off names and kept as attributes.
 */
import type { EntityKind, NameSpan, Sentence, Token } from '../../schema/index.js';
import { lexicon, isHonorific as isHonorificWord } from '../../nlp/lexicon/index.js';
import { lower, wordKey, isPluralNoun, POSSESSIVE_MARKERS } from '../tokens.js';
import { groupNouns, lookupNoun } from '../word-lists.js';
import { spanText, startsCapital, type DraftMention } from './draft.js';
import { remembered } from '../../memo.js';

/** Asked of every capitalised word: remember the answers. */
const isHonorific = remembered(isHonorificWord);
/** A token's word key (tokens recur; a name's text does not, so it is not remembered). */
const tokenKey = remembered(wordKey);
const groupNoun = remembered((lemma: string) => lookupNoun(groupNouns(), lemma));

/** `/^[^\p{L}\p{N}]+$/u.test(text)`, answering words that begin with a plain letter or digit without the expression. */
function isPunctuation(text: string): boolean {
  const code = text.charCodeAt(0);
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return false;
  return /^[^\p{L}\p{N}]+$/u.test(text);
}

/** The word key of a name's text; a one-token name that reads as its token has that token's key. */
function nameKey(text: string, tokens: readonly Token[], start: number, end: number): string {
  return end - start === 1 && text === tokens[start]!.text ? tokenKey(text) : wordKey(text);
}

const fold = (s: string): string => (/[^\x00-\x7f]/.test(s) ? s.normalize('NFD').replace(/\p{M}/gu, '') : s).toLowerCase();
let placeKeys: ReadonlySet<string> | undefined;

/** Whether `key` (lower case) names a place in the gazetteers; accents do not matter ("Curacao", "Curaçao"). */
export function isKnownPlace(key: string): boolean {
  if (!placeKeys) {
    const lex = lexicon();
    placeKeys = new Set([...lex.countries.keys(), ...lex.cities, ...lex.regions].map(fold));
  }
  return placeKeys.has(fold(key));
}

/** Common nouns that make the name before them a place: "Union square", "Blue mosque", "Red river". */
const PLACE_HEADS = new Set(['square', 'street', 'avenue', 'road', 'boulevard', 'mosque', 'church', 'cathedral', 'temple', 'shrine', 'bridge', 'river', 'lake', 'sea', 'ocean', 'island', 'islands', 'bay', 'mountain', 'mountains', 'valley', 'desert', 'airport', 'port', 'harbour', 'harbor', 'station', 'stadium', 'park', 'district', 'province', 'region', 'county', 'city', 'town', 'village', 'border', 'strait', 'gulf', 'peninsula', 'coast', 'canal', 'camp', 'prison', 'neighbourhood', 'neighborhood', 'quarter', 'plain', 'plateau', 'basin', 'delta', 'lagoon', 'reef', 'beach']);
/** Of those, the ones that also make a place of a person's name ("Kemal Pasha mosque", "Kennedy airport"); not "camp". */
const PERSON_PLACE_HEADS = new Set(['square', 'street', 'avenue', 'road', 'boulevard', 'mosque', 'church', 'cathedral', 'temple', 'shrine', 'bridge', 'airport', 'station', 'stadium', 'park']);
/** Words that begin place names built on a region ("North Africa", "Latin America"). */
const PLACE_PREFIXES = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'sub-saharan', 'latin', 'greater', 'upper', 'lower', 'new', 'middle', 'far', 'near']);

let titleKeys: ReadonlySet<string> | undefined;
let titleWords: ReadonlySet<string> | undefined;

/** Whether a word can begin a title at all: a cheap test before building multiword keys. */
function mayStartTitle(word: string): boolean {
  if (!titleWords) isTitle('');
  return titleWords!.has(word) || titleWords!.has(word.replace(/s$/, ''));
}

/** The lexicon's titles in word-key form (hyphens as spaces), for matching token sequences. */
export function isTitle(words: string): boolean {
  if (!titleKeys) {
    titleKeys = new Set([...lexicon().titles].map(wordKey));
    titleWords = new Set([...titleKeys].flatMap((t) => t.split(' ')));
  }
  return titleKeys.has(words) || (words.endsWith('s') && titleKeys.has(words.slice(0, -1)));
}

/** The first word of a word key ("prime" of "prime minister"). */
function firstWord(key: string): string {
  const space = key.indexOf(' ');
  return space < 0 ? key : key.slice(0, space);
}

/**
 * Whether a title written before a name can begin at this token: capitalised, and its first word begins some title.
 * Any title key starting here starts with that word, so this spares building keys for the other tokens.
 */
function mayBeginTitle(t: Token): boolean {
  return startsCapital(t.text) && mayStartTitle(firstWord(tokenKey(t.text)));
}

/** Longest title (from the lexicon) that starts at token `i`, as a token count. */
export function titleLengthAt(sentence: Sentence, i: number, limit = sentence.tokens.length): number {
  const first = sentence.tokens[i];
  if (!first || !mayStartTitle(firstWord(tokenKey(first.text)))) return 0;
  let best = 0;
  let words = '';
  for (let j = i; j < Math.min(limit, i + 5); j++) {
    words = words ? `${words} ${tokenKey(sentence.tokens[j]!.text)}` : tokenKey(sentence.tokens[j]!.text);
    if (isTitle(words)) best = j - i + 1;
  }
  return best;
}

function kindFor(span: NameSpan, key: string, lastWord: string): EntityKind | undefined {
  const lex = lexicon();
  // "SGD", "US Dollars": a currency is a unit, not a thing in the story.
  if (lex.currencies.has(key) || (key.includes(' ') && lex.currencies.has(lastWord) && lastWord.length > 3)) return undefined;
  if (lex.knownBodies.has(key)) return 'organisation';
  if (isKnownPlace(key)) return 'place';
  // "Oxfam Africa", "Coca-Cola Europe": an organisation's regional branch, unlike "North Africa". A word key has
  // single spaces between words, so the words before the last end at its last space.
  const lastSpace = key.lastIndexOf(' ');
  if (span.type === 'LOC' && lastSpace >= 0 && lex.regions.has(lastWord) && !isKnownPlace(key.slice(0, lastSpace)) &&
      !PLACE_PREFIXES.has(firstWord(key))) return 'organisation';
  const orgLike = lex.orgSuffixes.has(lastWord) || lex.orgEndings.has(lastWord);
  // "the Beijing Declaration", "the Clean Air Act": a name whose head is a formal text's noun names that text.
  if (lastSpace >= 0 && span.type !== 'PER' && !orgLike && DOCUMENT_NAME_HEADS.has(lastWord.replace(/s$/, ''))) return 'document';
  switch (span.type) {
    case 'PER': return orgLike ? 'organisation' : 'person';
    case 'ORG': return 'organisation';
    case 'LOC': return orgLike ? 'organisation' : 'place';
    // MISC: nationalities and other adjectives are attributes of the phrase they modify, not nodes; a MISC name
    // that ends like an organisation ("... Party") is one.
    case 'MISC': return orgLike ? 'organisation' : undefined;
  }
}

/** Head nouns of formal texts that are named ("the Paris Agreement", "the Patriot Act"), unlike "the Labour Platform". */
const DOCUMENT_NAME_HEADS = new Set(['declaration', 'accord', 'agreement', 'treaty', 'protocol', 'act', 'bill', 'charter', 'constitution',
  'resolution', 'report', 'law', 'statute', 'directive', 'decree', 'manifesto', 'communique', 'memorandum', 'pact', 'covenant', 'amendment']);

/**
 * A name span made here. All of them are built by this one function so that they share one object shape: the name
 * loop below reads them by the tens of thousands.
 */
function nameSpan(start: number, end: number, type: NameSpan['type'], confidence: number): NameSpan {
  return { start, end, type, confidence };
}

/**
 * Repairs two common tagger slips: "the Ministry of Labour and the Treasury" read as one name (split at "and the"),
 * and "Members of the Farmers Alliance" at the start of a sentence (the people are not part of the name).
 */
function splitNames(sentence: Sentence): NameSpan[] {
  if (!sentence.names.length) return [];
  const out: NameSpan[] = [];
  const tokens = sentence.tokens;
  for (const span of sentence.names) {
    let start = span.start;
    if (span.type !== 'PER' && span.end - start > 2 && lower(tokens[start + 1]) === 'of' && groupNouns().has(wordKey(tokens[start]!.lemma)) && isPluralNoun(tokens[start]!)) {
      start += 2;
      while (start < span.end && lower(tokens[start]) === 'the') start++;
    }
    let from = start;
    for (let i = start + 1; i < span.end - 1; i++) {
      if ((lower(tokens[i]) === 'and' || tokens[i]!.text === '&') && i > from) {
        // "the Ministry of Labour and the Treasury"; "the Miners Federation and Kestrel Coal": a name ending in an
        // organisation word before "and" is complete ("Procter and Gamble" is one).
        const next = lower(tokens[i + 1]) === 'the' ? i + 2 : lexicon().orgSuffixes.has(lower(tokens[i - 1])) && span.type === 'ORG' ? i + 1 : -1;
        if (next < 0 || next >= span.end) continue;
        out.push(nameSpan(from, i, span.type, span.confidence));
        from = next;
      }
    }
    if (from < span.end) out.push(nameSpan(from, span.end, span.type, span.confidence));
  }
  // "the Court of Appeal for the Northern Circuit": an organisation name continued by "for (the) Name".
  for (let k = 0; k + 1 < out.length; k++) {
    const a = out[k]!;
    const b = out[k + 1]!;
    let gap = a.end;
    if (lower(tokens[gap]) !== 'for') continue;
    gap++;
    if (lower(tokens[gap]) === 'the') gap++;
    if (a.type === 'ORG' && gap === b.start && b.type !== 'PER') {
      out.splice(k, 2, nameSpan(a.start, b.end, a.type, Math.min(a.confidence, b.confidence)));
      k--;
    }
  }
  // "Maria Toledo", "Pablo Cordoba": a lone given name right before a one-word place is a person's full name.
  for (let k = 0; k + 1 < out.length; k++) {
    const a = out[k]!;
    const b = out[k + 1]!;
    if (a.type === 'PER' && a.end - a.start === 1 && b.start === a.end && b.end - b.start === 1 && b.type !== 'PER' &&
        lexicon().givenNames.has(lower(tokens[a.start])) && startsCapital(tokens[b.start]!.text)) {
      out.splice(k, 2, nameSpan(a.start, b.end, 'PER', Math.min(a.confidence, b.confidence)));
    }
  }
  return out;
}

/** POS of function words that open a sentence before a name ("Later Yusuf", "Meanwhile Acme"). */
const FUNCTION_POS = new Set(['ADV', 'ADP', 'SCONJ', 'CCONJ', 'PRON', 'AUX', 'PART']);

/**
 * Wire-service credit lines, "(Reporting by A B and C D; Editing by E F)": every name there is a person, whatever
 * the tagger made of it.
 */
const CREDIT_WORDS = new Set(['reporting', 'editing', 'writing', 'additional', 'compiled', 'translated']);

/** "Mrs Yusuf", "Dr. Amina Yusuf": capitalised words right after an honorific are a person, whatever the tagger says. */
function honorificNames(sentence: Sentence): NameSpan[] {
  const tokens = sentence.tokens;
  const out: NameSpan[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    // Cheap tests first: a name needs a capital here and on the next word, and most words fail that.
    if (!startsCapital(tokens[i]!.text) || !startsCapital(tokens[i + 1]!.text) || !isHonorific(tokens[i]!.text)) continue;
    let j = i + 1;
    // An honorific between two names belongs to the name ("Sheikh Nasser Sheikh Qasim").
    const nameWord = (k: number) => k < tokens.length && /^\p{Lu}[\p{L}'’.-]*$/u.test(tokens[k]!.text);
    while (j < i + 5 && nameWord(j) && (!isHonorific(tokens[j]!.text) || j > i + 1 && nameWord(j + 1) && !isHonorific(tokens[j + 1]!.text))) j++;
    if (j > i + 1) out.push(nameSpan(i + 1, j, 'PER', 0.9));
    i = j - 1;
  }
  return out;
}

/** Whether some token is exactly `text`. */
function hasToken(tokens: readonly Token[], text: string): boolean {
  for (const t of tokens) if (t.text === text) return true;
  return false;
}

/** Words an acronym may skip or take a letter from ("Federal Agency on Road Safety (FARS)"). */
const ACRONYM_OPTIONAL = new Set(['of', 'on', 'for', 'the', 'and', 'in', 'to', 'at', 'de', 'la', 'du', 'des', 'del', '&']);

/** Whether the words, in order, spell the acronym: each gives its initial (an all-capital word all its letters). */
function spells(words: readonly string[], acronym: string): boolean {
  const go = (w: number, a: number): boolean => {
    if (w === words.length) return a === acronym.length;
    const word = words[w]!;
    const lowerWord = word.toLowerCase();
    if (ACRONYM_OPTIONAL.has(lowerWord) && go(w + 1, a)) return true;
    if (a >= acronym.length) return false;
    if (/^\p{Lu}{2,}$/u.test(word) && acronym.startsWith(word, a) && go(w + 1, a + word.length)) return true;
    return word[0]!.toUpperCase() === acronym[a] && go(w + 1, a + 1);
  };
  return go(0, 0);
}

/**
 * "the Federal agency on Road Safety (FARS)": the words before an acronym in brackets that spell it are one
 * name, whatever their case, however the tagger split them.
 */
function acronymExpansions(sentence: Sentence): NameSpan[] {
  const tokens = sentence.tokens;
  const out: NameSpan[] = [];
  for (let p = 1; p + 2 < tokens.length; p++) {
    if (tokens[p]!.text !== '(' || tokens[p + 2]!.text !== ')') continue;
    const acronym = tokens[p + 1]!.text;
    if (!/^\p{Lu}{2,8}$/u.test(acronym)) continue;
    // The shortest window of words ending before the bracket that spells it and opens with a capital.
    for (let start = p - 1; start >= 0 && start >= p - 12; start--) {
      if (!startsCapital(tokens[start]!.text) || ACRONYM_OPTIONAL.has(lower(tokens[start]))) continue;
      if (spells(tokens.slice(start, p).map((t) => t.text), acronym)) { out.push(nameSpan(start, p, 'ORG', 0.9)); break; }
    }
  }
  return out;
}

function creditNames(sentence: Sentence): NameSpan[] {
  const tokens = sentence.tokens;
  if (!hasToken(tokens, 'by')) return [];
  const out: NameSpan[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (lower(tokens[i + 1]) !== 'by' || !CREDIT_WORDS.has(lower(tokens[i]))) continue;
    let j = i + 2;
    while (j < tokens.length && !/^[;)]$/.test(tokens[j]!.text)) {
      if (startsCapital(tokens[j]!.text) && !/^(?:and|by)$/i.test(tokens[j]!.text)) {
        const start = j;
        while (j < tokens.length && (startsCapital(tokens[j]!.text) || /^(?:de|van|von|al|bin|da|di|le|la)$/.test(tokens[j]!.text)) && lower(tokens[j]) !== 'and') j++;
        if (j - start >= 2 && j - start <= 4) out.push(nameSpan(start, j, 'PER', 0.9));
      } else j++;
    }
  }
  return out;
}

/** Whether words [start, end) include "of" or an organisation word ("General Union of Transport Workers"). */
function hasOfOrOrgWord(tokens: readonly Token[], start: number, end: number): boolean {
  const orgSuffixes = lexicon().orgSuffixes;
  for (let i = start; i < end; i++) if (lower(tokens[i]) === 'of' || orgSuffixes.has(lower(tokens[i]))) return true;
  return false;
}

/** Whether tokens [start, end) are all nationalities, numbers or adjectives ("British", "two Dutch"). */
function onlyNationalities(tokens: readonly Token[], start: number, end: number): boolean {
  const demonyms = lexicon().demonyms;
  for (let i = start; i < end; i++) if (!demonyms.has(lower(tokens[i])) && tokens[i]!.pos !== 'NUM' && tokens[i]!.pos !== 'ADJ') return false;
  return true;
}

export interface NameResult {
  mentions: DraftMention[];
  /** The name spans the later stages should respect: kept names (after repairs) and MISC names. */
  spans: NameSpan[];
  /** MISC names kept as attributes (nationalities, languages, events without a head noun). */
  misc: Array<{ sentence: number; start: number; end: number; text: string }>;
}

export function nameMentions(sentence: Sentence, index: number, body: string): NameResult {
  const mentions: DraftMention[] = [];
  const misc: NameResult['misc'] = [];
  const tokens = sentence.tokens;
  const word = (i: number): string => lower(tokens[i]);
  const credits = creditNames(sentence);
  for (const span of honorificNames(sentence)) credits.push(span);
  const spelled = hasToken(sentence.tokens, '(') ? acronymExpansions(sentence) : [];
  for (const span of spelled) credits.push(span);
  const spans: NameSpan[] = [];
  const repaired = splitNames(sentence);
  const all = credits.length ? [...repaired.filter((s) => !credits.some((c) => c.start < s.end && s.start < c.end)), ...credits].sort((a, b) => a.start - b.start) : repaired;
  for (const span of all) {
    let start = span.start;
    let end = span.end;
    while (end > start && POSSESSIVE_MARKERS.has(lower(tokens[end - 1]))) end--;
    while (end > start && isPunctuation(tokens[end - 1]!.text)) end--;
    // "Later Yusuf", "Meanwhile Acme": a capitalised function word opening the sentence is not part of the name.
    while (start === 0 && end - start > 1 && FUNCTION_POS.has(tokens[start]!.pos) && !isKnownPlace(lower(tokens[start]))) start++;
    while (start < end && (lower(tokens[start]) === 'the' || isPunctuation(tokens[start]!.text) || isCompound(tokens[start]!.text))) start++;
    if (end <= start) continue;
    // "Lords", "British MPs", "Free Army fighters": a plural of people ends a group, whatever the capitals say; what
    // stands before it is a name only when it is more than nationalities.
    // A name built on "of" or an organisation word keeps its people ("General Union of Transport Workers").
    if (span.type !== 'PER' && !spelled.includes(span) && groupNoun(tokens[end - 1]!.lemma) !== undefined && isPluralNoun(tokens[end - 1]!) &&
        !lexicon().orgSuffixes.has(lower(tokens[end - 1])) && !hasOfOrOrgWord(tokens, start, end - 1)) {
      end--;
      if (onlyNationalities(tokens, start, end)) continue;
    }
    // "Syrian Opposition", "French Foreign Ministry": a nationality right before an organisation is part of its name.
    if (span.type === 'ORG' && start > 0 && start === span.start && startsCapital(tokens[start - 1]!.text) && lexicon().demonyms.has(lower(tokens[start - 1])) &&
        !sentence.names.some((n) => n.end === start && n.type !== 'MISC')) start--;
    const titles: string[] = [];
    // Honorifics and titles inside a person's name span, and just before it.
    if (span.type === 'PER') {
      let i = start;
      for (;;) {
        if (i < end - 1 && isHonorific(tokens[i]!.text)) { titles.push(tokens[i]!.text.replace(/\.$/, '')); i++; continue; }
        const n = titleLengthAt(sentence, i, end - 1);
        if (n) { titles.push(spanText(sentence, body, i, i + n)); i += n; continue; }
        break;
      }
      start = i;
      let j = span.start - 1;
      while (j >= 0 && isHonorific(tokens[j]!.text)) { titles.unshift(tokens[j]!.text.replace(/\.$/, '')); j--; }
      // "Prime Minister Jonas Berg": a title right before the name (not "the minister, X").
      // "Yemeni President Sheikh X": the title may come before the honorific.
      const honorificsOnly = titles.every(isHonorific);
      for (let n = Math.min(4, j + 1), found = false; n >= 1 && honorificsOnly && !found; n--) {
        if (mayBeginTitle(tokens[j + 1 - n]!) && isTitle(wordKey(tokens.slice(j + 1 - n, j + 1).map((t) => t.text).join(' ')))) {
          titles.unshift(spanText(sentence, body, j + 1 - n, j + 1));
          found = true;
        }
      }
    }
    if (end <= start) continue;
    // "Union square", "Blue mosque": a place noun right after the name makes it a place named by both.
    let placeHead = false;
    if (tokens[end] && tokens[end]!.pos !== 'PROPN' && !startsCapital(tokens[end]!.text) && (span.type === 'PER' ? PERSON_PLACE_HEADS : PLACE_HEADS).has(lower(tokens[end]))) {
      end++;
      placeHead = true;
    }
    const text = spanText(sentence, body, start, end);
    let kind = placeHead ? 'place' : kindFor(span, nameKey(text, tokens, start, end), tokenKey(tokens[end - 1]!.text));
    // "the Social Democrats", "the Greens": a plural MISC name used as a noun phrase is a party or movement.
    if (!kind && span.type === 'MISC' && word(start - 1) === 'the' && end - start <= 3 && /\p{Lu}.*s$/u.test(tokens[end - 1]!.text) &&
        !lexicon().demonyms.has(lower(tokens[end - 1]))) kind = 'organisation';
    if (!kind) {
      misc.push({ sentence: index, start, end, text });
      spans.push(nameSpan(start, end, 'MISC', span.confidence));
      continue;
    }
    spans.push(nameSpan(start, end, span.type, span.confidence));
    const attrs: DraftMention['attrs'] = { confidence: Math.round(span.confidence * 100) / 100 };
    if (titles.length) attrs.title = titles.join(' ');
    mentions.push({ kind, sentence: index, start, end, coreStart: start, coreEnd: end, head: end - 1, text, variants: [], origin: 'name', attrs });
  }
  compoundPlaces(sentence, index, mentions);
  return { mentions, misc, spans };
}

/**
 * Places inside hyphenated compounds the tagger sees as one word: "US-based", "Kenya-born", "UK-led".
 */
const COMPOUND = /^.+-(?:based|born|led|backed|run|owned|funded|made|bound)$/i;
const COMPOUND_PARTS = /^(.+?)-(based|born|led|backed|run|owned|funded|made|bound)$/i;

/** `COMPOUND.test(text)`; every compound has a hyphen, and that plain test spares the regular expression for most words. */
function isCompound(text: string): boolean {
  return text.includes('-') && COMPOUND.test(text);
}

/** Appends the compound places of a sentence to `out`. */
function compoundPlaces(sentence: Sentence, index: number, out: DraftMention[]): void {
  const tokens = sentence.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isCompound(t.text)) continue;
    const m = COMPOUND_PARTS.exec(t.text);
    if (!m || !isKnownPlace(wordKey(m[1]!)) || sentence.names.some((n) => n.start <= i && i < n.end && n.type !== 'MISC')) continue;
    out.push({
      kind: 'place', sentence: index, start: i, end: i + 1, coreStart: i, coreEnd: i + 1, head: i, text: m[1]!, variants: [],
      origin: 'name', attrs: { compound: m[2]!.toLowerCase() }, charStart: t.start, charEnd: t.start + m[1]!.length,
    });
  }
}
