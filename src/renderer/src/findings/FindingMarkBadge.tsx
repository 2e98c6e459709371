import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from '../api/useQuery';
import { marksOf, markWords, relationKey, type FindingMark, type FindingMarks } from './findingMarks';

/** Which server and database findings marks come from. */
export interface FindingScopeValue {
  connectionId: string;
  database: string;
}

/** The scope for the marks below (the matrix sets it). */
export const FindingScope = createContext<FindingScopeValue | null>(null);

/** The marks of FindingMarksScope's findings (null while they load). */
const ScopeMarks = createContext<FindingMarks | null>(null);

/** The open findings' marks for `scope`, or null while they load. */
function useMarks(scope: FindingScopeValue | null): FindingMarks | null {
  // why: the same key as the findings panel's query, so the cache reads the server once.
  const query = useQuery('findings.list', scope === null ? null : { connectionId: scope.connectionId, database: scope.database });
  return query.data === undefined ? null : marksOf(query.data.findings);
}

/**
 * Sets the scope of the marks below and reads its findings once for all of them. why: a
 * grid's headers mount and unmount on every scroll step; each reading the query itself
 * (a cache key, a subscription) was a tenth of a scroll frame on 10,000 roles.
 */
export function FindingMarksScope({ scope, children }: { scope: FindingScopeValue; children: ReactNode }) {
  const marks = useMarks(scope);
  return (
    <FindingScope.Provider value={scope}>
      <ScopeMarks.Provider value={marks}>{children}</ScopeMarks.Provider>
    </FindingScope.Provider>
  );
}

/** The marks of the FindingMarksScope above (null while they load, or outside one): what the matrix's painter draws. */
export function useScopeMarks(): FindingMarks | null {
  return useContext(ScopeMarks);
}

function Badge({ mark }: { mark: FindingMark }) {
  return (
    <span className={`finding-mark finding-${mark.worst}`} role="img" aria-label={markWords(mark)} title={mark.titles.join('\n')}>
      ⚑{mark.count > 1 ? ` ${mark.count}` : ''}
    </span>
  );
}

/** A small flag next to a role's name when open findings name it (the findings of the FindingMarksScope above). */
export function RoleFindingMark({ name }: { name: string }) {
  const mark = useContext(ScopeMarks)?.roles.get(name);
  return mark === undefined ? null : <Badge mark={mark} />;
}

/** RoleFindingMark with its own scope (outside a FindingMarksScope: the roles list). */
export function ScopedRoleFindingMark({ name, scope }: { name: string; scope: FindingScopeValue | null }) {
  const mark = useMarks(scope)?.roles.get(name);
  return mark === undefined ? null : <Badge mark={mark} />;
}

/** A small flag next to a relation's name when open findings name it (the findings of the FindingMarksScope above). */
export function RelationFindingMark({ schema, name }: { schema: string; name: string }) {
  const mark = useContext(ScopeMarks)?.relations.get(relationKey(schema, name));
  return mark === undefined ? null : <Badge mark={mark} />;
}
