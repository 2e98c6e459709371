import { useId } from 'react';
import { quoteIdent } from '../../../shared/sql/quote';
import { useQuery } from '../api/useQuery';
import { CopyButton } from '../matrix/CopyButton';
import { NoSuperuserFix } from './NoSuperuserFix';
import { riskWords, riskySuperusers } from './superuserRisks';

/** The id of the server's superuser warning, which findings about the same superusers point to. */
export const superuserWarningId = 'superuser-warning';

/** The superusers the server's warning names right now (the same reads it makes). */
export function useWarnedSuperusers(connectionId: string): ReadonlySet<string> {
  const roles = useQuery('roles.list', { connectionId });
  const info = useQuery('server.info', { connectionId });
  return new Set(riskySuperusers(roles.data?.roles ?? [], info.data?.bootstrapSuperuser).map((r) => r.name));
}

/**
 * The server's superuser warning, shown as soon as a server is current (before any database
 * is opened): every superuser but initdb's bypasses every check, so its grants only look like
 * limits (the lesson's data_viewer). Each comes with its fix.
 */
export function SuperuserWarning({ connectionId }: { connectionId: string }) {
  const headingId = useId();
  const roles = useQuery('roles.list', { connectionId });
  const info = useQuery('server.info', { connectionId });
  const bootstrap = info.data?.bootstrapSuperuser;
  const risky = riskySuperusers(roles.data?.roles ?? [], bootstrap);
  if (bootstrap === undefined || risky.length === 0) return null;
  return (
    <section id={superuserWarningId} tabIndex={-1} className="superuser-banner" aria-labelledby={headingId}>
      <h3 id={headingId} className="visually-hidden">
        {risky.length === 1 ? 'A superuser besides ' : `${risky.length} superusers besides `}
        {bootstrap} on this server
      </h3>
      <ul className="trap-list">
        {risky.map((role) => {
          const sql = `ALTER ROLE ${quoteIdent(role.name)} NOSUPERUSER;`;
          const connected = role.name === info.data?.currentUser;
          return (
            <li key={role.name} className="trap">
              <p>
                <span className="superuser-mark" aria-hidden="true">
                  ⚠{' '}
                </span>
                {riskWords(role, bootstrap)}
                {connected && ' Warden is connected as this role: take superuser away from another session, or Warden loses what only a superuser may do.'}
              </p>
              <div className="trap-fix">
                <code className="sql">{sql}</code>
                <CopyButton text={sql} label={`Copy the SQL that removes superuser from ${role.name}`} />
                {!connected && <NoSuperuserFix name={role.name} />}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
