import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveSettings } from '../../viewer/src/settings.js';
import { EDGE_DRAW_ORDER, edgeProgramKeys, renderPlan } from '../../viewer/src/logic/render-plan.js';

describe('render plan', () => {
  it('keeps every feature on a small graph', () => {
    expect(renderPlan(500, 2_000, DEFAULT_SETTINGS)).toEqual({ thinEdges: false, pointNodes: false, edgeEvents: true, hoverFade: true, hideEdgesOnMove: false });
  });

  it('switches to the cheap programs and drops per-frame extras on the bench-sized graph', () => {
    expect(renderPlan(10_000, 50_000, DEFAULT_SETTINGS)).toEqual({ thinEdges: true, pointNodes: true, edgeEvents: false, hoverFade: false, hideEdgesOnMove: true });
  });

  it('compares each threshold strictly ("above")', () => {
    const s = resolveSettings({ thinEdgesAbove: 100, pointNodesAbove: 10, edgeEventsMaxEdges: 100, hoverFadeMaxEdges: 100, hideEdgesOnMoveAbove: 100 });
    expect(renderPlan(10, 100, s)).toEqual({ thinEdges: false, pointNodes: false, edgeEvents: true, hoverFade: true, hideEdgesOnMove: false });
    expect(renderPlan(11, 101, s)).toEqual({ thinEdges: true, pointNodes: true, edgeEvents: false, hoverFade: false, hideEdgesOnMove: true });
  });
});

describe('edge program keys', () => {
  const SLOTS = ['arrow', 'line', 'k3', 'k4', 'k5'];

  it('gives the programs in use the renderer keys in drawing order, thin lines first', () => {
    const keys = edgeProgramKeys(['curvedArrow', 'arrow', 'thin', 'line'], SLOTS);
    expect([...keys]).toEqual([['thin', 'arrow'], ['line', 'line'], ['arrow', 'k3'], ['curvedArrow', 'k4']]);
  });

  it('maps every program to a distinct key, and refuses more programs than keys', () => {
    const keys = edgeProgramKeys(EDGE_DRAW_ORDER, SLOTS);
    expect(new Set(keys.values()).size).toBe(EDGE_DRAW_ORDER.length);
    expect(() => edgeProgramKeys(EDGE_DRAW_ORDER, SLOTS.slice(0, 3))).toThrow(/render-plan: 5 edge programs but 3 keys/);
  });
});
