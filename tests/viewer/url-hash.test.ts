import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KIND_KEYS, RELATION_KEYS } from '../../viewer/src/logic/model.js';
import { decodeHash, EMPTY_HASH_VIEW, encodeHash, type HashView } from '../../viewer/src/logic/url-hash.js';

const arbView: fc.Arbitrary<HashView> = fc.record({
  selection: fc.option(fc.record({ type: fc.constantFrom('node' as const, 'edge' as const), key: fc.string({ minLength: 1, unit: 'grapheme' }) }), { nil: null }),
  hiddenKinds: fc.uniqueArray(fc.constantFrom(...KIND_KEYS)),
  hiddenRelations: fc.uniqueArray(fc.constantFrom(...RELATION_KEYS)),
  colorMode: fc.constantFrom('kind' as const, 'community' as const),
  camera: fc.option(fc.record({
    x: fc.double({ min: -10, max: 10, noNaN: true }),
    y: fc.double({ min: -10, max: 10, noNaN: true }),
    ratio: fc.double({ min: 0.001, max: 50, noNaN: true }),
    angle: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
  }), { nil: null }),
  range: fc.option(fc.tuple(fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 400 }))
    .map(([d, days]) => ({ from: d.toISOString().slice(0, 10), to: new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10) })), { nil: null }),
  scope: fc.option(fc.oneof(
    fc.record({ type: fc.constant('article' as const), id: fc.string({ minLength: 1, unit: 'grapheme' }) }),
    fc.record({ type: fc.constant('publisher' as const), name: fc.string({ minLength: 1, unit: 'grapheme' }) })), { nil: null }),
  coMentions: fc.boolean(),
  showUnconnected: fc.boolean(),
  top: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
  rank: fc.constantFrom('degree' as const, 'pagerank' as const),
  expanded: fc.uniqueArray(fc.string({ minLength: 1, unit: 'grapheme' }), { maxLength: 3 }),
});

function canonical(view: HashView): HashView {
  return {
    ...view,
    hiddenKinds: KIND_KEYS.filter((k) => view.hiddenKinds.includes(k)),
    hiddenRelations: RELATION_KEYS.filter((r) => view.hiddenRelations.includes(r)),
  };
}

describe('URL hash codec', () => {
  it('round-trips selection, filters and colour mode exactly, and the camera to 5 digits', () => {
    fc.assert(fc.property(arbView, (view) => {
      const decoded = decodeHash(encodeHash(view));
      const expected = canonical(view);
      expect({ ...decoded, camera: null }).toEqual({ ...expected, camera: null });
      if (!view.camera) {
        expect(decoded.camera).toBeNull();
      } else {
        expect(decoded.camera!.x).toBeCloseTo(view.camera.x, 4);
        expect(decoded.camera!.y).toBeCloseTo(view.camera.y, 4);
        expect(decoded.camera!.angle).toBeCloseTo(view.camera.angle, 3);
        expect(Math.abs(decoded.camera!.ratio - view.camera.ratio)).toBeLessThanOrEqual(1e-5 + 1e-9);
      }
    }), { numRuns: 300 });
  });

  it('keeps keys with URL-significant characters intact', () => {
    for (const key of ['person:a&b=c', 'x#y', '100% sure', 'Zoë 🙂 Ndlovu', 'a+b', '<img src=x onerror=alert(1)>']) {
      expect(decodeHash(encodeHash({ ...EMPTY_HASH_VIEW, selection: { type: 'node', key } })).selection).toEqual({ type: 'node', key });
    }
  });

  it('is empty for the default view and stable for equal views', () => {
    expect(encodeHash(EMPTY_HASH_VIEW)).toBe('');
    const a = encodeHash({ ...EMPTY_HASH_VIEW, hiddenKinds: ['place', 'person'] });
    const b = encodeHash({ ...EMPTY_HASH_VIEW, hiddenKinds: ['person', 'place'] });
    expect(a).toBe(b);
    expect(a).toBe('#hide-kinds=person%2Cplace');
  });

  it('ignores what it does not understand instead of failing', () => {
    const view = decodeHash('#hide-kinds=person,alien&hide-relations=signed,,bogus&color=rainbow&camera=1,2,-3&zzz=1');
    expect(view).toEqual({ ...EMPTY_HASH_VIEW, hiddenKinds: ['person'], hiddenRelations: ['signed'] });
    expect(decodeHash('#camera=a,b,c').camera).toBeNull();
    expect(decodeHash('#camera=0.5,0.5,1').camera).toEqual({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    expect(decodeHash('').selection).toBeNull();
    expect(decodeHash('#edge=e1').selection).toEqual({ type: 'edge', key: 'e1' });
  });
});

describe('settings from the query string', async () => {
  const { settingsFromQuery } = await import('../../viewer/src/logic/settings-query.js');
  it('overrides numeric settings and ignores unknown names, strings and bad numbers', () => {
    expect(settingsFromQuery('?hideEdgesOnMoveAbove=1e9&labelDensity=0.5')).toEqual({ hideEdgesOnMoveAbove: 1e9, labelDensity: 0.5 });
    expect(settingsFromQuery('?graphUrl=https://evil.example/g.json&colorMode=community&nope=1&maxNodeSize=abc&minNodeSize=')).toEqual({});
  });
});
