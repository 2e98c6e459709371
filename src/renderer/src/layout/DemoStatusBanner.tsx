import type { DemoStatus } from '../../../shared/api/contract';

/** Tells where the embedded demo server is: starting (with a progress indicator) or failed. */
export function DemoStatusBanner({ demo }: { demo: DemoStatus }) {
  if (demo.state === 'starting') {
    return (
      <div role="status" className="banner banner-info">
        <span className="spinner" aria-hidden="true" />
        <span>
          Starting the demo server…{demo.message !== '' && <span className="muted"> {demo.message}</span>}
        </span>
      </div>
    );
  }
  if (demo.state === 'failed') {
    return (
      <div role="alert" className="banner banner-error">
        <strong>The demo server could not start.</strong> {demo.message}
      </div>
    );
  }
  return null;
}
