import pg from 'pg';

// why: the integration tier must run exported scripts on machines without psql (only Node
// and npm). This runner understands exactly the subset of psql that renderScript writes,
// the way psql reads it, and refuses anything else loudly instead of guessing: a script
// it cannot run faithfully must fail the test, never pass it.

/** One step of a psql script, in order. */
export type ScriptItem =
  | { kind: 'connect'; database: string | null; line: number }
  | { kind: 'set'; name: string; value: string; line: number }
  | { kind: 'sql'; sql: string; line: number };

/** A script construct this runner does not implement (psql might, differently). */
export class UnsupportedScriptError extends Error {
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'UnsupportedScriptError';
  }
}

const varChar = /[A-Za-z0-9_\u0080-\uFFFF]/;
const dollarTag = /^\$(?:[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_\u0080-\uFFFF]*)?\$/;

/**
 * Splits a script as psql's lexer does: statements end at `;` outside quotes, comments and
 * parentheses; a backslash outside quotes starts a meta-command that runs to the end of
 * its line. `:name` variable interpolation, and meta-commands inside a statement, are refused.
 */
export function parseScript(text: string): ScriptItem[] {
  const items: ScriptItem[] = [];
  let buf = '';
  let startLine = 1;
  let line = 1;
  let depth = 0;
  let i = 0;
  const take = (n: number): void => {
    const part = text.slice(i, i + n);
    if (buf.trim() === '' && part.trim() !== '') startLine = line;
    buf += part;
    for (const ch of part) if (ch === '\n') line++;
    i += n;
  };
  const skip = (n: number): void => {
    for (const ch of text.slice(i, i + n)) if (ch === '\n') line++;
    i += n;
  };
  const until = (from: number, close: string, escapes: boolean, what: string): number => {
    const doubling = close === "'" || close === '"';
    for (let j = from; j < text.length; j++) {
      if (escapes && text[j] === '\\') j++;
      else if (text.startsWith(close, j)) {
        // why: '' inside a string and "" inside an identifier are the quote character itself.
        if (doubling && text[j + 1] === close) j++;
        else return j + close.length;
      }
    }
    throw new UnsupportedScriptError(`unterminated ${what}`, line);
  };
  while (i < text.length) {
    const ch = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (ch === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      if (buf.trim() === '') skip(stop - i);
      else take(stop - i);
    } else if (ch === '/' && next === '*') {
      let nest = 0;
      let j = i;
      do {
        if (j >= text.length) throw new UnsupportedScriptError('unterminated /* comment', line);
        const two = text.slice(j, j + 2);
        nest += two === '/*' ? 1 : two === '*/' ? -1 : 0;
        j += two === '/*' || two === '*/' ? 2 : 1;
      } while (nest > 0);
      take(j - i);
    } else if (ch === "'") {
      // why: E'…' strings take backslash escapes; standard strings (the default since
      // 9.1) do not, and there a backslash is just a character.
      const escapeString = /[Ee]$/.test(buf) && !/[A-Za-z0-9_$\u0080-\uFFFF][Ee]$/.test(buf);
      take(until(i + 1, "'", escapeString, 'string literal') - i);
    } else if (ch === '"') {
      take(until(i + 1, '"', false, 'quoted identifier') - i);
    } else if (ch === '$' && !varChar.test(buf.slice(-1))) {
      const tag = dollarTag.exec(text.slice(i))?.[0];
      if (tag === undefined) take(1);
      else take(until(i + tag.length, tag, false, 'dollar-quoted string') - i);
    } else if (ch === ':') {
      if (next === ':') take(2);
      else if (varChar.test(next) || next === "'" || next === '"' || next === '{') {
        throw new UnsupportedScriptError(`psql would interpolate the variable reference "${text.slice(i, i + 12)}"`, line);
      } else take(1);
    } else if (ch === '(' || ch === ')') {
      depth = Math.max(0, depth + (ch === '(' ? 1 : -1));
      take(1);
    } else if (ch === ';' && depth === 0) {
      take(1);
      items.push({ kind: 'sql', sql: buf.trim(), line: startLine });
      buf = '';
    } else if (ch === '\\') {
      if (buf.trim() !== '') throw new UnsupportedScriptError('a meta-command inside a statement', line);
      buf = '';
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      items.push(parseMetaCommand(text.slice(i + 1, stop), line));
      i = stop;
    } else {
      take(1);
    }
  }
  if (buf.trim() !== '') items.push({ kind: 'sql', sql: buf.trim(), line: startLine }); // psql sends it at end of file
  return items;
}

