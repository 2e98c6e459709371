import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { downloadText } from '../layout/download';
import type { ViewAnswer, ViewQuestion } from './viewsProtocol';
import { useViewsWorker } from './useViewsWorker';

/** A view's answer as it loads, and a way to save one of its CSV files. */
export interface ViewState<A extends ViewAnswer> {
  answer: A | null;
  /** Plain words for what went wrong (the catalog or the worker). */
  error: string | null;
  loading: boolean;
  /** Asks the worker for a CSV and saves it under `fileName`. */
  exportCsv: (question: Extract<ViewQuestion, { kind: 'csv' }>, fileName: string) => Promise<void>;
  /** Set while a CSV is being written. */
  exporting: boolean;
}

/**
 * Loads the database's catalog (the matrix's own query: no second request when it is open)
 * and asks the views worker `question` about it; asks again when the catalog is read again.
 */
export function useViewAnswer<K extends ViewAnswer['kind']>(connectionId: string, database: string, question: ViewQuestion & { kind: K }): ViewState<Extract<ViewAnswer, { kind: K }>> {
  const query = useQuery('catalog.load', { connectionId, database });
  const ask = useViewsWorker(query.data);
  // why: kept with the database it answers for; another database shows "computing", not the old answer.
  const scope = JSON.stringify([connectionId, database]);
  const [held, setAnswer] = useState<{ scope: string; answer: Extract<ViewAnswer, { kind: K }> } | null>(null);
  const answer = held?.scope === scope ? held.answer : null;
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const key = JSON.stringify(question);
  useEffect(() => {
    if (query.data === undefined) return;
    let live = true;
    ask(JSON.parse(key) as ViewQuestion).then(
      (a) => {
        if (!live) return;
        setAnswer({ scope, answer: a as Extract<ViewAnswer, { kind: K }> });
        setError(null);
      },
      (err: unknown) => {
        if (live) setError(`Could not compute the view: ${errorMessage(err)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [ask, key, query.data, scope]);
  const exportCsv = useCallback(
    async (q: Extract<ViewQuestion, { kind: 'csv' }>, fileName: string) => {
      setExporting(true);
      try {
        const a = await ask(q);
        if (a.kind === 'csv' && a.text !== null) downloadText(fileName, a.text, 'text/csv;charset=utf-8');
        else setError('Could not write the CSV: it is no longer in the catalog.');
      } catch (err: unknown) {
        setError(`Could not write the CSV: ${errorMessage(err)}`);
      } finally {
        setExporting(false);
      }
    },
    [ask],
  );
  const catalogError = query.status === 'error' ? errorMessage(query.error) : null;
  return { answer, error: catalogError ?? error, loading: answer === null && catalogError === null && error === null, exportCsv, exporting };
}

