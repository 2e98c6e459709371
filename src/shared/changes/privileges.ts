import { z } from 'zod';

/** Privileges a change can grant or revoke, in the order PostgreSQL's documentation lists them. */
export const privilegeNames = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
  'MAINTAIN',
  'USAGE',
  'CREATE',
  'CONNECT',
  'TEMPORARY',
  'EXECUTE',
] as const;
/** One grantable privilege. */
export type Privilege = (typeof privilegeNames)[number];

/** The kinds of object a privilege can be on. */
export const privilegeObjectKinds = ['table', 'column', 'sequence', 'schema', 'database', 'function', 'type'] as const;
/** One kind of object a privilege can be on. */
export type PrivilegeObjectKind = (typeof privilegeObjectKinds)[number];

// why: these sets are PostgreSQL's ACL_ALL_RIGHTS_* masks (utils/acl.h). USAGE is valid on
// sequences (it allows nextval/currval) but not on tables; columns take four privileges only.
const applicable: Record<PrivilegeObjectKind, readonly Privilege[]> = {
  table: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'MAINTAIN'],
  column: ['SELECT', 'INSERT', 'UPDATE', 'REFERENCES'],
  sequence: ['USAGE', 'SELECT', 'UPDATE'],
  schema: ['USAGE', 'CREATE'],
  database: ['CONNECT', 'CREATE', 'TEMPORARY'],
  function: ['EXECUTE'],
  type: ['USAGE'],
};

const plural: Record<PrivilegeObjectKind, string> = {
  table: 'tables',
  column: 'columns',
  sequence: 'sequences',
  schema: 'schemas',
  database: 'databases',
  function: 'functions',
  type: 'types',
};

/** MAINTAIN (VACUUM, ANALYZE, REINDEX, … on a table) exists from PostgreSQL 17 on. */
export const maintainSinceMajor = 17;

/** The privileges that exist for a kind of object on a server major, in canonical order. */
export function privilegesFor(kind: PrivilegeObjectKind, serverMajor: number): Privilege[] {
  return privilegeNames.filter((p) => applicable[kind].includes(p) && (p !== 'MAINTAIN' || serverMajor >= maintainSinceMajor));
}

/** Why a privilege cannot be used on a kind of object on this server, or null when it can. */
export function privilegeProblem(privilege: Privilege, kind: PrivilegeObjectKind, serverMajor: number): string | null {
  if (privilege === 'MAINTAIN' && applicable[kind].includes('MAINTAIN') && serverMajor < maintainSinceMajor) {
    return `MAINTAIN exists from PostgreSQL ${maintainSinceMajor} on; this server runs ${serverMajor}.`;
  }
  if (applicable[kind].includes(privilege)) return null;
  const where = privilegeObjectKinds.filter((k) => k !== 'column' && applicable[k].includes(privilege)).map((k) => plural[k]);
  const allowed = privilegesFor(kind, serverMajor).join(', ');
  return `${privilege} does not apply to ${plural[kind]}; it exists for ${where.join(', ')}. On ${plural[kind]} you can use: ${allowed}.`;
}

/** Message for the lesson's mistake of granting DROP. */
export const dropNotGrantableMessage =
  'DROP is not a privilege that can be granted or revoked: only the owner of an object (or a member of the ' +
  'owning role, or a superuser) can drop it. To let someone drop it, make them the owner with ALTER … OWNER TO, ' +
  'or grant them membership in the owning role.';

const alterNotGrantableMessage =
  'ALTER is not a privilege that can be granted: altering an object belongs to its owner. To let someone alter ' +
  'it, make them the owner with ALTER … OWNER TO, or grant them membership in the owning role.';

