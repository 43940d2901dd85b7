/**
 * The search field with a suggestion list (ARIA combobox pattern): type, pick with the mouse or arrows + Enter.
 */
import type { SearchIndex, Suggestion } from '../logic/search.js';
import { kindColor, type KindKey } from '../logic/model.js';
import { clear, el, swatch } from './dom.js';

export interface SearchBoxOptions {
  input: HTMLInputElement;
  list: HTMLUListElement;
  limit: number;
  index: () => SearchIndex;
  accept: (key: string) => boolean;
  kindOf: (key: string) => KindKey;
  choose: (key: string) => void;
  signal: AbortSignal;
}

export class SearchBox {
  private suggestions: Suggestion[] = [];
  private active = -1;
  private readonly o: SearchBoxOptions;

  constructor(options: SearchBoxOptions) {
    this.o = options;
    const { input, list, signal } = options;
    input.addEventListener('input', () => this.update(), { signal });
    input.addEventListener('focus', () => this.update(), { signal });
    input.addEventListener('keydown', (event) => this.key(event), { signal });
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150), { signal });
    // pointerdown rather than click: it fires before the input's blur closes the list.
    list.addEventListener('pointerdown', (event) => {
      const item = (event.target as HTMLElement).closest<HTMLLIElement>('li[data-index]');
      if (!item) return;
      event.preventDefault();
      this.pick(Number(item.dataset.index));
    }, { signal });
  }

  private update(): void {
    this.suggestions = this.o.index().query(this.o.input.value, this.o.limit, this.o.accept);
    this.active = this.suggestions.length ? 0 : -1;
    this.render();
  }

  private render(): void {
    const { list, input } = this.o;
    clear(list);
    if (!this.suggestions.length) {
      if (input.value.trim()) list.appendChild(el('li', { class: 'empty', role: 'option', 'aria-disabled': 'true' }, 'No match'));
      list.hidden = !input.value.trim();
      input.setAttribute('aria-expanded', String(!list.hidden));
      input.removeAttribute('aria-activedescendant');
      return;
    }
    this.suggestions.forEach((s, i) => {
      const li = el('li', { id: `suggestion-${i}`, role: 'option', 'data-index': i, 'data-key': s.key, 'aria-selected': String(i === this.active) },
        swatch(kindColor(this.o.kindOf(s.key))),
        el('span', { class: 'suggestion-label' }, s.label),
        s.alias ? el('span', { class: 'suggestion-alias' }, `aka ${s.alias}`) : null);
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    input.setAttribute('aria-activedescendant', `suggestion-${this.active}`);
  }

  private key(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!this.suggestions.length) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.suggestions.length) % this.suggestions.length;
      this.render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (this.active >= 0) this.pick(this.active);
    } else if (event.key === 'Escape') {
      this.close();
    }
  }

  private pick(index: number): void {
    const s = this.suggestions[index];
    if (!s) return;
    this.o.input.value = s.label;
    this.close();
    this.o.choose(s.key);
  }

  close(): void {
    this.o.list.hidden = true;
    this.o.input.setAttribute('aria-expanded', 'false');
    this.o.input.removeAttribute('aria-activedescendant');
  }
}
