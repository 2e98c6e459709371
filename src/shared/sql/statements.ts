import { privilegeProblem, type PrivilegeList, type PrivilegeObjectKind } from '../changes/privileges';
import { scramVerifierPattern, type Change, type ChangeOf, type PasswordSetting } from '../changes/schema';
import { membershipOptionsSinceMajor } from '../changes/validate';
import { qualified, quoteGrantee, quoteIdent, quoteLiteral, quoteRole } from './quote';

/** A change that cannot be rendered for this server; validateChange explains the same in plain words. */
export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

/** One SQL statement and where it may run. */
export interface PlannedStatement {
  /** The statement, ending in `;`, without a trailing newline. */
  sql: string;
  /** The database whose connection must run it; null for cluster-wide objects (roles, databases). */
  database: string | null;
  /** False for statements that cannot run inside a transaction block (CREATE DATABASE). */
  transactional: boolean;
}


/** The statements for one change on a server major, in the order they must run. */
export function planStatements(change: Change, serverMajor: number): PlannedStatement[] {
  const anywhere = (sql: string): PlannedStatement => ({ sql, database: null, transactional: true });
  const inside = (database: string, sql: string): PlannedStatement => ({ sql, database, transactional: true });
  switch (change.kind) {
    case 'createRole':
      return [
        anywhere(`CREATE ROLE ${quoteRole(change.name)} ${roleAttributes(change).join(' ')};`),
        ...change.memberOf.map((group) => anywhere(`GRANT ${quoteRole(group)} TO ${quoteRole(change.name)};`)),
      ];
    case 'alterRole': {
      const out: PlannedStatement[] = [];
      const attrs = roleAttributes(change);
      if (attrs.length > 0) out.push(anywhere(`ALTER ROLE ${quoteRole(change.name)} ${attrs.join(' ')};`));
      if (change.rename !== undefined) {
        out.push(anywhere(`ALTER ROLE ${quoteRole(change.name)} RENAME TO ${quoteRole(change.rename)};`));
      }
      return out;
    }
    case 'dropRole':
      return [anywhere(`DROP ROLE ${quoteRole(change.name)};`)];
    case 'reassignOwned':
      return [inside(change.database, `REASSIGN OWNED BY ${roleList(change.roles)} TO ${quoteRole(change.newOwner)};`)];
    case 'dropOwned':
      return [inside(change.database, `DROP OWNED BY ${roleList(change.roles)}${change.cascade ? ' CASCADE' : ''};`)];
    case 'addMember':
      return [anywhere(`GRANT ${quoteRole(change.group)} TO ${quoteRole(change.member)}${membershipWith(change, serverMajor)};`)];
    case 'removeMember': {
      if (change.optionOnly !== undefined && change.optionOnly !== 'admin' && serverMajor < membershipOptionsSinceMajor) {
        throw new RenderError(`REVOKE ${change.optionOnly.toUpperCase()} OPTION FOR needs PostgreSQL ${membershipOptionsSinceMajor} or later.`);
      }
      const option = change.optionOnly === undefined ? '' : `${change.optionOnly.toUpperCase()} OPTION FOR `;
      return [anywhere(`REVOKE ${option}${quoteRole(change.group)} FROM ${quoteRole(change.member)};`)];
    }
    case 'grantTable':
    case 'revokeTable':
      return [inside(change.database, tableStatement(change, serverMajor))];
    case 'grantAllTablesInSchema':
    case 'revokeAllTablesInSchema': {
      const kind = ({ tables: 'table', sequences: 'sequence', functions: 'function' } as const)[change.objectKind];
      const privs = privilegeText(change.privileges, kind, serverMajor);
      const on = `ON ALL ${change.objectKind.toUpperCase()} IN SCHEMA ${quoteIdent(change.schema)}`;
      return [inside(change.database, grantOrRevoke(change, privs, on))];
    }
    case 'grantSchema':
    case 'revokeSchema': {
      const privs = privilegeText(change.privileges, 'schema', serverMajor);
      return [inside(change.database, grantOrRevoke(change, privs, `ON SCHEMA ${quoteIdent(change.schema)}`))];
    }
    case 'grantDatabase':
    case 'revokeDatabase': {
      const privs = privilegeText(change.privileges, 'database', serverMajor);
      return [anywhere(grantOrRevoke(change, privs, `ON DATABASE ${quoteIdent(change.database)}`))];
    }
    case 'alterDefaultPrivileges':
      return [inside(change.database, defaultPrivileges(change, serverMajor))];
    case 'createDatabase': {
      const owner = change.owner === undefined ? '' : ` OWNER ${quoteRole(change.owner)}`;
      // why: CREATE DATABASE cannot run inside a transaction block, so it is its own step.
      const out: PlannedStatement[] = [
        { sql: `CREATE DATABASE ${quoteIdent(change.name)}${owner};`, database: null, transactional: false },
      ];
      if (change.revokePublicConnect) {
        // why: every new database grants CONNECT and TEMPORARY to PUBLIC (acldefault);
        // revoking CONNECT alone would still let anyone create temporary tables once inside.
        out.push(anywhere(`REVOKE CONNECT, TEMPORARY ON DATABASE ${quoteIdent(change.name)} FROM PUBLIC;`));
      }
      return out;
    }
    case 'createSchema': {
      const owner = change.owner === undefined ? '' : ` AUTHORIZATION ${quoteRole(change.owner)}`;
      return [inside(change.database, `CREATE SCHEMA ${quoteIdent(change.name)}${owner};`)];
    }
  }
}

