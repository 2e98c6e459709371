import { errorMessage } from '../api/client';

/** The note inside a tree group while its children load, or when they could not be read. */
export function GroupNote({ level, loading, error, empty }: { level: number; loading: boolean; error: unknown; empty?: string | undefined }) {
  const style = { paddingLeft: `${(level - 1) * 14 + 22}px` };
  if (error !== undefined) {
    return (
      <li role="none" className="tree-note is-error" style={style}>
        <span role="alert">{errorMessage(error)}</span>
      </li>
    );
  }
  if (loading) {
    return (
      <li role="none" className="tree-note" style={style}>
        Loading…
      </li>
    );
  }
  if (empty !== undefined) {
    return (
      <li role="none" className="tree-note" style={style}>
        {empty}
      </li>
    );
  }
  return null;
}