/**
 * Reads meta-command arguments as psql does for \connect (OT_SQLIDHACK): whitespace
 * separates them, double-quoted parts lose their quotes ("" is one "), nothing is
 * downcased, and single-quoted parts take '' and backslash escapes.
 */
export function splitMetaArgs(rest: string, line: number): { value: string; quoted: boolean }[] {
  const args: { value: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < rest.length) {
    while (/\s/.test(rest[i] ?? '')) i++;
    if (i >= rest.length) break;
    let value = '';
    let quoted = false;
    while (i < rest.length && !/\s/.test(rest[i] ?? '')) {
      const ch = rest[i] ?? '';
      if (ch === '"') {
        quoted = true;
        const close = (j: number): number => {
          for (let k = j; k < rest.length; k++) if (rest[k] === '"') return k;
          throw new UnsupportedScriptError('unterminated quoted meta-command argument', line);
        };
        let j = i + 1;
        for (let k = close(j); ; k = close(j)) {
          value += rest.slice(j, k);
          if (rest[k + 1] !== '"') {
            i = k + 1;
            break;
          }
          value += '"';
          j = k + 2;
        }
      } else if (ch === "'") {
        quoted = true;
        let j = i + 1;
        for (;; j++) {
          if (j >= rest.length) throw new UnsupportedScriptError('unterminated quoted meta-command argument', line);
          if (rest[j] === "'" && rest[j + 1] === "'") {
            value += "'";
            j++;
          } else if (rest[j] === "'") break;
          else if (rest[j] === '\\') {
            const esc = rest[j + 1] ?? '';
            if (!"\\'".includes(esc)) throw new UnsupportedScriptError(`the escape \\${esc} in a meta-command argument`, line);
            value += esc;
            j++;
          } else value += rest[j] ?? '';
        }
        i = j + 1;
      } else if (ch === '`' || (ch === ':' && (varChar.test(rest[i + 1] ?? '') || `'"{`.includes(rest[i + 1] ?? 'x')))) {
        throw new UnsupportedScriptError(`"${ch}" in a meta-command argument (psql would substitute it)`, line);
      } else if (ch === '\\') {
        throw new UnsupportedScriptError('a second meta-command on the same line', line);
      } else {
        value += ch;
        i++;
      }
    }
    args.push({ value, quoted });
  }
  return args;
}

/** psql's ParseVariableBool: on/off, true/false, yes/no (unique prefixes) and 1/0. */
export function parsePsqlBool(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === '') return null;
  if ('true'.startsWith(v) || 'yes'.startsWith(v) || v === '1') return true;
  if ('false'.startsWith(v) || 'no'.startsWith(v) || v === '0') return false;
  if (v.length >= 2 && 'on'.startsWith(v)) return true;
  if (v.length >= 2 && 'off'.startsWith(v)) return false;
  return null;
}

/**
 * The database a libpq connection string names: `key=value` pairs, values optionally in
 * single quotes, `\` escaping the next character. Only `dbname` is accepted; URIs are refused.
 */