function roleList(roles: readonly string[]): string {
  if (roles.length === 0) throw new RenderError('REASSIGN OWNED and DROP OWNED need at least one role.');
  return roles.map(quoteRole).join(', ');
}

type RoleAttributeSource = Pick<
  ChangeOf<'alterRole'>,
  'login' | 'superuser' | 'createDb' | 'createRole' | 'inherit' | 'connectionLimit' | 'validUntil' | 'password'
> & { bypassRls?: boolean | undefined };

function roleAttributes(c: RoleAttributeSource & { kind: 'createRole' | 'alterRole' }): string[] {
  const out: string[] = [];
  const flag = (value: boolean | undefined, word: string): void => {
    if (value !== undefined) out.push(value ? word : `NO${word}`);
  };
  flag(c.login, 'LOGIN');
  flag(c.superuser, 'SUPERUSER');
  flag(c.createDb, 'CREATEDB');
  flag(c.createRole, 'CREATEROLE');
  flag(c.inherit, 'INHERIT');
  flag(c.bypassRls, 'BYPASSRLS');
  if (c.connectionLimit !== undefined && (c.kind === 'alterRole' || c.connectionLimit !== -1)) {
    out.push(`CONNECTION LIMIT ${c.connectionLimit}`);
  }
  if (c.validUntil !== undefined && (c.kind === 'alterRole' || c.validUntil !== null)) {
    // why: VALID UNTIL has no "remove" form; 'infinity' is how PostgreSQL's ALTER ROLE docs lift it.
    out.push(`VALID UNTIL ${quoteLiteral(c.validUntil ?? 'infinity')}`);
  }
  if (c.password !== undefined) {
    const password = passwordClause(c.password);
    if (c.kind === 'alterRole' || c.password.kind !== 'none') out.push(password);
  }
  return out;
}

function passwordClause(password: PasswordSetting): string {
  if (password.kind === 'none') return 'PASSWORD NULL';
  // why: checked again here so that no code path can put a plaintext password into SQL.
  if (!scramVerifierPattern.test(password.verifier)) {
    throw new RenderError('Only a SCRAM-SHA-256 verifier can be rendered as a password.');
  }
  return `PASSWORD ${quoteLiteral(password.verifier)}`;
}

