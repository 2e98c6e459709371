import type { Method } from '../../../shared/api/contract';
import { useInFlight } from '../api/ApiContext';
import { CancelRequestButton } from './CancelRequestButton';
import { seconds, stillWaitingAfterMs, useNow } from './useRequestWatch';

/** What each request is, in words, for the "still waiting" bar. */
const doingWords: Partial<Record<Method, string>> = {
  'server.info': 'Reading the server’s facts',
  'tree.databases': 'Listing databases',
  'tree.schemas': 'Listing schemas',
  'tree.relations': 'Listing tables',
  'roles.list': 'Listing roles',
  'roles.footprint': 'Looking for what the role owns in every database',
  'catalog.columns': 'Reading column privileges',
  'changes.preview': 'Checking the staged changes with the server',
  'changes.apply': 'Applying the changes',
  'changes.settled': 'Checking what is on the server already',
  'connections.test': 'Testing the connection',
  'connections.add': 'Connecting to the server',
  'findings.list': 'Checking the access setup',
  'access.whyNot': 'Proving fixes on the server',
};

/** Requests a view shows itself (with its own progress), left out of the bar. */
const shownByTheirView: ReadonlySet<Method> = new Set<Method>(['catalog.load']);
/** Stopping these half-way is not offered: Apply settles each step all or nothing on its own. */
const notCancellable: ReadonlySet<Method> = new Set<Method>(['changes.apply']);

/** A bar listing every request that has waited over ten seconds, each with a Cancel. */
export function SlowRequests() {
  const all = useInFlight();
  const watched = all.filter((r) => !shownByTheirView.has(r.method));
  const now = useNow(watched.length > 0, 1000);
  const slow = watched.filter((r) => now - r.startedAt >= stillWaitingAfterMs);
  if (slow.length === 0) return null;
  return (
    <div className="banner banner-warning slow-requests" role="status" aria-label="Slow requests">
      <ul>
        {slow.map((r) => (
          <li key={r.id}>
            {doingWords[r.method] ?? r.method} · {seconds(now - r.startedAt)} · still waiting for the server…{' '}
            {!notCancellable.has(r.method) && <CancelRequestButton requestId={r.id} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
