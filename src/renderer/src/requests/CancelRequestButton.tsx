import { useState } from 'react';
import { useCancelRequest } from './useRequestWatch';

/** "Cancel" for one request in flight: asks the backend to stop it on the server, once. */
export function CancelRequestButton({ requestId }: { requestId: string }) {
  const cancel = useCancelRequest();
  const [asked, setAsked] = useState<string | null>(null);
  const cancelling = asked === requestId;
  return (
    <button
      type="button"
      className="button"
      disabled={cancelling}
      onClick={() => {
        setAsked(requestId);
        void cancel(requestId);
      }}
    >
      {cancelling ? 'Cancelling…' : 'Cancel'}
    </button>
  );
}
