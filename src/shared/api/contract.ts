import { z } from 'zod';
import { authoritySchema } from '../changes/authority';
import { catalogSnapshotSchema, oidSchema, snapshotColumnSchema } from '../catalog/snapshot';
import { connectionParamsSchema, identifierField, sslModeSchema } from '../connections/params';
import { findingSchema, notCheckedSchema } from '../findings/finding';
import { roleFootprintSchema } from '../roles/footprint';
import { whyNotReportSchema } from '../whyNot/report';

/** A connection as the UI sees it: never with its password. */
export const connectionInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['demo', 'server']),
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  database: z.string(),
  sslmode: sslModeSchema,
  /** A password is held for this connection (in memory, or sealed by the OS keychain). */
  hasPassword: z.boolean(),
  /** The connection is remembered across restarts. */
  saved: z.boolean(),
});
/** A connection as the UI sees it. */
export type ConnectionInfo = z.infer<typeof connectionInfoSchema>;

/** Where the embedded demo server is in its life. */
export const demoStatusSchema = z.object({
  state: z.enum(['off', 'starting', 'ready', 'failed']),
  message: z.string(),
});
/** Where the embedded demo server is in its life. */
export type DemoStatus = z.infer<typeof demoStatusSchema>;

// why: every name a request carries is bounded like PostgreSQL's (63 bytes), so a huge
// name is refused here in plain words instead of reaching the server.
const connectionId = z.string().min(1).max(100, 'A connection id is at most 100 characters.');
const connectionRef = z.object({ connectionId });
const databaseRef = connectionRef.extend({ database: identifierField('database name') });
const schemaRef = databaseRef.extend({ schema: identifierField('schema name') });
const empty = z.object({});

/** The id the UI gives a request so that it can follow and cancel it. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A request id is 1 to 64 letters, digits, - or _.');
const requestStatusSchema = z.object({
  requestId: z.string(),
  method: z.string(),
  elapsedMs: z.number(),
  /** The request's own words on how far it got ("12,000 relations read"), if it says. */
  progress: z.string().nullable(),
});
/** What the backend says of a running request. */
export type RequestStatus = z.infer<typeof requestStatusSchema>;

/** Relation kinds shown in the tree, from pg_class.relkind. */
export const relationKinds = [
  'table',
  'view',
  'materialized_view',
  'sequence',
  'foreign_table',
  'partitioned_table',
] as const;
/** One of the relation kinds shown in the tree. */
export type RelationKind = (typeof relationKinds)[number];

const databaseSchema = z.object({
  name: z.string(),
  owner: z.string(),
  isTemplate: z.boolean(),
  allowConnections: z.boolean(),
});
const schemaSchema = z.object({ name: z.string(), owner: z.string() });
const relationSchema = z.object({
  name: z.string(),
  kind: z.enum(relationKinds),
  owner: z.string(),
  isPartition: z.boolean(),
});
/** A role from pg_roles, with what it is a member of. */
export const roleSchema = z.object({
  name: z.string(),
  kind: z.enum(['user', 'group']),
  superuser: z.boolean(),
  inherit: z.boolean(),
  createRole: z.boolean(),
  createDb: z.boolean(),
  replication: z.boolean(),
  bypassRls: z.boolean(),
  connectionLimit: z.number().int(),
  validUntil: z.string().nullable(),
  memberOf: z.array(z.string()),
});
/** A role from pg_roles. */
export type Role = z.infer<typeof roleSchema>;
/** A database in the tree. */
export type Database = z.infer<typeof databaseSchema>;
/** A schema in the tree. */
export type Schema = z.infer<typeof schemaSchema>;
/** A relation in the tree. */
export type Relation = z.infer<typeof relationSchema>;

const findingKeySchema = z.string().min(1, 'Name a finding.').max(4000, 'A finding key is at most 4,000 characters.');
/** A finding as findings.list returns it: with the SQL its fix renders to and its acknowledgement. */
export const listedFindingSchema = findingSchema.extend({
  fixSql: z.string(),
  acknowledged: z.object({ reason: z.string(), at: z.string() }).nullable(),
});
/** A finding as findings.list returns it. */
export type ListedFinding = z.infer<typeof listedFindingSchema>;

