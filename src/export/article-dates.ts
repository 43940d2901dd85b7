/**
 * When each article appeared, so exporters can date nodes and edges (Gephi's timeline). Article nodes carry the
 * date; other nodes and the evidence only name article ids.
 */
import { ARTICLE_CATEGORY } from '../schema/index.js';
import type { NewsGraph } from '../graph/io.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Article id → ISO date (YYYY-MM-DD), from the article nodes that have one. */
export function articleDates(graph: NewsGraph): Map<string, string> {
  const dates = new Map<string, string>();
  graph.forEachNode((_key, a) => {
    if (a.category !== ARTICLE_CATEGORY || !a.date) return;
    // Full timestamps are cut to the day: the timeline works in days and the schema's date type has no time.
    const day = a.date.slice(0, 10);
    if (!ISO_DATE.test(day)) return;
    for (const id of a.articles) dates.set(id, day);
  });
  return dates;
}

/** The earliest known date among `articleIds`, or undefined when none is known. */
export function earliestDate(articleIds: Iterable<string>, dates: ReadonlyMap<string, string>): string | undefined {
  let first: string | undefined;
  for (const id of articleIds) {
    const d = dates.get(id);
    if (d !== undefined && (first === undefined || d < first)) first = d;
  }
  return first;
}
