import type { HeldRight } from '../../../shared/views/rights';
import { viaWords } from '../../../shared/views/rights';

/** Rights that share their sources and grant option, as one line: "SELECT INSERT · group readonly". */
function lines(rights: readonly HeldRight[]): { privileges: string[]; grantable: boolean; via: string }[] {
  const out: { privileges: string[]; grantable: boolean; via: string }[] = [];
  for (const r of rights) {
    const via = viaWords(r.via);
    const same = out.find((l) => l.via === via && l.grantable === r.grantable);
    if (same !== undefined) same.privileges.push(r.privilege);
    else out.push({ privileges: [r.privilege], grantable: r.grantable, via });
  }
  return out;
}

/** The rights held on one object, grouped by where they come from. */
export function RightsCell({ rights }: { rights: readonly HeldRight[] }) {
  return (
    <ul className="rights">
      {lines(rights).map((l) => (
        <li key={`${l.via}:${String(l.grantable)}`}>
          <strong>{l.privileges.join(' ')}</strong>
          {l.grantable && <span className="muted" title="held WITH GRANT OPTION: may grant it to others"> (grantable)</span>}
          <span className="rights-via"> · {l.via}</span>
        </li>
      ))}
    </ul>
  );
}
