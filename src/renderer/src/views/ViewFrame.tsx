import type { ReactNode } from 'react';
import { Modal } from '../layout/Modal';
import type { ViewState } from './useViewAnswer';
import type { ViewAnswer, ViewQuestion } from './viewsProtocol';

/** One CSV a view offers: its button's label, what to ask the worker, the file's name. */
export interface ViewExport {
  label: string;
  question: Extract<ViewQuestion, { kind: 'csv' }>;
  fileName: string;
}

/**
 * A view's dialog: its CSV buttons, then what went wrong, that it is computing, that its
 * subject is gone, or the view itself (`children`, shown once the answer has a view).
 */
export function ViewFrame({
  title,
  onClose,
  state,
  exports,
  computing,
  gone,
  tools,
  children,
}: {
  title: string;
  onClose: () => void;
  state: ViewState<Exclude<ViewAnswer, { kind: 'csv' }>>;
  exports: readonly ViewExport[];
  computing: string;
  gone: string;
  /** More controls beside the CSV buttons (the role view's database). */
  tools?: ReactNode;
  children: ReactNode;
}) {
  const ready = state.answer !== null && state.answer.view !== null;
  return (
    <Modal title={title} onClose={onClose}>
      <div className="view-dialog">
        <div className="view-actions">
          {exports.map((e) => (
            <button key={e.label} type="button" className="button" disabled={!ready || state.exporting} onClick={() => void state.exportCsv(e.question, e.fileName)}>
              {e.label}
            </button>
          ))}
          {tools}
          {state.exporting && <span role="status">Writing CSV…</span>}
        </div>
        {state.error !== null && (
          <p role="alert" className="error-text">
            {state.error}
          </p>
        )}
        {state.loading && (
          <p role="status" className="muted">
            {computing}
          </p>
        )}
        {state.answer !== null && !ready && <p role="status">{gone}</p>}
        {ready && children}
      </div>
    </Modal>
  );
}
