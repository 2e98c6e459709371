import { useCallback } from 'react';
import type { ChangeInput } from '../../../shared/changes/schema';
import { useCache } from '../api/ApiContext';
import { problemsByField, type FormProblems, type ProblemFieldMap } from './formProblems';
import { useStagedChanges } from './StagedChanges';

/**
 * Asks the server (changes.preview) whether a form's changes can follow the staged list, and
 * returns its problems by form field. Rejects when the server cannot be asked.
 */
export function useServerCheck<F extends string>(
  map: ProblemFieldMap<F>,
): (changes: readonly ChangeInput[]) => Promise<FormProblems<F>> {
  const cache = useCache();
  const { connectionId, items } = useStagedChanges();
  return useCallback(
    async (changes) => {
      if (connectionId === null) return { fields: {}, other: [] };
      // why: validation runs in order, so "already exists" also covers a role staged earlier.
      const before = items.map((i) => i.change);
      const preview = await cache.api.invoke('changes.preview', { connectionId, changes: [...before, ...changes] });
      return problemsByField(preview.problems, before.length, changes, map);
    },
    [cache, connectionId, items, map],
  );
}
