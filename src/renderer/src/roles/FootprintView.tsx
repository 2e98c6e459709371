import { useId } from 'react';
import { insideCount, type DatabaseFootprint, type FootprintSample, type RoleFootprint } from '../../../shared/roles/footprint';

/** One line of the footprint: a label, the count, the first names and how many more. */
function SampleLine({ label, sample }: { label: string; sample: FootprintSample }) {
  if (sample.count === 0) return null;
  const more = sample.count - sample.names.length;
  return (
    <li>
      <span className="footprint-label">
        {label} ({sample.count}):
      </span>{' '}
      {sample.names.map((name, i) => (
        <span key={name}>
          {i > 0 && ', '}
          <code>{name}</code>
        </span>
      ))}
      {more > 0 && <span className="muted">, and {more} more</span>}
    </li>
  );
}

const recorded = (n: number) =>
  n === 0 ? 'The server records nothing of this role here.' : `The server records ${n} ${n === 1 ? 'object or privilege' : 'objects or privileges'} of this role here.`;

/** What the role owns and holds in one database, or why it was not checked. */
function DatabaseEntry({ entry }: { entry: DatabaseFootprint }) {
  const headingId = useId();
  const { check } = entry;
  return (
    <section className="footprint-db" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {entry.database}{' '}
        <span className={check.status === 'not-checked' && entry.recordedDependencies > 0 ? 'badge badge-danger' : 'badge'}>{check.status === 'checked' ? 'checked' : 'not checked'}</span>
      </h3>
      <ul className="footprint-list">
        {entry.ownsDatabase && <li>Owns the database itself.</li>}
        {entry.databasePrivileges.length > 0 && <li>Privileges on the database: {entry.databasePrivileges.join(', ')}</li>}
        {check.status === 'checked' ? (
          <>
            <SampleLine label="Owns schemas" sample={check.inside.owned.schemas} />
            <SampleLine label="Owns tables, views and sequences" sample={check.inside.owned.relations} />
            <SampleLine label="Owns functions" sample={check.inside.owned.functions} />
            <SampleLine label="Owns types" sample={check.inside.owned.types} />
            <SampleLine label="Owns other objects" sample={check.inside.owned.other} />
            <SampleLine label="Privileges on schemas" sample={check.inside.privileges.schemas} />
            <SampleLine label="Privileges on tables, views and sequences" sample={check.inside.privileges.relations} />
            <SampleLine label="Privileges on functions" sample={check.inside.privileges.functions} />
            <SampleLine label="Other privileges and policies" sample={check.inside.privileges.other} />
            <SampleLine label="Default privileges for what it creates" sample={check.inside.defaultPrivileges.forRole} />
            <SampleLine label="Default privileges it receives" sample={check.inside.defaultPrivileges.grantedTo} />
          </>
        ) : (
          <>
            <li>Not checked: {check.reason}</li>
            <li>{recorded(entry.recordedDependencies)}</li>
          </>
        )}
      </ul>
    </section>
  );
}

/** Whether a database entry has anything worth a section. */
function hasAnything(d: DatabaseFootprint): boolean {
  if (d.check.status === 'not-checked') return true;
  return d.ownsDatabase || d.databasePrivileges.length > 0 || d.recordedDependencies > 0 || insideCount(d.check.inside) > 0;
}

/** A role's footprint, database by database, then memberships and other shared objects. */
export function FootprintView({ footprint }: { footprint: RoleFootprint }) {
  const shown = footprint.databases.filter(hasAnything);
  const quiet = footprint.databases.filter((d) => !hasAnything(d)).map((d) => d.database);
  const sharedId = useId();
  return (
    <div className="footprint" aria-label={`What ${footprint.role} owns and holds`} role="group">
      {shown.map((d) => (
        <DatabaseEntry key={d.database} entry={d} />
      ))}
      {quiet.length > 0 && (
        <p className="muted">
          Nothing owned or held in: {quiet.join(', ')}.
        </p>
      )}
      <section className="footprint-db" aria-labelledby={sharedId}>
        <h3 id={sharedId}>Across the server</h3>
        <ul className="footprint-list">
          <li>Member of: {footprint.memberOf.length > 0 ? footprint.memberOf.join(', ') : 'no role'}</li>
          <li>
            Members: {footprint.members.length > 0 ? footprint.members.join(', ') : 'none'}
            {footprint.memberOf.length + footprint.members.length > 0 && <span className="muted"> (DROP ROLE removes these memberships itself)</span>}
          </li>
          {footprint.sharedOther.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
