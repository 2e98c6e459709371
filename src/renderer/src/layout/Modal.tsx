import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focuses the element that opened a dialog, else the panel it was in (made focusable for that). */
function returnFocus(opener: HTMLElement | null, panel: HTMLElement | null): void {
  if (opener?.isConnected === true) {
    opener.focus();
    return;
  }
  if (panel?.isConnected !== true) return;
  if (!panel.hasAttribute('tabindex')) panel.setAttribute('tabindex', '-1');
  panel.focus();
}

/**
 * A modal dialog: native <dialog> shown with showModal (the page behind is inert),
 * Tab wraps inside, Escape closes, and focus goes back where it was.
 */
export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // why: read at first render, before the dialog takes focus (StrictMode re-runs effects).
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  // why: the opener can be gone when the dialog closes (Apply empties the staged list and its
  // buttons); focus then goes to the panel it was in rather than getting lost on the page.
  const [openerPanel] = useState(() => opener?.closest<HTMLElement>('section[aria-labelledby], nav, main, section[aria-label]') ?? null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    dialog?.querySelector<HTMLElement>('[autofocus], input, select, button')?.focus();
    return () => returnFocus(opener, openerPanel);
  }, [opener, openerPanel]);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(focusable));
    const first = items[0];
    const last = items[items.length - 1];
    if (first === undefined || last === undefined) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      className="modal"
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button-ghost" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </header>
      {children}
    </dialog>
  );
}
