import { connectionParamsSchema, type ConnectionParams, type SslMode } from '../../../shared/connections/params';

/** What the Add server form holds, as typed. */
export interface FormValues {
  url: string;
  name: string;
  host: string;
  port: string;
  user: string;
  password: string;
  database: string;
  sslmode: SslMode;
  save: boolean;
}

/** Form fields an error can point at (the API's `error.field` uses the same names). */
export const fieldNames = ['url', 'name', 'host', 'port', 'user', 'password', 'database', 'sslmode'] as const;
/** One of the form's fields. */
export type FieldName = (typeof fieldNames)[number];
/** Messages by field. */
export type FieldErrors = Partial<Record<FieldName, string>>;

/** A fresh form: libpq's usual defaults. */
export const initialValues: FormValues = {
  url: '',
  name: '',
  host: 'localhost',
  port: '5432',
  user: 'postgres',
  password: '',
  database: 'postgres',
  sslmode: 'prefer',
  save: true,
};

/** True when `name` is one of the form's fields. */
export function isFieldName(name: string | undefined): name is FieldName {
  return name !== undefined && (fieldNames as readonly string[]).includes(name);
}

/** Checks the form with the contract's own schema; empty name and password are left out. */
export function readParams(values: FormValues): { ok: true; params: ConnectionParams } | { ok: false; errors: FieldErrors } {
  const port = values.port.trim() === '' ? Number.NaN : Number(values.port.trim());
  const candidate = {
    ...(values.name.trim() === '' ? {} : { name: values.name }),
    host: values.host,
    port,
    user: values.user,
    ...(values.password === '' ? {} : { password: values.password }),
    database: values.database,
    sslmode: values.sslmode,
  };
  const checked = connectionParamsSchema.safeParse(candidate);
  if (checked.success) return { ok: true, params: checked.data };
  const errors: FieldErrors = {};
  for (const issue of checked.error.issues) {
    const field = issue.path[0];
    const name = typeof field === 'string' ? field : undefined;
    if (isFieldName(name) && errors[name] === undefined) {
      errors[name] = name === 'port' && Number.isNaN(port) ? 'Enter a port number.' : issue.message;
    }
  }
  return { ok: false, errors };
}
