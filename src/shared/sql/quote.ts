import { keywordsNeedingQuotes } from './keywords';

/** PostgreSQL truncates identifiers at 63 bytes (NAMEDATALEN - 1); Warden refuses longer ones instead. */
export const maxIdentifierBytes = 63;

/** A name or text that cannot be put into SQL safely; the message is plain words and holds no secret. */
export class SqlQuoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlQuoteError';
  }
}

/**
 * Size of a string in UTF-8 bytes, the unit of PostgreSQL's name limit; a lone surrogate
 * counts as the 3 bytes of U+FFFD, as TextEncoder writes it. why: counted, not encoded: every
 * name in a reply is checked, and encoding each allocated seconds of garbage on 100,000 tables.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// why: a lone UTF-16 surrogate has no UTF-8 form; TextEncoder would silently send U+FFFD,
// so the server would see a different name than the one the user typed.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string has an unpaired surrogate (not valid Unicode, so not valid UTF-8). */
export function hasLoneSurrogate(text: string): boolean {
  return loneSurrogate.test(text);
}

/**
 * What is wrong with a name as a PostgreSQL identifier, or null when it is usable.
 * `what` names the thing in the message ("role name", "table name", …).
 */
export function identifierProblem(name: string, what = 'name'): string | null {
  if (name.length === 0) return `The ${what} is empty.`;
  if (name.includes('\0')) return `The ${what} contains a NUL character, which PostgreSQL does not allow.`;
  if (hasLoneSurrogate(name)) return `The ${what} contains a broken character (an unpaired UTF-16 surrogate).`;
  const bytes = utf8Length(name);
  if (bytes > maxIdentifierBytes) {
    // why: the server would silently cut the name at 63 bytes and act on a different object.
    return `The ${what} is ${bytes} bytes long in UTF-8; PostgreSQL allows at most ${maxIdentifierBytes}.`;
  }
  return null;
}

// why: quote_identifier() in ruleutils.c leaves a name bare only when it is lower-case ASCII
// letters, digits and underscores not starting with a digit. `$` is legal in an unquoted
// identifier, yet quote_ident('a$b') still quotes it, and so do we.
const bareIdentifier = /^[a-z_][a-z0-9_]*$/;

/** Quotes an identifier exactly as PostgreSQL's quote_ident() does; throws SqlQuoteError on an unusable name. */
export function quoteIdent(name: string): string {
  const problem = identifierProblem(name);
  if (problem !== null) throw new SqlQuoteError(problem);
  if (bareIdentifier.test(name) && !keywordsNeedingQuotes.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** A schema-qualified name, each part quoted: `public.sales`, `"User Data"."order"`. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * A string literal, like PostgreSQL's quote_literal(): quotes doubled; when the text has a
 * backslash, the E'' form with doubled backslashes. Throws SqlQuoteError on NUL.
 */
export function quoteLiteral(text: string): string {
  if (text.includes('\0')) throw new SqlQuoteError('The text contains a NUL character, which PostgreSQL does not allow.');
  if (hasLoneSurrogate(text)) throw new SqlQuoteError('The text contains a broken character (an unpaired UTF-16 surrogate).');
  const doubled = text.replaceAll("'", "''");
  // why: with standard_conforming_strings = on (the default since 9.1) 'a\b' is already
  // literal, but a server or session set to off would read \ as an escape. E'' with doubled
  // backslashes means the same text under both settings.
  if (text.includes('\\')) return `E'${doubled.replaceAll('\\', '\\\\')}'`;
  return `'${doubled}'`;
}

/** Who receives or loses a privilege: the PUBLIC pseudo-role (every role) or one named role. */
export type Grantee = { kind: 'public' } | { kind: 'role'; name: string };

/** Quotes a role name where SQL expects a role; a role literally named "public" stays quoted. */
export function quoteRole(name: string): string {
  // why: in GRANT/REVOKE/ALTER DEFAULT PRIVILEGES an unquoted public (any case) means the
  // PUBLIC pseudo-role, and quote_ident('public') leaves it bare because public is no keyword.
  if (name === 'public') return '"public"';
  return quoteIdent(name);
}

/** A grantee as SQL: the keyword PUBLIC for the pseudo-role, a quoted role name otherwise. */
export function quoteGrantee(grantee: Grantee): string {
  return grantee.kind === 'public' ? 'PUBLIC' : quoteRole(grantee.name);
}
