import { useNotices } from '../api/ApiContext';

/** What the backend said besides its answers (Warden reconnected to a server), until dismissed. */
export function ServerNotices() {
  const { notices, dismiss } = useNotices();
  if (notices.length === 0) return null;
  return (
    <div className="banner banner-info server-notices" role="status" aria-label="Connection notices">
      <ul>
        {notices.map((n) => (
          <li key={n.id}>
            {n.text}{' '}
            <button type="button" className="button button-ghost button-small" onClick={() => dismiss(n.id)}>
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
