import { bitForLetter, formatPrivilegeLetters } from './bits';

/**
 * One aclitem as printed by PostgreSQL: roles are named by NAME here (the engine maps
 * names to oids through the snapshot, see aclResolve.ts).
 */
export interface AclItem {
  /** Grantee role name; null is PUBLIC (printed as an empty name). */
  grantee: string | null;
  /** Grantor role name (a dropped role prints as its oid digits). */
  grantor: string;
  /** Privilege bits (see bits.ts). */
  privileges: number;
  /** Bits held WITH GRANT OPTION (`*` after the letter). */
  grantOptions: number;
}

/** Raised when a text is not an aclitem or aclitem[] as PostgreSQL prints them. */
export class AclParseError extends Error {
  /** Describes what is wrong and where. */
  constructor(
    message: string,
    readonly text: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position} in ${JSON.stringify(text)}`);
    this.name = 'AclParseError';
  }
}

// why: array_out and aclitemout use C isspace(): space, \t, \n, \v, \f, \r.
const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';

const isSafeNameChar = (c: string): boolean => /^[A-Za-z0-9_]$/.test(c);

/**
 * Quotes a role name the way acl.c putid() does: double quotes unless every character is
 * ASCII alnum or `_`, with `"` doubled inside.
 */
export function quoteAclName(name: string): string {
  // why: putid tests isalnum() byte by byte; in a UTF-8 server every non-ASCII byte fails
  // it, so names with accents or emoji are quoted (checked on PG 15 and 18).
  let safe = name.length > 0;
  for (const c of name) {
    if (!isSafeNameChar(c)) {
      safe = false;
      break;
    }
  }
  const body = name.replaceAll('"', '""');
  return safe ? body : `"${body}"`;
}

/** Reads one role name the way acl.c getid() does; returns the name and the next position. */
function readName(text: string, start: number): [string, number] {
  let i = start;
  while (isSpace(text[i])) i++;
  let name = '';
  let inQuotes = false;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '"') {
      // why: `""` is an escaped quote only INSIDE quotes; outside, `"` opens. So putid's
      // `` is the role named `""` (PG 18 reads it back as such; older getid code
      // took `""` as a literal anywhere and misread that name).
      if (inQuotes && text[i + 1] === '"') {
        name += '"';
        i += 2;
        continue;
      }
      inQuotes = !inQuotes;
      i++;
      continue;
    }
    if (!inQuotes && (c === '=' || c === '/' || c === '*' || isSpace(c))) break;
    name += c;
    i++;
  }
  if (inQuotes) throw new AclParseError('Unterminated quoted role name', text, start);
  while (isSpace(text[i])) i++;
  return [name, i];
}

/** Parses one aclitem text such as `alice=r*w/owner`, `=r/owner` (PUBLIC) or `"a b"=U/"x"`. */
/** An aclitem as aclitemout prints it when neither name needs quotes: `grantee=letters/grantor`. */
const plainItem = /^([A-Za-z0-9_]*)=([A-Za-z*]*)\/([A-Za-z0-9_]+)$/;

/** The letters part of an aclitem as privilege and grant-option bits; `bad` when a letter is not a privilege. */
function readLetters(text: string, from: number): { privileges: number; grantOptions: number; end: number; bad: boolean } {
  let privileges = 0;
  let grantOptions = 0;
  let last = 0;
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '*') {
      grantOptions |= last;
      continue;
    }
    if (!/^[A-Za-z]$/.test(c)) break;
    last = bitForLetter(c);
    if (last === 0) return { privileges, grantOptions, end: i, bad: true };
    privileges |= last;
  }
  return { privileges, grantOptions, end: i, bad: false };
}

export function parseAclItem(text: string): AclItem {
  // why: nearly every item in a real catalog has unquoted names; those skip the
  // character-by-character reader (same result, checked by the unit tests).
  const plain = plainItem.exec(text);
  if (plain !== null && plain[1] !== 'group' && plain[1] !== 'user') {
    const grantee = plain[1] ?? '';
    const letters = readLetters(text, grantee.length + 1);
    if (!letters.bad) {
      return { grantee: grantee === '' ? null : grantee, grantor: plain[3] ?? '', privileges: letters.privileges, grantOptions: letters.grantOptions };
    }
  }
  return parseAclItemSlowly(text);
}

