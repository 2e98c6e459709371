import { createContext, useContext } from 'react';
import { useQuery } from '../api/useQuery';
import { marksOf, markWords, relationKey, type FindingMark } from './findingMarks';

/** Which server and database findings marks come from. */
export interface FindingScopeValue {
  connectionId: string;
  database: string;
}

/** The scope for the marks below (the matrix sets it). */
export const FindingScope = createContext<FindingScopeValue | null>(null);

/** The open findings' marks for `given` (else the scope above), or null while they load. */
function useMarks(given?: FindingScopeValue | null) {
  const context = useContext(FindingScope);
  const scope = given === undefined ? context : given;
  // why: the same key as the findings panel's query, so the cache reads the server once.
  const query = useQuery('findings.list', scope === null ? null : { connectionId: scope.connectionId, database: scope.database });
  return query.data === undefined ? null : marksOf(query.data.findings);
}

function Badge({ mark }: { mark: FindingMark }) {
  return (
    <span className={`finding-mark finding-${mark.worst}`} role="img" aria-label={markWords(mark)} title={mark.titles.join('\n')}>
      ⚑{mark.count > 1 ? ` ${mark.count}` : ''}
    </span>
  );
}

/** A small flag next to a role's name when open findings name it. */
export function RoleFindingMark({ name, scope }: { name: string; scope?: FindingScopeValue | null }) {
  const mark = useMarks(scope)?.roles.get(name);
  return mark === undefined ? null : <Badge mark={mark} />;
}

/** A small flag next to a relation's name when open findings name it. */
export function RelationFindingMark({ schema, name }: { schema: string; name: string }) {
  const mark = useMarks()?.relations.get(relationKey(schema, name));
  return mark === undefined ? null : <Badge mark={mark} />;
}
