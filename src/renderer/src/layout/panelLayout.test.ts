import { describe, expect, it } from 'vitest';
import { clampSize, defaultLayout, panelLimits, parseLayout, splitterKey } from './panelLayout';

describe('panel layout', () => {
  it('reads back what was stored, clamped to each panel’s limits', () => {
    const stored = JSON.stringify({ ...defaultLayout, tree: { size: 300.4, collapsed: true }, roles: { size: 5, collapsed: false }, details: { size: 9999, collapsed: false } });
    const layout = parseLayout(stored);
    expect(layout.tree).toEqual({ size: 300, collapsed: true });
    expect(layout.roles.size).toBe(panelLimits.roles.min);
    expect(layout.details.size).toBe(panelLimits.details.max);
    expect(layout.changes).toEqual(defaultLayout.changes);
  });

  it('falls back to the default for nothing stored, bad JSON or a wrong shape', () => {
    expect(parseLayout(null)).toEqual(defaultLayout);
    expect(parseLayout('{"tree":')).toEqual(defaultLayout);
    expect(parseLayout('{"tree":{"size":"wide","collapsed":false}}')).toEqual(defaultLayout);
    expect(parseLayout('[]')).toEqual(defaultLayout);
  });

  it('keeps sizes whole and within limits, and a NaN at the initial size', () => {
    expect(clampSize('tree', 10)).toBe(panelLimits.tree.min);
    expect(clampSize('tree', 250.6)).toBe(251);
    expect(clampSize('tree', Number.NaN)).toBe(panelLimits.tree.initial);
  });

  it('moves a splitter with the arrows, Shift for bigger steps, Home and End to the limits, Enter to fold', () => {
    const state = { size: 250, collapsed: false };
    expect(splitterKey('tree', state, 'ArrowRight', false, 'ArrowRight')).toEqual({ size: 266, collapsed: false });
    expect(splitterKey('tree', state, 'ArrowLeft', true, 'ArrowRight')).toEqual({ size: 186, collapsed: false });
    expect(splitterKey('changes', state, 'ArrowUp', false, 'ArrowUp')).toEqual({ size: 266, collapsed: false });
    expect(splitterKey('details', { size: 116, collapsed: false }, 'ArrowUp', false, 'ArrowDown')).toEqual({ size: 100, collapsed: false });
    expect(splitterKey('tree', state, 'Home', false, 'ArrowRight')).toEqual({ size: panelLimits.tree.min, collapsed: false });
    expect(splitterKey('tree', state, 'End', false, 'ArrowRight')).toEqual({ size: panelLimits.tree.max, collapsed: false });
    expect(splitterKey('tree', state, 'Enter', false, 'ArrowRight')).toEqual({ size: 250, collapsed: true });
    expect(splitterKey('tree', { size: 250, collapsed: true }, 'ArrowRight', false, 'ArrowRight')).toEqual({ size: 266, collapsed: false });
    expect(splitterKey('tree', state, 'a', false, 'ArrowRight')).toBeNull();
  });
});
