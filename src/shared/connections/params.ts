import { z } from 'zod';

/** libpq's sslmode values that Warden supports (`allow` is left out: it never protects). */
export const sslModes = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
/** Schema for an sslmode. */
export const sslModeSchema = z.enum(sslModes);
/** One of the supported sslmodes. */
export type SslMode = z.infer<typeof sslModeSchema>;

const utf8 = new TextEncoder();
/** PostgreSQL truncates identifiers at 63 bytes (NAMEDATALEN - 1). */
export const maxIdentifierBytes = 63;

/** A PostgreSQL name in a request: 1 to 63 bytes of UTF-8, else a plain-words refusal. */
export const identifierField = (what: string) =>
  z
    .string()
    .min(1, `Enter a ${what}.`)
    .refine((s) => utf8.encode(s).length <= maxIdentifierBytes, {
      message: `A ${what} is at most ${maxIdentifierBytes} bytes long in PostgreSQL.`,
    });

/** What it takes to reach a server: the connection form and the postgres:// URL both produce it. */
export const connectionParamsSchema = z.object({
  name: z.string().trim().max(100, 'A name is at most 100 characters.').optional(),
  host: z
    .string()
    .trim()
    .min(1, 'Enter a host name or address.')
    .max(255, 'A host name is at most 255 characters.'),
  port: z
    .number({ message: 'Enter a port number.' })
    .int('A port is a whole number.')
    .min(1, 'A port is between 1 and 65535.')
    .max(65535, 'A port is between 1 and 65535.'),
  user: identifierField('user name'),
  password: z.string().max(1024, 'A password is at most 1024 characters.').optional(),
  database: identifierField('database name'),
  sslmode: sslModeSchema,
});
/** What it takes to reach a server. */
export type ConnectionParams = z.infer<typeof connectionParamsSchema>;

/** The result of reading a postgres:// URL: the parameters, or a message saying what is wrong. */
export type UrlParseResult = { ok: true; params: ConnectionParams } | { ok: false; message: string };

/**
 * Reads a `postgres://user:password@host:port/database?sslmode=…` URL (also `postgresql://`).
 * Percent-escapes are decoded, so names with any characters work. Missing parts take
 * libpq's defaults: port 5432, database = user, sslmode prefer.
 */
export function parseConnectionUrl(text: string): UrlParseResult {
  const trimmed = text.trim();
  if (!/^postgres(ql)?:\/\//i.test(trimmed)) {
    return { ok: false, message: 'A connection URL starts with postgres:// or postgresql://.' };
  }
  let url: URL;
  try {
    // why: WHATWG URL only parses authority for special schemes, so parse as http.
    url = new URL(trimmed.replace(/^postgres(ql)?:/i, 'http:'));
  } catch {
    return { ok: false, message: 'That connection URL could not be read; check its punctuation.' };
  }
  const decode = (s: string): string | null => {
    try {
      return decodeURIComponent(s);
    } catch {
      return null;
    }
  };
  const user = decode(url.username);
  const password = decode(url.password);
  const database = decode(url.pathname.replace(/^\//, ''));
  if (user === null || password === null || database === null) {
    return { ok: false, message: 'The URL has a broken %-escape.' };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? 5432 : Number(url.port);
  const sslRaw = url.searchParams.get('sslmode') ?? 'prefer';
  const sslmode = sslModeSchema.safeParse(sslRaw);
  if (!sslmode.success) {
    return { ok: false, message: `sslmode must be one of ${sslModes.join(', ')}; the URL says "${sslRaw}".` };
  }
  const candidate = {
    host: host === '' ? 'localhost' : host,
    port,
    user: user === '' ? 'postgres' : user,
    ...(password === '' ? {} : { password }),
    database: database === '' ? (user === '' ? 'postgres' : user) : database,
    sslmode: sslmode.data,
  };
  const checked = connectionParamsSchema.safeParse(candidate);
  if (!checked.success) {
    return { ok: false, message: checked.error.issues[0]?.message ?? 'The URL is not valid.' };
  }
  return { ok: true, params: checked.data };
}
