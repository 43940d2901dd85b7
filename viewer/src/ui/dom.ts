/**
 * The one way the viewer builds DOM: elements with text set through textContent and attributes from a fixed list.
 * Graph text (labels, sentences, titles) is data from articles; it never reaches innerHTML or an event attribute.
 */

const ALLOWED_ATTRIBUTES = new Set([
  'id', 'class', 'type', 'role', 'title', 'tabindex', 'for', 'name', 'value', 'checked', 'disabled', 'hidden',
  'href', 'target', 'rel', 'datetime', 'open', 'accept', 'placeholder', 'autocomplete', 'spellcheck', 'lang',
]);

type Child = Node | string | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (!ALLOWED_ATTRIBUTES.has(name) && !name.startsWith('data-') && !name.startsWith('aria-')) {
      throw new Error(`dom: attribute ${name} is not allowed`);
    }
    if (name === 'href' && !/^(https?:|#|\.\/)/i.test(String(value))) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** A small coloured dot, coloured through CSSOM (allowed under `style-src 'self'`, unlike a style attribute). */
export function swatch(color: string, className = 'swatch'): HTMLSpanElement {
  const dot = el('span', { class: className, 'aria-hidden': 'true' });
  dot.style.backgroundColor = color;
  return dot;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`dom: #${id} is missing from index.html`);
  return node as T;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const SVG_ATTRIBUTES = new Set(['x', 'y', 'width', 'height', 'class', 'viewBox', 'preserveAspectRatio', 'role', 'aria-label', 'aria-hidden']);

/** An SVG element with attributes from a fixed list (the timeline's bars and brush). */
export function svgEl(tag: 'svg' | 'rect' | 'g' | 'title', attrs: Record<string, string | number> = {}): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (!SVG_ATTRIBUTES.has(name) && !name.startsWith('data-')) throw new Error(`dom: svg attribute ${name} is not allowed`);
    node.setAttribute(name, String(value));
  }
  return node;
}
