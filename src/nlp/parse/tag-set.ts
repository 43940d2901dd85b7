/**
 * The tagger's classes: pairs of a Penn Treebank tag (XPOS) and a universal tag (UPOS) as the treebank writes them
 * (VBZ is AUX for "is" and VERB for "runs"), so one decision gives both and they always agree. Pairs too rare to
 * learn are folded into the commonest pair with the same XPOS.
 */

export interface TagPair {
  xpos: string;
  upos: string;
}

export class TagSet {
  readonly size: number;
  private readonly ids = new Map<string, number>();

  constructor(readonly tags: readonly TagPair[]) {
    this.size = tags.length;
    tags.forEach((t, i) => this.ids.set(`${t.xpos} ${t.upos}`, i));
  }

  /** Class of a pair, folding unknown pairs onto a known one with the same XPOS (or UPOS), else class 0. */
  id(xpos: string, upos: string): number {
    const exact = this.ids.get(`${xpos} ${upos}`);
    if (exact !== undefined) return exact;
    const sameX = this.tags.findIndex((t) => t.xpos === xpos);
    if (sameX >= 0) return sameX;
    const sameU = this.tags.findIndex((t) => t.upos === upos);
    return sameU >= 0 ? sameU : 0;
  }

  /** The classes of the pairs seen at least `minCount` times, commonest first (ties by name). */
  static fromCounts(pairs: Iterable<TagPair>, minCount: number): TagSet {
    const counts = new Map<string, number>();
    for (const p of pairs) counts.set(`${p.xpos} ${p.upos}`, (counts.get(`${p.xpos} ${p.upos}`) ?? 0) + 1);
    const kept = [...counts].filter(([, n]) => n >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return new TagSet(kept.map(([k]) => {
      const [xpos, upos] = k.split(' ') as [string, string];
      return { xpos, upos };
    }));
  }
}