/** Schema for one privilege name; DROP gets its own explanation instead of a generic error. */
export const privilegeSchema = z.enum(privilegeNames, {
  error: (issue) => {
    const text = typeof issue.input === 'string' ? issue.input.trim().toUpperCase() : '';
    if (text === 'DROP' || text.startsWith('DROP ')) return dropNotGrantableMessage;
    if (text === 'ALTER') return alterNotGrantableMessage;
    return `Not a PostgreSQL privilege; use one of ${privilegeNames.join(', ')}.`;
  },
});

/** Either every privilege the object kind has (`ALL`) or a non-empty list. */
export const privilegeListSchema = z.union([
  z.literal('ALL'),
  z.array(privilegeSchema).min(1, 'Choose at least one privilege, or ALL.'),
]);
/** Either `ALL` or a non-empty list of privileges. */
export type PrivilegeList = z.infer<typeof privilegeListSchema>;

/** The result of reading a privilege list typed by a person. */
export type PrivilegeParseResult = { ok: true; privileges: PrivilegeList } | { ok: false; message: string };

const fail = (message: string): PrivilegeParseResult => ({ ok: false, message });

/**
 * Reads "select, insert", "ALL" or "ALL PRIVILEGES" into privileges for a kind of object.
 * Rejects DROP, privileges the kind does not have, and object clauses such as the lesson's
 * `IN schema_name` (PostgreSQL wants `IN SCHEMA schema_name`), each with a plain message.
 * Pass `serverMajor` to also check version-bound privileges (MAINTAIN).
 */
export function parsePrivilegeList(text: string, kind: PrivilegeObjectKind, serverMajor = Number.POSITIVE_INFINITY): PrivilegeParseResult {
  const trimmed = text.trim().replace(/;$/, '').trim();
  if (trimmed === '') return fail('Enter at least one privilege, such as SELECT, or ALL.');
  // why: the lesson wrote `GRANT SELECT ON ALL TABLES IN schema_name`; PostgreSQL only
  // accepts `IN SCHEMA schema_name`, so say exactly that rather than "syntax error".
  const inClause = /(?:^|\s)IN\s+(?!SCHEMA(?:\s|$))(\S+)/i.exec(trimmed);
  if (inClause) {
    const name = inClause[1] ?? '';
    return fail(
      `"IN ${name}" is not valid SQL: a schema is written IN SCHEMA ${name}. ` +
        'Choose the schema in its own field; this box takes privileges only.',
    );
  }
  if (/(?:^|\s)(ON|IN|TO|FROM)(?:\s|$)/i.test(trimmed)) {
    return fail('This box takes privileges only (for example SELECT, INSERT); choose the object and the role in their own fields.');
  }
  if (trimmed.includes('(')) {
    return fail('Choose columns in the column list; write the privileges here without parentheses.');
  }
  const items = trimmed
    .split(',')
    .map((s) => s.trim().replace(/\s+/g, ' ').toUpperCase())
    .filter((s) => s !== '');
  if (items.length === 0) return fail('Enter at least one privilege, such as SELECT, or ALL.');
  if (items.some((s) => s === 'ALL' || s === 'ALL PRIVILEGES')) {
    if (items.length > 1) return fail('ALL already means every privilege; write it alone.');
    return { ok: true, privileges: 'ALL' };
  }
  const found = new Set<Privilege>();
  for (const item of items) {
    const name = item === 'TEMP' ? 'TEMPORARY' : item;
    const parsed = privilegeSchema.safeParse(name);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? '';
      if (message === dropNotGrantableMessage || message === alterNotGrantableMessage) return fail(message);
      return fail(`"${item}" is not a PostgreSQL privilege. On ${plural[kind]} you can use: ${privilegesFor(kind, serverMajor).join(', ')}.`);
    }
    const problem = privilegeProblem(parsed.data, kind, serverMajor);
    if (problem !== null) return fail(problem);
    found.add(parsed.data);
  }
  return { ok: true, privileges: privilegeNames.filter((p) => found.has(p)) };
}

/** The object kind's plural, for messages ("tables", "schemas", …). */
export function kindPlural(kind: PrivilegeObjectKind): string {
  return plural[kind];
}