/**
 * The fingerprint changes.preview hands out: one 16-character hash per change, joined by
 * dots, so it grows with the script (10,000 changes at most) but has no other shape.
 */
const previewFingerprint = z
  .string()
  .max(10_000 * 17, 'The preview fingerprint is longer than any preview makes; preview the changes again.')
  .regex(/^([\w-]{16}(\.[\w-]{16})*)?$/, 'The preview fingerprint is not one Warden made; preview the changes again.');

/** Where browser mode streams an export: `GET {exportDownloadPrefix}/{jobId}` (one use, session cookie). */
export const exportDownloadPrefix = '/api/exports';
const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'An export id is 1 to 64 letters, digits, - or _.');
const exportStateSchema = z.enum(['waiting', 'running', 'done', 'failed', 'cancelled']);
/** Where an export is in its life: waiting for the browser's download to begin, running, or ended. */
export type ExportState = z.infer<typeof exportStateSchema>;
const exportStatusSchema = z.object({
  state: exportStateSchema,
  /** Roles written so far, of rolesTotal (0 of 0 while the catalog is read). */
  rolesDone: z.number().int(),
  rolesTotal: z.number().int(),
  rows: z.number().int(),
  bytes: z.number().int(),
  /** Why it failed or stopped, in plain words; null otherwise. */
  message: z.string().nullable(),
  /** The file it writes (desktop), else null. */
  path: z.string().nullable(),
});
/** What export.status says of one export. */
export type ExportStatus = z.infer<typeof exportStatusSchema>;

/**
 * The contract: every method once, with its input and output schema. Both transports
 * (Electron IPC, HTTP) forward to one dispatcher that implements it.
 */
