import { useQuery } from '../api/useQuery';

/** Says when the chosen server runs a PostgreSQL major newer than Warden was checked against. */
export function ServerVersionBanner({ connectionId }: { connectionId: string }) {
  const info = useQuery('server.info', { connectionId });
  const note = info.data?.versionNote ?? null;
  if (note === null) return null;
  return (
    <div role="status" className="banner banner-info">
      {note}
    </div>
  );
}