function membershipWith(change: ChangeOf<'addMember'>, serverMajor: number): string {
  if (serverMajor < membershipOptionsSinceMajor) {
    if (change.inherit !== undefined || change.set !== undefined) {
      throw new RenderError(`Membership INHERIT and SET options need PostgreSQL ${membershipOptionsSinceMajor} or later.`);
    }
    return change.admin === true ? ' WITH ADMIN OPTION' : '';
  }
  const opts: string[] = [];
  const opt = (value: boolean | undefined, word: string): void => {
    if (value !== undefined) opts.push(`${word} ${value ? 'TRUE' : 'FALSE'}`);
  };
  opt(change.admin, 'ADMIN');
  opt(change.inherit, 'INHERIT');
  opt(change.set, 'SET');
  return opts.length === 0 ? '' : ` WITH ${opts.join(', ')}`;
}

function privilegeText(list: PrivilegeList, kind: PrivilegeObjectKind, serverMajor: number, columns?: readonly string[]): string {
  const cols = columns === undefined ? '' : ` (${columns.map(quoteIdent).join(', ')})`;
  if (list === 'ALL') return `ALL${cols}`;
  for (const p of list) {
    const problem = privilegeProblem(p, kind, serverMajor);
    if (problem !== null) throw new RenderError(problem);
  }
  return [...new Set(list)].map((p) => `${p}${cols}`).join(', ');
}

type GrantLike = { kind: `grant${string}`; grantee: ChangeOf<'grantTable'>['grantee']; withGrantOption: boolean };
type RevokeLike = { kind: `revoke${string}`; grantee: ChangeOf<'grantTable'>['grantee']; grantOptionFor: boolean; cascade: boolean };

function grantOrRevoke(change: GrantLike | RevokeLike, privileges: string, on: string): string {
  const grantee = quoteGrantee(change.grantee);
  if ('withGrantOption' in change) {
    return `GRANT ${privileges} ${on} TO ${grantee}${change.withGrantOption ? ' WITH GRANT OPTION' : ''};`;
  }
  const gof = change.grantOptionFor ? 'GRANT OPTION FOR ' : '';
  return `REVOKE ${gof}${privileges} ${on} FROM ${grantee}${change.cascade ? ' CASCADE' : ''};`;
}

function tableStatement(change: ChangeOf<'grantTable'> | ChangeOf<'revokeTable'>, serverMajor: number): string {
  const kind: PrivilegeObjectKind = change.columns !== undefined ? 'column' : change.objectKind;
  const privs = privilegeText(change.privileges, kind, serverMajor, change.columns);
  const on = `ON ${change.objectKind.toUpperCase()} ${qualified(change.schema, change.table)}`;
  return grantOrRevoke(change, privs, on);
}

function defaultPrivileges(change: ChangeOf<'alterDefaultPrivileges'>, serverMajor: number): string {
  const kind = ({ tables: 'table', sequences: 'sequence', functions: 'function', types: 'type', schemas: 'schema' } as const)[
    change.objtype
  ];
  if (change.objtype === 'schemas' && change.inSchema !== undefined) {
    throw new RenderError('Default privileges on schemas cannot be limited to a schema.');
  }
  const privs = privilegeText(change.privileges, kind, serverMajor);
  // why: without FOR ROLE the defaults apply to objects created by whoever runs the script,
  // usually not the role that will create the tables; Warden always names the creator.
  const head = `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteRole(change.forRole)}`;
  const where = change.inSchema === undefined ? '' : ` IN SCHEMA ${quoteIdent(change.inSchema)}`;
  const on = `ON ${change.objtype.toUpperCase()}`;
  const grantee = quoteGrantee(change.grantee);
  if (change.action === 'grant') {
    return `${head}${where} GRANT ${privs} ${on} TO ${grantee}${change.withGrantOption ? ' WITH GRANT OPTION' : ''};`;
  }
  return `${head}${where} REVOKE ${change.grantOptionFor ? 'GRANT OPTION FOR ' : ''}${privs} ${on} FROM ${grantee};`;
}
