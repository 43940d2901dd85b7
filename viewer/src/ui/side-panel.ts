/**
 * The details panel: what a node is, where it was read, and every relation with the sentences that justify it.
 * Built from the panel view-models with textContent only; the cited span is a <mark> holding a text node.
 */
import type { ArticleRef } from '../logic/articles.js';
import { kindColor } from '../logic/model.js';
import type { ArticleContents, EdgePanel, EvidenceView, NodePanel, NodeRef, RelationGroup, RelationItem } from '../logic/panel-model.js';
import { append, clear, el, swatch } from './dom.js';

export interface PanelCallbacks {
  selectNode(key: string): void;
  selectEdge(key: string): void;
  /** Brings the node's neighbours into the view ("show neighbours"). */
  expand(key: string): void;
  /** Whether the node's neighbours are already brought in. */
  expanded(key: string): boolean;
  /** Waits until the edges' evidence sentences are loaded (fetched on demand from a compact graph). */
  loadEvidence(edges: string[]): Promise<void>;
}

const METHOD_NOTE: Record<string, string | null> = {
  offsets: null,
  whole: null,
  search: 'Span placed by searching the sentence (the file gives no sentence offset).',
  none: 'The cited span could not be placed in this sentence.',
};

function nodeButton(ref: NodeRef, on: PanelCallbacks): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'node-link', 'data-node': ref.key, title: `Show ${ref.label}` }, swatch(kindColor(ref.kind)), ref.label);
  button.addEventListener('click', (event) => {
    // Inside a <summary> the click would also toggle the <details>.
    event.preventDefault();
    event.stopPropagation();
    on.selectNode(ref.key);
  });
  return button;
}

function articleLine(article: ArticleRef): HTMLElement {
  const title = article.url ? el('a', { href: article.url, target: '_blank', rel: 'noopener noreferrer nofollow' }, article.title) : el('span', { class: 'article-title' }, article.title);
  const meta = [article.date, article.publisher].filter(Boolean).join(' · ');
  return el('span', { class: 'article' }, title, meta ? el('span', { class: 'meta' }, ` ${meta}`) : null);
}

export function evidenceElement(ev: EvidenceView): HTMLElement {
  const quote = el('blockquote', { class: 'sentence' });
  append(quote, ev.pieces.before);
  if (ev.pieces.mark !== null) quote.appendChild(el('mark', {}, ev.pieces.mark));
  append(quote, ev.pieces.after);
  const note = METHOD_NOTE[ev.method];
  return el('li', { class: 'evidence', 'data-span-method': ev.method }, quote, el('cite', {}, articleLine(ev.article)), note ? el('p', { class: 'note' }, note) : null);
}

/** Evidence list showing `limit` sentences, with a button for the rest. */
function evidenceList(evidence: EvidenceView[], limit: number): HTMLElement {
  const list = el('ol', { class: 'evidence-list' });
  const show = (n: number) => {
    clear(list);
    for (const ev of evidence.slice(0, n)) list.appendChild(evidenceElement(ev));
    if (evidence.length > n) {
      const more = el('button', { type: 'button', class: 'more' }, `Show all ${evidence.length} sentences`);
      more.addEventListener('click', () => show(evidence.length));
      list.appendChild(el('li', { class: 'more-row' }, more));
    }
  };
  show(limit);
  if (!evidence.length) list.appendChild(el('li', { class: 'note' }, 'No evidence sentence recorded.'));
  return list;
}

function relationItem(item: RelationItem, direction: 'out' | 'in', on: PanelCallbacks, limit: number): HTMLElement {
  const count = item.count;
  const details = el('details', { class: 'relation-item', 'data-edge': item.edge });
  const edgeButton = el('button', { type: 'button', class: 'edge-link', title: 'Show this edge' }, '↗');
  edgeButton.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    on.selectEdge(item.edge);
  });
  const summary = el('summary', {},
    el('span', { class: 'direction', 'aria-label': direction === 'out' ? 'to' : 'from' }, direction === 'out' ? '→' : '←'),
    item.phrase === null ? null : el('span', { class: 'relation-label phrase' }, item.phrase),
    nodeButton(item.other, on),
    el('span', { class: 'count' }, `${count} sentence${count === 1 ? '' : 's'}`),
    edgeButton);
  details.appendChild(summary);
  // Sentences are built (and fetched, from a compact graph) when first opened: a hub can have thousands of relations.
  let asked = false;
  details.addEventListener('toggle', () => {
    if (!details.open || asked) return;
    asked = true;
    on.loadEvidence([item.edge]).then(
      () => details.appendChild(evidenceList(item.evidence, limit)),
      (error: Error) => details.appendChild(el('p', { class: 'note error' }, `Evidence could not be loaded: ${error.message}`)));
  });
  return details;
}