function parseAclItemSlowly(text: string): AclItem {
  let [name, i] = readName(text, 0);
  if (text[i] !== '=' && (name === 'group' || name === 'user')) {
    // why: aclparse still accepts the pre-8.1 "group"/"user" key words before the name.
    [name, i] = readName(text, i);
  }
  if (text[i] !== '=') throw new AclParseError('Missing "=" sign', text, i);
  const { privileges, grantOptions, end: lettersEnd, bad } = readLetters(text, i + 1);
  i = lettersEnd;
  if (bad) throw new AclParseError(`Invalid privilege letter "${text.charAt(i)}"`, text, i);
  if (text[i] !== '/') throw new AclParseError('Missing "/grantor"', text, i);
  const [grantor, end] = readName(text, i + 1);
  if (grantor === '') throw new AclParseError('A name must follow "/"', text, i + 1);
  if (end !== text.length) throw new AclParseError('Extra text after the aclitem', text, end);
  return { grantee: name === '' ? null : name, grantor, privileges, grantOptions };
}

/** Splits the text of a one-dimensional array as array_out prints it into its element strings. */
/** `{a,b,c}` with no quoting, escapes, spaces or dimensions: what array_out prints for plain items. */
const plainArray = /^\{[^"\\\s{}[\]]*\}$/;

/** The elements of an aclitem[] text, unquoted (array_out's quoting undone), not yet parsed. */
export function splitAclArray(text: string): string[] {
  if (plainArray.test(text)) {
    if (text.length === 2) return [];
    const elements = text.slice(1, -1).split(',');
    // why: the same errors as the full reader for empty and NULL elements.
    if (!elements.some((e) => e === '' || e.toUpperCase() === 'NULL')) return elements;
  }
  let i = 0;
  while (isSpace(text[i])) i++;
  if (text[i] === '[') {
    // why: array_out prefixes "[lo:hi]=" when the lower bound is not 1.
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new AclParseError('Bad array dimensions', text, i);
    i = eq + 1;
    while (isSpace(text[i])) i++;
  }
  if (text[i] !== '{') throw new AclParseError('An aclitem[] starts with "{"', text, i);
  i++;
  const out: string[] = [];
  while (isSpace(text[i])) i++;
  if (text[i] === '}') return finish(text, i + 1, out);
  for (;;) {
    while (isSpace(text[i])) i++;
    let element = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new AclParseError('Unterminated quoted element', text, i);
        const c = text.charAt(i);
        if (c === '"') break;
        if (c === '\\') i++;
        element += text.charAt(i);
        i++;
      }
      i++;
    } else {
      const begin = i;
      let trailingSpaces = 0;
      while (i < text.length && text[i] !== ',' && text[i] !== '}') {
        if (text[i] === '\\') i++;
        trailingSpaces = isSpace(text[i]) ? trailingSpaces + 1 : 0;
        element += text.charAt(i);
        i++;
      }
      element = element.slice(0, element.length - trailingSpaces);
      if (element === '' || element.toUpperCase() === 'NULL') {
        throw new AclParseError('An aclitem[] has no empty or NULL elements', text, begin);
      }
    }
    out.push(element);
    while (isSpace(text[i])) i++;
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '}') return finish(text, i + 1, out);
    throw new AclParseError('Expected "," or "}"', text, i);
  }
}

function finish(text: string, i: number, out: string[]): string[] {
  while (isSpace(text[i])) i++;
  if (i !== text.length) throw new AclParseError('Extra text after "}"', text, i);
  return out;
}

/** Parses the text of an aclitem[] as pg_catalog prints it, e.g. `{postgres=arwdDxt/postgres,=r/postgres}`. */
export function parseAclArray(text: string): AclItem[] {
  return splitAclArray(text).map(parseAclItem);
}

/** Prints one aclitem exactly as aclitemout does. */
export function formatAclItem(item: AclItem): string {
  const grantee = item.grantee === null ? '' : quoteAclName(item.grantee);
  return `${grantee}=${formatPrivilegeLetters(item.privileges, item.grantOptions)}/${quoteAclName(item.grantor)}`;
}

/** Quotes one array element the way array_out does (needed when it has `"`, `\`, `,`, `{`, `}` or spaces). */
function quoteArrayElement(element: string): string {
  if (!/[{}",\\\s]/.test(element)) return element;
  return `"${element.replace(/(["\\])/g, '\\$1')}"`;
}

/** Prints an aclitem[] exactly as array_out does. */
export function formatAclArray(items: readonly AclItem[]): string {
  return `{${items.map((item) => quoteArrayElement(formatAclItem(item))).join(',')}}`;
}
