/**
 * BILOU label scheme: label ids, IOB2 → BILOU encoding, the valid-transition table the decoder obeys, and decoding
 * (with repair of invalid sequences) into typed spans.
 */
export const NAME_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NameType = (typeof NAME_TYPES)[number];

const PARTS = ['B', 'I', 'L', 'U'] as const;
type Part = (typeof PARTS)[number];

/** `O` is 0; then B, I, L, U for each type in NAME_TYPES order. */
export const LABELS: readonly string[] = ['O', ...NAME_TYPES.flatMap((t) => PARTS.map((p) => `${p}-${t}`))];
export const LABEL_COUNT = LABELS.length;
export const O = 0;

const LABEL_INDEX = new Map(LABELS.map((l, i) => [l, i]));

export function labelId(label: string): number {
  const id = LABEL_INDEX.get(label);
  if (id === undefined) throw new Error(`bilou: unknown label ${label}`);
  return id;
}

export function labelPart(id: number): Part | 'O' {
  return id === O ? 'O' : PARTS[(id - 1) % 4]!;
}

export function labelType(id: number): NameType | undefined {
  return id === O ? undefined : NAME_TYPES[Math.floor((id - 1) / 4)];
}

function idOf(part: Part, type: NameType): number {
  return 1 + NAME_TYPES.indexOf(type) * 4 + PARTS.indexOf(part);
}

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
  type: NameType;
}

/** A span as the tagger gives it: token indices in the sentence, `[start, end)`, with the model's confidence. */
export interface NameSpan extends Span {
  /** Probability (0-1) the model gives to exactly this span with this type. */
  confidence: number;
}

function isNameType(s: string): s is NameType {
  return (NAME_TYPES as readonly string[]).includes(s);
}

/** Spans of an IOB2 (or IOB1) tag sequence, conlleval-style: an I- that does not continue a span starts one. */
export function iobToSpans(tags: readonly string[]): Span[] {
  const spans: Span[] = [];
  let open: Span | undefined;
  tags.forEach((tag, i) => {
    const [prefix, type] = tag.split('-', 2) as [string, string | undefined];
    const continues = prefix === 'I' && open !== undefined && open.type === type;
    if (continues) {
      open!.end = i + 1;
      return;
    }
    if (open) spans.push(open);
    open = undefined;
    if ((prefix === 'B' || prefix === 'I') && type && isNameType(type)) open = { start: i, end: i + 1, type };
  });
  if (open) spans.push(open);
  return spans;
}

/** Label ids for spans over `length` tokens; spans must not overlap. */
export function spansToBilou(spans: readonly Span[], length: number): number[] {
  const labels = new Array<number>(length).fill(O);
  for (const { start, end, type } of spans) {
    if (end - start === 1) {
      labels[start] = idOf('U', type);
      continue;
    }
    labels[start] = idOf('B', type);
    for (let i = start + 1; i < end - 1; i++) labels[i] = idOf('I', type);
    labels[end - 1] = idOf('L', type);
  }
  return labels;
}

export function iobToBilou(tags: readonly string[]): number[] {
  return spansToBilou(iobToSpans(tags), tags.length);
}

export function spansToIob(spans: readonly Span[], length: number): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const { start, end, type } of spans) {
    for (let i = start; i < end; i++) tags[i] = `${i === start ? 'B' : 'I'}-${type}`;
  }
  return tags;
}

/** Whether `next` may follow `prev`; `prev` O stands for the sentence start too. */
export function validTransition(prev: number, next: number): boolean {
  const pp = labelPart(prev);
  const np = labelPart(next);
  if (pp === 'B' || pp === 'I') return (np === 'I' || np === 'L') && labelType(prev) === labelType(next);
  return np === 'O' || np === 'B' || np === 'U';
}

/** Whether a sentence may end on `label`. */
export function validEnd(label: number): boolean {
  const p = labelPart(label);
  return p === 'O' || p === 'L' || p === 'U';
}

/**
 * `VALID[prev * LABEL_COUNT + next]` is 1 for allowed transitions; row LABEL_COUNT is the sentence start.
 */
export const VALID: Uint8Array = (() => {
  const table = new Uint8Array((LABEL_COUNT + 1) * LABEL_COUNT);
  for (let p = 0; p <= LABEL_COUNT; p++) {
    for (let n = 0; n < LABEL_COUNT; n++) table[p * LABEL_COUNT + n] = validTransition(p === LABEL_COUNT ? O : p, n) ? 1 : 0;
  }
  return table;
})();

/**
 * Spans of a BILOU label sequence. Invalid sequences are repaired rather than rejected: a span opens at B or U, or
 * at an I/L that does not continue a span of its type, and closes at L or U or where the next label does not continue it.
 */
export function bilouToSpans(labels: ArrayLike<number>): Span[] {
  const spans: Span[] = [];
  let open: Span | undefined;
  for (let i = 0; i < labels.length; i++) {
    const id = labels[i]!;
    const part = labelPart(id);
    const type = labelType(id);
    if (open && (part === 'I' || part === 'L') && type === open.type) {
      open.end = i + 1;
      if (part === 'L') {
        spans.push(open);
        open = undefined;
      }
      continue;
    }
    if (open) spans.push(open);
    open = undefined;
    if (part === 'O' || type === undefined) continue;
    const span: Span = { start: i, end: i + 1, type };
    if (part === 'U' || part === 'L') spans.push(span);
    else open = span;
  }
  if (open) spans.push(open);
  return spans;
}