export function connstringDatabase(connstr: string, line: number): string {
  if (/^postgres(ql)?:\/\//.test(connstr)) throw new UnsupportedScriptError('a connection URI in \\connect', line);
  let database: string | undefined;
  let i = 0;
  while (i < connstr.length) {
    while (/\s/.test(connstr[i] ?? '')) i++;
    if (i >= connstr.length) break;
    const eq = connstr.indexOf('=', i);
    if (eq < 0) throw new UnsupportedScriptError(`a connection string without "=" after "${connstr.slice(i)}"`, line);
    const key = connstr.slice(i, eq).trim();
    i = eq + 1;
    while (/\s/.test(connstr[i] ?? '')) i++;
    let value = '';
    const quotedValue = connstr[i] === "'";
    if (quotedValue) i++;
    for (; i < connstr.length; i++) {
      const ch = connstr[i] ?? '';
      if (ch === '\\') value += connstr[++i] ?? '';
      else if (quotedValue ? ch === "'" : /\s/.test(ch)) break;
      else value += ch;
    }
    if (quotedValue) {
      if (connstr[i] !== "'") throw new UnsupportedScriptError('an unterminated quoted value in a connection string', line);
      i++;
    }
    if (key !== 'dbname') throw new UnsupportedScriptError(`the connection option "${key}" in \\connect`, line);
    database = value;
  }
  if (database === undefined) throw new UnsupportedScriptError('a connection string without dbname', line);
  return database;
}

function parseMetaCommand(body: string, line: number): ScriptItem {
  const name = /^\S*/.exec(body)?.[0] ?? '';
  const args = splitMetaArgs(body.slice(name.length), line);
  if (name === 'connect' || name === 'c') {
    let reuse: boolean | null = null;
    const first = args[0];
    if (first !== undefined && first.value.startsWith('-reuse-previous=')) {
      reuse = parsePsqlBool(first.value.slice('-reuse-previous='.length));
      if (reuse === null) throw new UnsupportedScriptError(`an invalid ${first.value}`, line);
      args.shift();
    }
    if (args.length > 1) throw new UnsupportedScriptError('\\connect with a user, host or port', line);
    const target = args[0];
    // why: psql treats an unquoted empty or "-" argument as "keep the current database".
    if (target === undefined || (!target.quoted && (target.value === '' || target.value === '-'))) {
      return { kind: 'connect', database: null, line };
    }
    const isConnstr = target.value.includes('=') || /^postgres(ql)?:\/\//.test(target.value);
    if (!isConnstr) return { kind: 'connect', database: target.value, line };
    // why: without -reuse-previous=on psql connects with a connection string's options
    // only, dropping the current host, port and user; this runner does not emulate that.
    if (reuse !== true) throw new UnsupportedScriptError('a \\connect connection string without -reuse-previous=on', line);
    return { kind: 'connect', database: connstringDatabase(target.value, line), line };
  }
  if (name === 'set') {
    const [variable, ...values] = args;
    if (variable?.value !== 'ON_ERROR_STOP') {
      throw new UnsupportedScriptError(`\\set ${variable?.value ?? ''} (only ON_ERROR_STOP is implemented)`, line);
    }
    return { kind: 'set', name: variable.value, value: values.map((v) => v.value).join(''), line };
  }
  throw new UnsupportedScriptError(`the meta-command \\${name}`, line);
}

/** Where a script starts: the server and database psql would be given with -h -p -U -d. */
export interface ScriptTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** What running a script did; `ok` is what psql's exit status 0 would mean. */
export interface ScriptRunResult {
  ok: boolean;
  /** psql-like messages: notices, warnings and errors, in order. */
  messages: string[];
  /** Statements sent to the server. */
  statements: number;
}

/**
 * Runs a script like `psql -X -f`: one session, statements sent one at a time with the
 * simple query protocol, `\connect` opening a new session on the same server (the old one
 * closes, which rolls back an open transaction), errors stopping the run only when
 * ON_ERROR_STOP is on. A failed \connect always stops, as in non-interactive psql.
 */
export async function runScript(script: string, target: ScriptTarget): Promise<ScriptRunResult> {
  const items = parseScript(script);
  const messages: string[] = [];
  let onErrorStop = false;
  let failed = false;
  let statements = 0;
  let database = target.database;
  const open = async (db: string): Promise<pg.Client> => {
    const c = new pg.Client({ host: target.host, port: target.port, user: target.user, password: target.password, database: db });
    c.on('notice', (n) => messages.push(`${n.severity ?? 'NOTICE'}: ${n.message}`));
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  let client = await open(database);
  try {
    for (const item of items) {
      if (item.kind === 'set') {
        const on = parsePsqlBool(item.value);
        if (on === null) throw new UnsupportedScriptError(`\\set ON_ERROR_STOP ${item.value}`, item.line);
        onErrorStop = on;
      } else if (item.kind === 'connect') {
        const next = item.database ?? database;
        try {
          const fresh = await open(next);
          await client.end();
          client = fresh;
          database = next;
        } catch (err) {
          messages.push(`line ${item.line}: \\connect: ${err instanceof Error ? err.message : String(err)}`);
          return { ok: false, messages, statements };
        }
      } else {
        statements++;
        try {
          await client.query(item.sql);
        } catch (err) {
          failed = true;
          messages.push(`line ${item.line}: ERROR: ${err instanceof Error ? err.message : String(err)}`);
          if (onErrorStop) return { ok: false, messages, statements };
        }
      }
    }
    // why: without ON_ERROR_STOP psql exits 0 even after failed statements; a caller that
    // wants "everything ran" checks `messages` too.
    return { ok: onErrorStop ? !failed : true, messages, statements };
  } finally {
    await client.end().catch(() => undefined);
  }
}
