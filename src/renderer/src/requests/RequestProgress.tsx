import type { Input, Method } from '../../../shared/api/contract';
import { queryKey } from '../api/queryCache';
import { CancelRequestButton } from './CancelRequestButton';
import { seconds, showProgressAfterMs, stillWaitingAfterMs, useInFlightFor, useNow, useRequestProgress } from './useRequestWatch';

/**
 * What a view's own slow request is doing: after a second its progress and a Cancel that
 * stops it on the server; after ten, "still waiting for the server…". Shows nothing when no
 * such request is in flight, so no view says "loading" with nothing behind it.
 */
export function RequestProgress<M extends Method>({ method, input, doing }: { method: M; input: Input<M>; doing: string }) {
  const request = useInFlightFor(queryKey(method, input));
  const now = useNow(request !== null);
  const elapsed = request === null ? 0 : now - request.startedAt;
  const slow = request !== null && elapsed >= showProgressAfterMs;
  const progress = useRequestProgress(slow ? request : null);
  if (request === null) return null;
  return (
    <p className="request-progress" role="status">
      <span>
        {doing}…{progress !== null && slow ? ` ${progress}` : ''}
        {slow ? ` · ${seconds(elapsed)}` : ''}
        {elapsed >= stillWaitingAfterMs ? ' · still waiting for the server…' : ''}
      </span>
      {slow && <CancelRequestButton requestId={request.id} />}
    </p>
  );
}