function relationGroups(title: string, groups: RelationGroup[], direction: 'out' | 'in', on: PanelCallbacks, limit: number): HTMLElement | null {
  if (!groups.length) return null;
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  const section = el('section', { class: `relations relations-${direction}` }, el('h3', {}, `${title} (${total})`));
  for (const group of groups) {
    const items = el('div', { class: 'relation-items' });
    for (const item of group.items) items.appendChild(relationItem(item, direction, on, limit));
    section.appendChild(el('div', { class: 'relation-group', 'data-relation': group.relation },
      el('h4', {}, swatch(group.color, 'swatch line'), group.label, el('span', { class: 'count' }, String(group.items.length))),
      items));
  }
  return section;
}

export function renderNodePanel(body: HTMLElement, model: NodePanel, on: PanelCallbacks, limit: number): void {
  clear(body);
  const facts = model.facts.length
    ? el('dl', { class: 'facts' }, ...model.facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]))
    : null;
  const aliases = model.aliases.length
    ? el('section', { class: 'aliases' }, el('h3', {}, 'Also called'), el('ul', { class: 'chips' }, ...model.aliases.map((a) => el('li', {}, a))))
    : null;
  const articles = model.articles.length
    ? el('section', { class: 'articles' }, el('h3', {}, `Articles (${model.articles.length})`), el('ul', {}, ...model.articles.map((a) => el('li', {}, articleLine(a)))))
    : null;
  const expand = el('button', { type: 'button', id: 'show-neighbours', class: 'small' }, on.expanded(model.node.key) ? 'Neighbours shown' : 'Show neighbours');
  expand.disabled = on.expanded(model.node.key);
  expand.addEventListener('click', () => on.expand(model.node.key));
  append(body,
    el('p', { class: 'kind' }, swatch(model.node.color), model.kindLabel, model.category ? el('span', { class: 'category' }, ` · ${model.category}`) : null),
    el('h2', { class: 'title', id: 'panel-title' }, model.node.label),
    el('p', { class: 'panel-actions' }, expand),
    facts, aliases, articles,
    model.contents ? articleSections(model.contents, on) : null,
    relationGroups('Outgoing', model.outgoing, 'out', on, limit),
    relationGroups('Incoming', model.incoming, 'in', on, limit),
    !model.outgoing.length && !model.incoming.length ? el('p', { class: 'note' }, 'No visible relations.') : null,
    model.hiddenEdges ? el('p', { class: 'note' }, `${model.hiddenEdges} relation${model.hiddenEdges === 1 ? '' : 's'} hidden by the filters.`) : null,
    model.outsideEdges ? el('p', { class: 'note', id: 'outside-note' }, `${model.outsideEdges} relation${model.outsideEdges === 1 ? '' : 's'} from articles outside the chosen range or article.`) : null);
}

/** An article's entities and the relations it states. */
function articleSections(contents: ArticleContents, on: PanelCallbacks): HTMLElement {
  return el('div', { class: 'article-contents' },
    el('section', { class: 'article-entities' }, el('h3', {}, `Entities in this article (${contents.entities.length})`),
      el('ul', { class: 'entity-list' }, ...contents.entities.map((ref) => el('li', {}, nodeButton(ref, on))))),
    el('section', { class: 'article-relations' }, el('h3', {}, `Relations it states (${contents.relations.length})`),
      el('ul', { class: 'statement-list' }, ...contents.relations.map((r) => {
        const link = el('button', { type: 'button', class: 'edge-link', title: 'Show this edge' }, '↗');
        link.addEventListener('click', () => on.selectEdge(r.edge));
        return el('li', { 'data-edge': r.edge }, nodeButton(r.source, on), el('span', { class: 'relation-label' }, ` ${r.label} `), nodeButton(r.target, on), link);
      }))));
}

export function renderEdgePanel(body: HTMLElement, model: EdgePanel, on: PanelCallbacks): void {
  clear(body);
  append(body,
    el('p', { class: 'kind' }, swatch(model.color, 'swatch line'), 'Relation'),
    el('h2', { class: 'title edge-title', id: 'panel-title' },
      nodeButton(model.source, on),
      el('span', { class: 'relation-label' }, ` ${model.label} `),
      nodeButton(model.target, on)),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Confidence'), el('dd', {}, `${Math.round(model.confidence * 100)}%`),
      el('dt', {}, 'Evidence'), el('dd', {}, `${model.evidence.length} sentence${model.evidence.length === 1 ? '' : 's'}`),
      model.symmetric ? el('dt', {}, 'Direction') : null, model.symmetric ? el('dd', {}, 'either way') : null,
      model.open ? el('dt', {}, 'Relation') : null, model.open ? el('dd', { class: 'open-relation' }, 'open: the article’s own words, no relation of the table') : null),
    el('section', { class: 'relations' }, el('h3', {}, 'Why this edge exists'), evidenceList(model.evidence, Number.POSITIVE_INFINITY)));
}
