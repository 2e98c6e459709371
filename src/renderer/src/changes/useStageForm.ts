import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { ChangeInput } from '../../../shared/changes/schema';
import { errorMessage } from '../api/client';
import { noProblems, type ProblemFieldMap } from './formProblems';
import { useStagedChanges } from './StagedChanges';
import { useServerCheck } from './useServerCheck';

/** A form's own problems: one message per field, or one message for the form's alert. */
export type LocalProblems<F extends string> = Partial<Record<F, string>> | string;

/** The state and the submit flow of a form that stages changes; see useStageForm. */
export interface StageForm<F extends string> {
  /** The message next to each field, from the form's own checks or from the server. */
  errors: Partial<Record<F, string>>;
  /** The form's alert: a problem of no single field, or a failed request. */
  formError: string | null;
  /** True while the server is asked and the changes are finished. */
  busy: boolean;
  /** For the form element, so focus can move to its first invalid control. */
  formRef: RefObject<HTMLFormElement | null>;
  /** Takes the messages off these fields (the user changed them). */
  clearError: (...fields: F[]) => void;
  /** Wraps a field's setter so that a new value also takes the field's message away. */
  clearing: <T>(field: F, set: (value: T) => void) => (value: T) => void;
  /** Takes every field's message and the form's alert away. */
  clearErrors: () => void;
  /**
   * Shows the form's own problems in place of the last ones (clearing the alert unless the
   * problem is the alert's), focuses the first invalid field, and is true when there are none.
   */
  validate: (problems: LocalProblems<F>) => boolean;
  /**
   * Asks the server about the changes; on problems shows them by field and stops. Otherwise
   * stages what `finish` returns (the checked changes when there is no `finish`) and closes.
   */
  stage: (changes: readonly ChangeInput[], finish?: () => Promise<readonly ChangeInput[]>) => Promise<void>;
}

const invalidControl = 'input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"], fieldset[aria-invalid="true"] input';

/**
 * Moves focus to the form's first invalid control once the render that marks it is done, so
 * a keyboard or screen-reader user lands on the problem after a failed submit.
 */
function useFocusFirstInvalid(): { formRef: RefObject<HTMLFormElement | null>; focusInvalid: () => void } {
  const formRef = useRef<HTMLFormElement>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (tick > 0) formRef.current?.querySelector<HTMLElement>(invalidControl)?.focus();
  }, [tick]);
  const focusInvalid = useCallback(() => setTick((t) => t + 1), []);
  return { formRef, focusInvalid };
}

/**
 * Owns a staging form's errors, alert and busy flag, and its submit: the form's own checks
 * (validate), then the server's (changes.preview, with its problems put next to the fields
 * of `serverFields`), then staging the changes and `onClose`.
 */
export function useStageForm<F extends string>(serverFields: ProblemFieldMap<F>, onClose: () => void): StageForm<F> {
  const staged = useStagedChanges();
  const check = useServerCheck(serverFields);
  const { formRef, focusInvalid } = useFocusFirstInvalid();
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clearError = useCallback((...fields: F[]) => {
    setErrors((e) => {
      if (fields.every((f) => e[f] === undefined)) return e;
      const next = { ...e };
      for (const f of fields) next[f] = undefined;
      return next;
    });
  }, []);

  const clearing =
    <T,>(field: F, set: (value: T) => void) =>
    (value: T) => {
      set(value);
      clearError(field);
    };

  const clearErrors = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);

  const validate = (problems: LocalProblems<F>): boolean => {
    if (typeof problems === 'string') {
      setErrors({});
      setFormError(problems);
      return false;
    }
    setErrors(problems);
    setFormError(null);
    if (Object.values(problems).every((m) => m === undefined)) return true;
    focusInvalid();
    return false;
  };

  const stage = async (changes: readonly ChangeInput[], finish?: () => Promise<readonly ChangeInput[]>): Promise<void> => {
    setBusy(true);
    try {
      const found = await check(changes);
      if (!noProblems(found)) {
        setErrors(found.fields);
        focusInvalid();
        setFormError(found.other.join(' ') || null);
        return;
      }
      staged.add(finish === undefined ? changes : await finish());
      onClose();
    } catch (err: unknown) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return { errors, formError, busy, formRef, clearError, clearing, clearErrors, validate, stage };
}
