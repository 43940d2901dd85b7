/**
 * The legend and the filters in one: a checkbox per kind (with its schema colour and node count) and per relation
 * (with its colour and edge count). Unticking only changes the view state; the reducers do the hiding.
 */
import type { FilterCount } from '../logic/filters.js';
import { kindColor, kindLabel, relationColor, relationLabel, type KindKey, type RelationKey } from '../logic/model.js';
import type { FilterState } from '../logic/filters.js';
import { clear, el, swatch } from './dom.js';

export interface FilterCallbacks {
  kind(kind: KindKey, visible: boolean): void;
  relation(relation: RelationKey, visible: boolean): void;
}

function checkbox(group: string, key: string, label: string, color: string, count: number, checked: boolean, onChange: (visible: boolean) => void): HTMLLabelElement {
  const input = el('input', { type: 'checkbox', name: group, value: key, checked, 'data-filter': `${group}:${key}` });
  input.addEventListener('change', () => onChange(input.checked));
  return el('label', { class: 'check' }, input, swatch(color), el('span', { class: 'check-label' }, label), el('span', { class: 'count' }, count.toLocaleString('en')));
}

export function renderFilters(
  kindsBox: HTMLElement,
  relationsBox: HTMLElement,
  counts: { kinds: FilterCount<KindKey>[]; relations: FilterCount<RelationKey>[] },
  state: FilterState,
  on: FilterCallbacks,
): void {
  clear(kindsBox);
  clear(relationsBox);
  for (const { key, total } of counts.kinds) {
    kindsBox.appendChild(checkbox('kind', key, kindLabel(key, true), kindColor(key), total, !state.hiddenKinds.has(key), (v) => on.kind(key, v)));
  }
  for (const { key, total } of counts.relations) {
    relationsBox.appendChild(checkbox('relation', key, relationLabel(key), relationColor(key), total, !state.hiddenRelations.has(key), (v) => on.relation(key, v)));
  }
  if (!counts.relations.length) relationsBox.appendChild(el('p', { class: 'note' }, 'No edges.'));
}

/** Brings the ticks in line with the state (after the URL hash changed it). */
export function syncFilterChecks(root: HTMLElement, state: FilterState): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[data-filter]')) {
    const [group, key] = (input.dataset.filter ?? '').split(':') as [string, string];
    const hidden = group === 'kind' ? state.hiddenKinds.has(key as KindKey) : state.hiddenRelations.has(key as RelationKey);
    input.checked = !hidden;
  }
}
