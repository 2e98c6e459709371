/**
 * Privilege bits, numbered exactly like PostgreSQL's AclMode (src/include/nodes/parsenodes.h),
 * so a mask read here means the same as one read on the server. All fit in 16 bits.
 */

/** INSERT, letter `a`. */
export const INSERT = 1 << 0;
/** SELECT, letter `r`. */
export const SELECT = 1 << 1;
/** UPDATE, letter `w`. */
export const UPDATE = 1 << 2;
/** DELETE, letter `d`. */
export const DELETE = 1 << 3;
/** TRUNCATE, letter `D`. */
export const TRUNCATE = 1 << 4;
/** REFERENCES, letter `x`. */
export const REFERENCES = 1 << 5;
/** TRIGGER, letter `t`. */
export const TRIGGER = 1 << 6;
/** EXECUTE, letter `X`. */
export const EXECUTE = 1 << 7;
/** USAGE, letter `U`. */
export const USAGE = 1 << 8;
/** CREATE, letter `C`. */
export const CREATE = 1 << 9;
/** TEMPORARY, letter `T`. */
export const TEMPORARY = 1 << 10;
/** CONNECT, letter `c`. */
export const CONNECT = 1 << 11;
/** SET (parameters, 15+), letter `s`. */
export const SET = 1 << 12;
/** ALTER SYSTEM (parameters, 15+), letter `A`. */
export const ALTER_SYSTEM = 1 << 13;
/** MAINTAIN (relations, 17+), letter `m`. */
export const MAINTAIN = 1 << 14;

/** Letters in bit order; aclitemout prints privileges in this order (ACL_ALL_RIGHTS_STR). */
export const privilegeLetters = 'arwdDxtXUCTcsAm';

/** SQL names in bit order. */
export const privilegeNames = [
  'INSERT',
  'SELECT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
  'EXECUTE',
  'USAGE',
  'CREATE',
  'TEMPORARY',
  'CONNECT',
  'SET',
  'ALTER SYSTEM',
  'MAINTAIN',
] as const;
/** The SQL name of one privilege. */
export type PrivilegeName = (typeof privilegeNames)[number];

/** Number of privilege bits. */
export const privilegeCount = privilegeNames.length;

/** The bit for a privilege letter, or 0 when the letter is not one. */
export function bitForLetter(letter: string): number {
  const i = letter.length === 1 ? privilegeLetters.indexOf(letter) : -1;
  return i < 0 ? 0 : 1 << i;
}

/** The bit for a SQL privilege name (case-insensitive; TEMP accepted), or 0. */
export function bitForName(name: string): number {
  const upper = name.trim().toUpperCase();
  const i = privilegeNames.indexOf((upper === 'TEMP' ? 'TEMPORARY' : upper) as PrivilegeName);
  return i < 0 ? 0 : 1 << i;
}

/** The SQL names of the bits set in a mask, in bit order. */
export function namesOf(mask: number): PrivilegeName[] {
  const out: PrivilegeName[] = [];
  for (let i = 0; i < privilegeCount; i++) {
    if (mask & (1 << i)) out.push(privilegeNames[i] as PrivilegeName);
  }
  return out;
}

/** Every bit set in a mask, lowest first. */
export function bitsOf(mask: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < privilegeCount; i++) if (mask & (1 << i)) out.push(1 << i);
  return out;
}

/** Privileges as aclitemout prints them: letters in bit order, `*` after each grantable one. */
export function formatPrivilegeLetters(privileges: number, grantOptions: number): string {
  let s = '';
  for (let i = 0; i < privilegeCount; i++) {
    if (privileges & (1 << i)) s += privilegeLetters[i] ?? '';
    if (grantOptions & (1 << i)) s += '*';
  }
  return s;
}

/** Table privileges before 17: SELECT INSERT UPDATE DELETE TRUNCATE REFERENCES TRIGGER. */
const tableRights = INSERT | SELECT | UPDATE | DELETE | TRUNCATE | REFERENCES | TRIGGER;
/** Sequence privileges: USAGE SELECT UPDATE (ACL_ALL_RIGHTS_SEQUENCE). */
export const sequenceRights = USAGE | SELECT | UPDATE;
/** Schema privileges: USAGE CREATE (ACL_ALL_RIGHTS_SCHEMA). */
export const schemaRights = USAGE | CREATE;
/** Database privileges: CREATE TEMPORARY CONNECT (ACL_ALL_RIGHTS_DATABASE). */
export const databaseRights = CREATE | TEMPORARY | CONNECT;
/** Column privileges: SELECT INSERT UPDATE REFERENCES (ACL_ALL_RIGHTS_COLUMN). */
export const columnRights = INSERT | SELECT | UPDATE | REFERENCES;

/** ACL_ALL_RIGHTS_RELATION for a server major: MAINTAIN exists from 17 on. */
export function relationRights(serverMajor: number): number {
  return serverMajor >= 17 ? tableRights | MAINTAIN : tableRights;
}

/** The privileges that mean something for a relkind: sequences differ from every table-like kind. */
export function relevantRelationRights(kind: string, serverMajor: number): number {
  return kind === 'S' ? sequenceRights : relationRights(serverMajor);
}
