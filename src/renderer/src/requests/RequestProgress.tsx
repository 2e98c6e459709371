import { useState } from 'react';
import type { Input, Method } from '../../../shared/api/contract';
import { queryKey } from '../api/queryCache';
import { seconds, showProgressAfterMs, stillWaitingAfterMs, useCancelRequest, useInFlightFor, useNow, useRequestProgress } from './useRequestWatch';

/**
 * What a view's own slow request is doing: after a second its progress and a Cancel that
 * stops it on the server; after ten, "still waiting for the server…". Shows `idle` (or
 * nothing) when no such request is in flight, so no view says "loading" with nothing behind it.
 */
export function RequestProgress<M extends Method>({ method, input, doing }: { method: M; input: Input<M>; doing: string }) {
  const request = useInFlightFor(queryKey(method, input));
  const now = useNow(request !== null);
  const elapsed = request === null ? 0 : now - request.startedAt;
  const slow = request !== null && elapsed >= showProgressAfterMs;
  const progress = useRequestProgress(slow ? request : null);
  const cancel = useCancelRequest();
  const [cancelling, setCancelling] = useState<string | null>(null);
  if (request === null) return null;
  return (
    <p className="request-progress" role="status">
      <span>
        {doing}…{progress !== null && slow ? ` ${progress}` : ''}
        {slow ? ` · ${seconds(elapsed)}` : ''}
        {elapsed >= stillWaitingAfterMs ? ' · still waiting for the server…' : ''}
      </span>
      {slow && (
        <button
          type="button"
          className="button"
          disabled={cancelling === request.id}
          onClick={() => {
            setCancelling(request.id);
            void cancel(request.id);
          }}
        >
          {cancelling === request.id ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
    </p>
  );
}
