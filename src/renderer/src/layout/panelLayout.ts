import { z } from 'zod';

/** The panels whose size the user sets: three side by side, the details above the matrix, the findings and the staged changes below. */
export type PanelId = 'tree' | 'roles' | 'details' | 'findings' | 'changes';

/** One panel's remembered size (px: width for tree and roles, height for details and changes) and whether it is folded. */
export interface PanelState {
  size: number;
  collapsed: boolean;
}

/** Every panel's state. */
export type PanelLayout = Record<PanelId, PanelState>;

/** Limits of each panel, px. */
export const panelLimits: Record<PanelId, { min: number; max: number; initial: number }> = {
  tree: { min: 160, max: 520, initial: 250 },
  roles: { min: 170, max: 480, initial: 230 },
  details: { min: 60, max: 480, initial: 116 },
  findings: { min: 80, max: 700, initial: 140 },
  changes: { min: 120, max: 900, initial: 300 },
};

/** The layout of a first start. */
export const defaultLayout: PanelLayout = {
  tree: { size: panelLimits.tree.initial, collapsed: false },
  roles: { size: panelLimits.roles.initial, collapsed: false },
  details: { size: panelLimits.details.initial, collapsed: false },
  findings: { size: panelLimits.findings.initial, collapsed: false },
  changes: { size: panelLimits.changes.initial, collapsed: false },
};

/** Keeps a size within its panel's limits (and a whole number of pixels). */
export function clampSize(panel: PanelId, size: number): number {
  const { min, max } = panelLimits[panel];
  return Math.round(Math.min(max, Math.max(min, Number.isFinite(size) ? size : panelLimits[panel].initial)));
}

const panelState = z.object({ size: z.number(), collapsed: z.boolean() });
const storedLayout = z.object({ tree: panelState, roles: panelState, details: panelState, findings: panelState, changes: panelState }).partial();

/** Reads a stored layout; anything missing or malformed falls back to the default, never throws. */
export function parseLayout(text: string | null): PanelLayout {
  if (text === null) return defaultLayout;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // why: a hand-edited or truncated value must not stop the window from opening.
    return defaultLayout;
  }
  const parsed = storedLayout.safeParse(json);
  if (!parsed.success) return defaultLayout;
  const out = { ...defaultLayout };
  for (const id of Object.keys(defaultLayout) as PanelId[]) {
    const stored = parsed.data[id];
    if (stored !== undefined) out[id] = { size: clampSize(id, stored.size), collapsed: stored.collapsed };
  }
  return out;
}

/**
 * A separator's keys, as the WAI-ARIA window splitter pattern has them: arrows move it
 * (Shift: further), Home / End go to the limits, Enter folds or unfolds the panel.
 * `grows` is the key direction that makes the panel bigger. Null: not a splitter key.
 */
export function splitterKey(
  panel: PanelId,
  state: PanelState,
  key: string,
  shift: boolean,
  grows: 'ArrowRight' | 'ArrowUp' | 'ArrowDown',
): PanelState | null {
  const step = shift ? 64 : 16;
  const shrinks = { ArrowRight: 'ArrowLeft', ArrowUp: 'ArrowDown', ArrowDown: 'ArrowUp' }[grows];
  if (key === 'Enter') return { ...state, collapsed: !state.collapsed };
  if (key === grows) return { size: clampSize(panel, state.size + step), collapsed: false };
  if (key === shrinks) return { size: clampSize(panel, state.size - step), collapsed: false };
  if (key === 'Home') return { size: panelLimits[panel].min, collapsed: false };
  if (key === 'End') return { size: panelLimits[panel].max, collapsed: false };
  return null;
}
