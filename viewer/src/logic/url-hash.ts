/**
 * The URL hash as a view description, so a link reproduces what its sender saw:
 *   #node=KEY | #edge=KEY, hide-kinds=a,b, hide-relations=a,b, color=community, camera=x,y,ratio[,angle],
 *   range=YYYY-MM-DD..YYYY-MM-DD, article=ID | publisher=NAME, co-mentions=1, unconnected=show, top=N,
 *   rank=pagerank, expand=KEY (repeated)
 * Decoding ignores what it does not understand rather than failing: a hand-edited or stale link still opens.
 */
import type { ColorMode } from '../settings.js';
import { KIND_KEYS, RELATION_KEYS, type KindKey, type RelationKey } from './model.js';
import type { Selection } from './view-state.js';
import { formatRange, parseRange, type DateRange } from './time-range.js';
import type { Scope } from './corpus.js';
import type { RankBy } from './ranking.js';

export interface CameraView {
  x: number;
  y: number;
  ratio: number;
  angle: number;
}

export interface HashView {
  selection: Selection | null;
  hiddenKinds: KindKey[];
  hiddenRelations: RelationKey[];
  colorMode: ColorMode;
  camera: CameraView | null;
  range: DateRange | null;
  scope: Scope | null;
  coMentions: boolean;
  /** Unconnected nodes shown although the graph is large. */
  showUnconnected: boolean;
  /** The story cut's size, when the user moved it. */
  top: number | null;
  rank: RankBy;
  /** Nodes whose neighbours the user asked to see. */
  expanded: string[];
}

export const EMPTY_HASH_VIEW: HashView = Object.freeze({
  selection: null,
  hiddenKinds: [],
  hiddenRelations: [],
  colorMode: 'kind',
  camera: null,
  range: null,
  scope: null,
  coMentions: false,
  showUnconnected: false,
  top: null,
  rank: 'degree',
  expanded: [],
});

const KIND_SET: ReadonlySet<string> = new Set(KIND_KEYS);
const RELATION_SET: ReadonlySet<string> = new Set(RELATION_KEYS);

// Camera numbers are rounded so the hash stays short and does not change on sub-pixel jitter.
const round = (n: number, digits: number) => Number(n.toFixed(digits));

export function encodeHash(view: HashView): string {
  const params = new URLSearchParams();
  if (view.selection) params.set(view.selection.type, view.selection.key);
  // Sorted in schema order, so equal views give equal hashes.
  const kinds = KIND_KEYS.filter((k) => view.hiddenKinds.includes(k));
  const relations = RELATION_KEYS.filter((r) => view.hiddenRelations.includes(r));
  if (kinds.length) params.set('hide-kinds', kinds.join(','));
  if (relations.length) params.set('hide-relations', relations.join(','));
  if (view.colorMode !== 'kind') params.set('color', view.colorMode);
  if (view.camera) {
    const c = view.camera;
    const parts = [round(c.x, 5), round(c.y, 5), round(c.ratio, 5)];
    if (round(c.angle, 4) !== 0) parts.push(round(c.angle, 4));
    params.set('camera', parts.join(','));
  }
  if (view.range) params.set('range', formatRange(view.range));
  if (view.scope?.type === 'article') params.set('article', view.scope.id);
  if (view.scope?.type === 'publisher') params.set('publisher', view.scope.name);
  if (view.coMentions) params.set('co-mentions', '1');
  if (view.showUnconnected) params.set('unconnected', 'show');
  if (view.top !== null) params.set('top', String(view.top));
  if (view.rank !== 'degree') params.set('rank', view.rank);
  for (const key of view.expanded) params.append('expand', key);
  const text = params.toString();
  return text ? `#${text}` : '';
}

function parseCamera(value: string | null): CameraView | null {
  if (!value) return null;
  const parts = value.split(',').map(Number);
  if (parts.length < 3 || parts.length > 4 || !parts.every(Number.isFinite)) return null;
  const [x, y, ratio, angle = 0] = parts as [number, number, number, number?];
  if (!(ratio > 0)) return null;
  return { x, y, ratio, angle };
}

function parseList<T extends string>(value: string | null, allowed: ReadonlySet<string>): T[] {
  if (!value) return [];
  return [...new Set(value.split(',').filter((v) => allowed.has(v)))] as T[];
}

export function decodeHash(hash: string): HashView {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const node = params.get('node');
  const edge = params.get('edge');
  const selection: Selection | null = node ? { type: 'node', key: node } : edge ? { type: 'edge', key: edge } : null;
  const article = params.get('article');
  const publisher = params.get('publisher');
  const top = params.has('top') ? Number(params.get('top')) : null;
  return {
    selection,
    hiddenKinds: parseList<KindKey>(params.get('hide-kinds'), KIND_SET),
    hiddenRelations: parseList<RelationKey>(params.get('hide-relations'), RELATION_SET),
    colorMode: params.get('color') === 'community' ? 'community' : 'kind',
    camera: parseCamera(params.get('camera')),
    range: parseRange(params.get('range')),
    scope: article ? { type: 'article', id: article } : publisher ? { type: 'publisher', name: publisher } : null,
    coMentions: params.get('co-mentions') === '1',
    showUnconnected: params.get('unconnected') === 'show',
    top: top && top > 0 && Number.isInteger(top) ? top : null,
    rank: params.get('rank') === 'pagerank' ? 'pagerank' : 'degree',
    expanded: [...new Set(params.getAll('expand').filter(Boolean))],
  };
}
