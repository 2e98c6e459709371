import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { clampSize, panelLimits, splitterKey, type PanelId, type PanelState } from './panelLayout';

/** Which side of the separator the panel is on: it grows when the separator moves away from it. */
export type PanelSide = 'left' | 'top' | 'bottom';

const growKey = { left: 'ArrowRight', top: 'ArrowDown', bottom: 'ArrowUp' } as const;

/**
 * A window splitter (WAI-ARIA separator): drag it, or focus it and use the arrow keys, Home,
 * End, and Enter to fold or unfold the panel it sizes.
 */
export function Splitter({
  panel,
  state,
  side,
  label,
  controls,
  onChange,
}: {
  panel: PanelId;
  state: PanelState;
  side: PanelSide;
  /** e.g. "Resize the servers panel". */
  label: string;
  /** The id of the panel it sizes. */
  controls: string;
  onChange: (next: PanelState) => void;
}) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const vertical = side === 'left';
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = splitterKey(panel, state, event.key, event.shiftKey, growKey[side]);
    if (next === null) return;
    event.preventDefault();
    onChange(next);
  };
  const at = (event: PointerEvent) => (vertical ? event.clientX : event.clientY);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { start: at(event), size: state.collapsed ? panelLimits[panel].min : state.size };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d === null) return;
    const moved = at(event) - d.start;
    onChange({ size: clampSize(panel, d.size + (side === 'bottom' ? -moved : moved)), collapsed: false });
  };
  const end = () => {
    drag.current = null;
  };
  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-controls={controls}
      aria-orientation={vertical ? 'vertical' : 'horizontal'}
      aria-valuenow={state.collapsed ? 0 : state.size}
      aria-valuemin={0}
      aria-valuemax={panelLimits[panel].max}
      className={`splitter ${vertical ? 'splitter-vertical' : 'splitter-horizontal'}`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onDoubleClick={() => onChange({ ...state, collapsed: !state.collapsed })}
    />
  );
}

/** The strip a folded side panel leaves: one button that unfolds it. */
export function FoldedPanel({ name, controls, onShow }: { name: string; controls: string; onShow: () => void }) {
  return (
    <div className="panel-folded">
      <button type="button" className="button button-ghost folded-button" aria-expanded={false} aria-controls={controls} aria-label={`Show the ${name} panel`} onClick={onShow}>
        <span aria-hidden="true">▸ {name}</span>
      </button>
    </div>
  );
}

/** The small button in a panel's head that folds it. */
export function HideButton({ name, controls, onHide }: { name: string; controls: string; onHide: () => void }) {
  return (
    <button type="button" className="button button-ghost button-small" aria-expanded={true} aria-controls={controls} aria-label={`Hide the ${name} panel`} title={`Hide the ${name} panel`} onClick={onHide}>
      <span aria-hidden="true">◂</span>
    </button>
  );
}
