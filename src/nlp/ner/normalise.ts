/**
 * Maps run-time token spellings onto the conventions of the training text (1996 Reuters, ASCII quotes), so that
 * modern text with typographic punctuation reaches the same features.
 */
const REPLACEMENTS: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2000-\u200B\u202F\u205F\u3000]/g, ' '],
];

/** Longest token the features look at; longer tokens are cut (their shape and affixes are all that matter). */
const MAX_TOKEN = 64;

export function normaliseToken(token: string): string {
  let t = token.length > MAX_TOKEN ? token.slice(0, MAX_TOKEN) : token;
  // Fast path: plain ASCII needs nothing.
  if (/[^\x20-\x7E]/.test(t)) {
    for (const [re, to] of REPLACEMENTS) t = t.replace(re, to);
    // Control characters carry no signal; keep the token non-empty so positions stay aligned.
    t = t.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  }
  return t === '' ? '_' : t;
}
