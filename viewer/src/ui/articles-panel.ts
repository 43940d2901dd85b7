/**
 * The articles tab beside the filters: the publishers and the articles (title, day, publisher), searchable. Picking
 * one narrows the view to what it says; the app does the narrowing.
 */
import { searchArticles, type Corpus, type Scope } from '../logic/corpus.js';
import { byId, clear, el } from './dom.js';

export interface ArticlesPanelOptions {
  corpus: Corpus;
  /** Articles listed at most; the search narrows the rest. */
  limit: number;
  pick(scope: Scope): void;
  signal: AbortSignal;
}

export class ArticlesPanel {
  private scope: Scope | null = null;

  constructor(private readonly o: ArticlesPanelOptions) {
    const search = byId<HTMLInputElement>('article-search');
    search.value = '';
    search.addEventListener('input', () => this.render(), { signal: o.signal });
    this.render();
  }

  /** Marks the picked article or publisher. */
  set(scope: Scope | null): void {
    this.scope = scope;
    for (const button of document.querySelectorAll<HTMLButtonElement>('#articles-tab [data-article], #articles-tab [data-publisher]')) {
      const picked = scope?.type === 'article' ? button.dataset.article === scope.id : scope?.type === 'publisher' && button.dataset.publisher === scope.name;
      button.setAttribute('aria-pressed', String(!!picked));
    }
  }

  private render(): void {
    const { corpus, limit } = this.o;
    const query = byId<HTMLInputElement>('article-search').value;
    const publishers = byId('publisher-list');
    clear(publishers);
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    for (const p of corpus.publishers) {
      if (!words.every((w) => p.name.toLowerCase().includes(w))) continue;
      const button = el('button', { type: 'button', class: 'list-item', 'data-publisher': p.name },
        el('span', { class: 'item-title' }, p.name), el('span', { class: 'count' }, p.articles.toLocaleString('en')));
      button.addEventListener('click', () => this.o.pick({ type: 'publisher', name: p.name }));
      publishers.appendChild(el('li', {}, button));
    }
    if (!publishers.firstChild) publishers.appendChild(el('li', { class: 'note' }, corpus.publishers.length ? 'No publisher matches.' : 'No publishers in this graph.'));

    const list = byId('article-list');
    clear(list);
    const { found, total } = searchArticles(corpus, query, limit);
    for (const a of found) {
      const meta = [a.day, a.publisher].filter(Boolean).join(' · ');
      const button = el('button', { type: 'button', class: 'list-item article-item', 'data-article': a.id },
        el('span', { class: 'item-title' }, a.title), meta ? el('span', { class: 'meta' }, meta) : null);
      button.addEventListener('click', () => this.o.pick({ type: 'article', id: a.id }));
      list.appendChild(el('li', {}, button));
    }
    byId('article-count').textContent = total > found.length ? `${found.length} of ${total.toLocaleString('en')} shown; search to narrow` : `${total.toLocaleString('en')} article${total === 1 ? '' : 's'}`;
    this.set(this.scope);
  }
}
