/**
 * Attachment scores as the CoNLL 2018 shared task counts them on gold tokens: every token, punctuation included;
 * LAS compares the universal part of the label ("nsubj" for "nsubj:pass"). The full-label LAS is kept too, since
 * the extractor reads subtypes.
 */

export interface AttachmentReport {
  tokens: number;
  uas: number;
  las: number;
  /** LAS with the labels' subtypes compared as well. */
  lasFull: number;
}

const universal = (label: string): string => {
  const colon = label.indexOf(':');
  return colon < 0 ? label : label.slice(0, colon);
};

export class AttachmentScorer {
  private tokens = 0;
  private heads = 0;
  private labelled = 0;
  private labelledFull = 0;

  add(goldHeads: ArrayLike<number>, goldLabels: readonly string[], heads: ArrayLike<number>, labels: readonly string[]): void {
    for (let i = 0; i < goldHeads.length; i++) {
      this.tokens++;
      if (goldHeads[i] !== heads[i]) continue;
      this.heads++;
      if (universal(goldLabels[i]!) === universal(labels[i]!)) this.labelled++;
      if (goldLabels[i] === labels[i]) this.labelledFull++;
    }
  }

  report(): AttachmentReport {
    const t = Math.max(1, this.tokens);
    return { tokens: this.tokens, uas: this.heads / t, las: this.labelled / t, lasFull: this.labelledFull / t };
  }
}