export const api = {
  'app.info': {
    input: empty,
    output: z.object({
      mode: z.enum(['electron', 'browser']),
      version: z.string(),
      /** How saved passwords are kept: sealed by the OS keychain, or not stored at all. */
      passwordStorage: z.enum(['sealed', 'none']),
      /** How scripts are exported: the desktop's save dialog (script.save), or a browser download. */
      scriptExport: z.enum(['dialog', 'download']),
    }),
  },
  'connections.list': {
    input: empty,
    output: z.object({
      connections: z.array(connectionInfoSchema),
      demo: demoStatusSchema,
      /** Why the saved servers are not listed (their file was unreadable and set aside), else null. */
      savedServersProblem: z.string().nullable(),
    }),
  },
  'connections.test': {
    input: connectionParamsSchema,
    output: z.object({ serverVersion: z.string() }),
  },
  'connections.add': {
    input: connectionParamsSchema.extend({ save: z.boolean() }),
    output: connectionInfoSchema,
  },
  'connections.setPassword': {
    input: connectionRef.extend({ password: z.string().max(1024) }),
    output: connectionInfoSchema,
  },
  'connections.remove': {
    input: connectionRef,
    output: empty,
  },
  /** Asks the server to stop a running request (the id the UI gave it); false when it had ended. */
  'requests.cancel': {
    input: z.object({ requestId: requestIdSchema }),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** How long the given requests have run and what they report; ended ones are left out. */
  'requests.status': {
    input: z.object({ requestIds: z.array(requestIdSchema).max(100) }),
    output: z.object({ requests: z.array(requestStatusSchema) }),
  },
  'server.info': {
    input: connectionRef,
    output: z.object({
      version: z.string(),
      major: z.number().int(),
      /** For a major newer than Warden was checked against: the "not yet verified" banner's words. */
      versionNote: z.string().nullable(),
      currentUser: z.string(),
      isSuperuser: z.boolean(),
      /** initdb's superuser (OID 10): it cannot be dropped or lose SUPERUSER. */
      bootstrapSuperuser: z.string(),
    }),
  },
  /**
   * What the connected role may do: its attributes and, per role, ADMIN OPTION, acting as it
   * and having its privileges, as the server says; the UI offers only what it allows.
   */
  'server.authority': {
    input: connectionRef,
    output: authoritySchema,
  },
  'tree.databases': {
    input: connectionRef,
    output: z.object({ databases: z.array(databaseSchema) }),
  },
  'tree.schemas': {
    input: databaseRef,
    output: z.object({ schemas: z.array(schemaSchema) }),
  },
  'tree.relations': {
    input: schemaRef,
    output: z.object({ relations: z.array(relationSchema) }),
  },
  'roles.list': {
    input: connectionRef,
    output: z.object({ roles: z.array(roleSchema) }),
  },
  /**
   * What one role owns and holds in every database (and on shared objects), read before a
   * drop; databases Warden cannot open are listed as not checked, with the reason.
   */
  'roles.footprint': {
    input: connectionRef.extend({ role: identifierField('role name') }),
    output: roleFootprintSchema,
  },
  /**
   * A SCRAM-SHA-256 verifier for a password typed in a form, with the iteration count of the
   * server it is for (scram_iterations on 16+, 4096 before); only the verifier is staged.
   */
  'password.hash': {
    input: connectionRef.extend({ password: z.string().min(1, 'Enter a password.').max(1024, 'A password is at most 1024 characters.') }),
    output: z.object({ verifier: z.string() }),
  },
  /**
   * Saves a script through the desktop's save dialog (Electron only: browser mode downloads
   * instead, and its HTTP transport refuses this method).
   */
  'script.save': {
    input: z.object({
      fileName: z.string().min(1, 'Name the file.').max(255, 'A file name is at most 255 characters.'),
      script: z.string().max(50 * 1024 * 1024, 'The script is too large to save.'),
    }),
    output: z.discriminatedUnion('outcome', [z.object({ outcome: z.literal('saved'), path: z.string() }), z.object({ outcome: z.literal('cancelled') })]),
  },
  /** Validates staged changes against the server and renders the script main would run. */
  'changes.preview': {
    input: connectionRef.extend({
      changes: z.array(z.unknown()).max(10_000, 'At most 10,000 changes at once.'),
      /**
       * Password verifiers in the script: left out by default (a verifier can be attacked
       * offline; the script says how to set each password with psql's \password instead).
       */
      passwords: z.enum(['omit', 'include']).optional(),
    }),
    output: z.object({
      script: z.string(),
      fingerprint: z.string(),
      statementCount: z.number().int(),
      problems: z.array(z.object({ index: z.number().int(), field: z.string(), message: z.string() })),
    }),
  },
  /**
   * Applies staged changes (never SQL text): main validates and renders them again, refuses
   * when the touched objects changed since the preview, runs all or nothing per step
   * (see apply.ts: role changes another database must see are committed first), then re-reads.
   */
  'changes.apply': {
    input: connectionRef.extend({ changes: z.array(z.unknown()).min(1).max(10_000), fingerprint: previewFingerprint }),
    output: z.object({
      outcome: z.enum(['applied', 'drift', 'failed', 'invalid']),
      message: z.string(),
      results: z.array(
        z.object({
          index: z.number().int(),
          status: z.enum(['done', 'no-op', 'failed', 'not-run', 'unknown']),
          statement: z.string().optional(),
          message: z.string().optional(),
        }),
      ),
      changedSincePreview: z.array(z.number().int()),
      problems: z.array(z.object({ index: z.number().int(), field: z.string(), message: z.string() })),
    }),
  },
  /**
   * Which staged changes are already true on the server (the DBA ran the exported script):
   * each is tried in a transaction that is always rolled back; nothing is committed.
   */
  'changes.settled': {
    input: connectionRef.extend({ changes: z.array(z.unknown()).max(10_000, 'At most 10,000 changes at once.') }),
    output: z.object({ settled: z.array(z.number().int()) }),
  },
  /** Everything the privilege matrix needs for one database, read in one snapshot. */
  'catalog.load': {
    input: databaseRef,
    output: catalogSnapshotSchema,
  },
  /**
   * Reload: the backend shares one catalog read among the requests that want the same
   * catalog at once (the matrix's catalog.load, findings.list); this forgets the reads of
   * one server (null: of every server), so the next requests read it again. The UI calls it
   * before it reads a server again (QueryCache.refreshServer, "Check again").
   */
  'catalog.forget': {
    input: z.object({ connectionId: connectionId.nullable() }),
    output: empty,
  },
  /** Every user column of one relation with its ACL, read when the relation is opened. */
  'catalog.columns': {
    input: databaseRef.extend({ relationOid: oidSchema }),
    output: z.object({ columns: z.array(snapshotColumnSchema) }),
  },
  /**
   * What is wrong with the access setup of one database (default: the connection's), computed
   * in the backend (a worker thread) from a catalog read it shares with a catalog.load of the
   * same database running or just finished (never one from before an Apply or a Reload);
   * acknowledged findings are marked, not left out.
   */
  'findings.list': {
    input: connectionRef.extend({ database: identifierField('database name').optional() }),
    output: z.object({
      database: z.string(),
      serverMajor: z.number().int(),
      findings: z.array(listedFindingSchema),
      notChecked: z.array(notCheckedSchema),
      /** Milliseconds the rules took (the catalog read not included). */
      computeMs: z.number(),
    }),
  },
  /** Accepts a finding on purpose, with the reason; kept per server in the data folder. */
  'findings.acknowledge': {
    input: connectionRef.extend({
      key: findingKeySchema,
      reason: z.string().trim().min(1, 'Say why this finding is acceptable.').max(1000, 'Keep the reason under 1,000 characters.'),
    }),
    output: empty,
  },
  /**
   * Why a role lacks a privilege on a relation, layer by layer, and the smallest change sets
   * that would grant it, each proven on the server inside BEGIN … ROLLBACK first.
   */
  'access.whyNot': {
    input: connectionRef.extend({
      database: identifierField('database name').optional(),
      role: identifierField('role name'),
      schema: identifierField('schema name'),
      table: identifierField('table name'),
      privilege: z.string().min(1, 'Name a privilege.').max(20, 'A privilege is a word such as SELECT.'),
    }),
    output: whyNotReportSchema,
  },
  /**
   * Starts writing the flat matrix of one database (one schema, or all) as the CLI's CSV, in a
   * worker thread that reads the catalog itself. Desktop: asks where to save first (cancelled
   * when the dialog is closed) and streams into that file; browser mode: the page downloads
   * `exportDownloadPrefix/jobId`, which streams the bytes as they are written.
   */
  'export.start': {
    input: databaseRef.extend({ schema: identifierField('schema name').optional() }),
    output: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('started'), jobId: z.string(), fileName: z.string(), delivery: z.enum(['file', 'download']), path: z.string().nullable() }),
      z.object({ outcome: z.literal('cancelled') }),
    ]),
  },
  /** How far an export got (roles, rows, bytes), or how it ended. */
  'export.status': {
    input: z.object({ jobId: jobIdSchema }),
    output: exportStatusSchema,
  },
  /** Stops an export: its worker ends, a partly written file is removed, a download is cut off (it fails). */
  'export.cancel': {
    input: z.object({ jobId: jobIdSchema }),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** Takes an acknowledgement back: the finding counts again. */
  'findings.unacknowledge': {
    input: connectionRef.extend({ key: findingKeySchema }),
    output: empty,
  },
} as const;

/** Methods that touch the user's files: only the desktop shell offers them, never HTTP. */
export const desktopOnlyMethods: ReadonlySet<string> = new Set<Method>(['script.save']);

/** The contract's shape. */
export type ApiSpec = typeof api;
/** A method name such as `tree.databases`. */
export type Method = keyof ApiSpec;
/** What a method takes. */
export type Input<M extends Method> = z.infer<ApiSpec[M]['input']>;
/** What a method returns. */
export type Output<M extends Method> = z.infer<ApiSpec[M]['output']>;
/** Every method name, for transports and tests. */
export const methods = Object.keys(api) as Method[];

/** True when `name` is a method of the contract. */
export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}

/** The typed client every part of the UI uses; the transport underneath is invisible. */
export interface Api {
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
}
