import { join } from 'node:path';
import type pg from 'pg';
import { DemoServer } from '../demo/demoServer';
import { loadRelationColumns } from './catalog/loadCatalog';
import { SharedCatalogReads } from './catalog/sharedReads';
import { previewChanges, type OnDatabase } from './changes/preview';
import { applyChanges } from './changes/apply';
import { settledChanges } from './changes/settled';
import type { Output } from '../../shared/api/contract';
import { UserError } from '../../shared/api/errors';
import { majorOfVersion, versionProblem } from '../../shared/api/serverVersions';
import { changeSchema } from '../../shared/changes/schema';
import type { ConnectionParams } from '../../shared/connections/params';
import { hashForServer } from './passwordHash';
import { readAuthority } from './authority';
import { ConnectionRegistry, connectTimeoutSeconds } from './connectionRegistry';
import { RequestTracker } from './requests';
import { ConnectionStore } from './connectionStore';
import { Connections } from './connections';
import { createDispatcher, defaultLogger, type Dispatch, type ErrorLogger } from './dispatcher';
import type { SecretSealer } from './sealer';
import { saveScript, scriptExportMode, type ScriptSaver } from './scriptSave';
import { roleFootprint } from './roleFootprint';
import { AcknowledgementStore } from './findings/acknowledgements';
import { FindingsPool } from './findings/findingsPool';
import { answerWhyNot } from './whyNot/proveWhyNot';
import { listDatabases, listRelations, listRoles, listSchemas, serverInfo } from './treeQueries';
import { ExportJobs, exportWorkerAt, type DownloadSource, type ExportLimits } from './export/exportJobs';
import { csvFileName } from '../../shared/privileges/matrixExportMessages';

/** What the shells (Electron, browser mode) pass in. */
export interface BackendOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  version: string;
  sealer: SecretSealer | null;
  /** Start the embedded demo server (default true). */
  demo?: boolean;
  /** Another PostgreSQL major for the demo, via an npm alias package. */
  demoBinariesPackage?: string;
  logError?: ErrorLogger;
  /** Seconds to wait for a server to answer (default 10). */
  connectTimeoutSeconds?: number;
  /** The desktop's save dialog for script.save; absent in browser mode (the page downloads instead). */
  saveScript?: ScriptSaver;
  /** The built export worker (out/main/exportWorker.js); without it export.start is refused. */
  exportWorker?: URL;
  /**
   * The desktop's save dialog for export.start: the path chosen, or null when closed. Absent
   * in browser mode, where the page downloads the export instead.
   */
  chooseExportFile?: (fileName: string) => Promise<string | null>;
  /** Shorter lives for exports (tests). */
  exportLimits?: Partial<ExportLimits>;
  /**
   * The built findings worker (out/main/findingsWorker.js, beside the shell's entry): findings
   * are computed there, off the main thread. Absent: on the main thread (tests that need no worker).
   */
  findingsWorker?: URL;
}

/** The backend both shells share: one dispatcher, and a clean shutdown. */
export interface Backend {
  dispatch: Dispatch;
  /** The demo server, when enabled (for start-up progress and diagnostics). */
  demo: DemoServer | null;
  /** Browser mode's downloads (export.start without a file chooser), for the HTTP route. */
  downloads: DownloadSource;
  close(): Promise<void>;
}

/** Wires the demo server, the saved connections and the pools behind one dispatcher. */
export function createBackend(options: BackendOptions): Backend {
  const demo = options.demo === false ? null : new DemoServer({ dataDir: options.dataDir, ...(options.demoBinariesPackage ? { binariesPackage: options.demoBinariesPackage } : {}) });
  const connections = new Connections(new ConnectionStore(join(options.dataDir, 'connections.json')), options.sealer, demo);
  const requests = new RequestTracker();
  const registry = new ConnectionRegistry(options.connectTimeoutSeconds, { requests });
  const acks = new AcknowledgementStore(join(options.dataDir, 'findings-acknowledged.json'));
  const logError = options.logError ?? defaultLogger;
  const exports = new ExportJobs(options.exportWorker === undefined ? null : exportWorkerAt(options.exportWorker), (err) => logError('export', err), options.exportLimits);
  const reads = new SharedCatalogReads(registry);
  const findings = new FindingsPool(options.findingsWorker ?? null, requests);

  const on = async <T>(connectionId: string, database: string | null, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const params = await connections.params(connectionId);
    return registry.withClient(connectionId, params, database ?? params.database, fn);
  };

  /** Servers (host:port) with an Apply running. */
  const applying = new Set<string>();

  const dispatch = createDispatcher(
    {
      'app.info': () =>
        Promise.resolve({
          mode: options.mode,
          version: options.version,
          passwordStorage: options.sealer ? 'sealed' : 'none',
          scriptExport: scriptExportMode(options.saveScript ?? null),
        }),
      'script.save': (input) => saveScript(options.saveScript ?? null, input),
      'connections.list': async () => {
        const { connections: list, problem } = await connections.list();
        return { connections: list, demo: demo ? demo.status() : { state: 'off', message: 'The demo server is turned off.' }, savedServersProblem: problem };
      },
      'connections.test': async (input) => ({ serverVersion: supportedVersion(await registry.probe(input)) }),
      'connections.add': async ({ save, ...params }) => {
        supportedVersion(await registry.probe(params));
        return connections.add(params, save);
      },
      // why: a new password changes the connection's value, so its pools are rebuilt on next use.
      'connections.setPassword': ({ connectionId, password }) => connections.setPassword(connectionId, password),
      'connections.remove': async ({ connectionId }) => {
        await connections.remove(connectionId);
        registry.forget(connectionId);
        return {};
      },
      'requests.cancel': async ({ requestId }) => ({ cancelled: await requests.cancel(requestId) }),
      'requests.status': ({ requestIds }) => Promise.resolve({ requests: requests.status(requestIds) }),
      'server.info': ({ connectionId }) => on(connectionId, null, serverInfo),
      'server.authority': ({ connectionId }) => on(connectionId, null, readAuthority),
      'tree.databases': async ({ connectionId }) => ({ databases: await on(connectionId, null, listDatabases) }),
      'tree.schemas': async ({ connectionId, database }) => ({ schemas: await on(connectionId, database, listSchemas) }),
      'tree.relations': async ({ connectionId, database, schema }) => ({
        relations: await on(connectionId, database, (c) => listRelations(c, schema)),
      }),
      'roles.list': async ({ connectionId }) => ({ roles: await on(connectionId, null, listRoles) }),
      'roles.footprint': ({ connectionId, role }) => roleFootprint(role, (database, fn) => on(connectionId, database, fn)),
      'catalog.load': async ({ connectionId, database }) => reads.read(connectionId, await connections.params(connectionId), database, 'running'),
      'catalog.forget': async ({ connectionId }) => {
        // why: a connection that cannot say its server (removed, no password) forgets them all.
        const params = connectionId === null ? null : await connections.params(connectionId).catch(() => null);
        reads.invalidate(params === null ? null : serverOf(params));
        return {};
      },
      'catalog.columns': async ({ connectionId, database, relationOid }) => ({
        columns: await on(connectionId, database, (c) => loadRelationColumns(c, relationOid)),
      }),
      'findings.list': async ({ connectionId, database }) => {
        const params = await connections.params(connectionId);
        const [snapshot, info] = await Promise.all([reads.read(connectionId, params, database ?? params.database, 'recent'), on(connectionId, null, serverInfo)]);
        return findings.list(snapshot, info.currentUser, await acks.forServer(connectionId));
      },
      'access.whyNot': async ({ connectionId, database, ...cell }) => {
        const params = await connections.params(connectionId);
        const db = database ?? params.database;
        // why: the why panel asks cell after cell; a read of the last few seconds (made after
        // any Apply or Reload, which forget older ones) serves them all, and every fix offered
        // is still proven on the server as it is now.
        const snapshot = await reads.read(connectionId, params, db, 'recent');
        return on(connectionId, db, (c) => answerWhyNot(c, snapshot, cell));
      },
      'export.start': async ({ connectionId, database, schema }) => {
        const spec = { params: await connections.params(connectionId), database, schema: schema ?? null, connectTimeoutSeconds: options.connectTimeoutSeconds ?? connectTimeoutSeconds };
        const fileName = csvFileName(database, schema ?? '');
        if (options.chooseExportFile === undefined) {
          return { outcome: 'started' as const, jobId: exports.forDownload(spec, fileName), fileName, delivery: 'download' as const, path: null };
        }
        // why: the file is chosen before any row is written, and the rows go straight into it.
        exports.assertRoom();
        const path = await options.chooseExportFile(fileName);
        if (path === null) return { outcome: 'cancelled' as const };
        return { outcome: 'started' as const, jobId: await exports.toFile(spec, fileName, path), fileName, delivery: 'file' as const, path };
      },
      'export.status': ({ jobId }) => Promise.resolve(exports.status(jobId)),
      'export.cancel': async ({ jobId }) => ({ cancelled: await exports.cancel(jobId) }),
      'findings.acknowledge': async ({ connectionId, key, reason }) => {
        await connections.params(connectionId);
        await acks.set(connectionId, key, { reason, at: new Date().toISOString() });
        return {};
      },
      'findings.unacknowledge': async ({ connectionId, key }) => {
        await acks.set(connectionId, key, null);
        return {};
      },
      'password.hash': async ({ connectionId, password }) => ({ verifier: await on(connectionId, null, (c) => hashForServer(c, password)) }),
      'changes.preview': async ({ connectionId, changes, passwords }) => {
        const params = await connections.params(connectionId);
        const onDb: OnDatabase = (database, fn) => on(connectionId, database, fn);
        const acquire = (database: string) => registry.acquire(connectionId, params, database);
        return previewChanges(params.database, `${params.host}:${params.port}`, changes, onDb, acquire, { passwords: passwords ?? 'omit' });
      },
      'changes.settled': async ({ connectionId, changes }) => {
        const params = await connections.params(connectionId);
        const acquire = (database: string) => registry.acquire(connectionId, params, database);
        const major = (await on(connectionId, null, serverInfo)).major;
        // why: a change that no longer parses cannot be true; it keeps its index so the rest line up.
        const parsed = changes.map((c) => changeSchema.safeParse(c));
        const valid = parsed.flatMap((p, index) => (p.success ? [{ index, change: p.data }] : []));
        const settled = await settledChanges(valid.map((v) => v.change), { connectedDatabase: params.database, serverMajor: major, acquire });
        // why: the DBA ran the script outside Warden: what was read before may be out of date.
        reads.invalidate(serverOf(params));
        return { settled: settled.map((i) => valid[i]?.index ?? -1).filter((i) => i >= 0) };
      },
      'changes.apply': async ({ connectionId, changes, fingerprint }) => {
        const params = await connections.params(connectionId);
        // why: a double click or a second tab must not run the same changes twice; one Apply per
        // server at a time, and the next one meets the re-read catalog (drift) instead.
        const server = serverOf(params);
        if (applying.has(server)) {
          throw new UserError('not_ready', `Another Apply is running on ${server}; this one was not started. When it ends, review the refreshed preview and apply again if needed.`);
        }
        applying.add(server);
        // why: a catalog read from before the Apply (or during it) must not be served after it.
        reads.invalidate(server);
        try {
          return await applyOnce(connectionId, params, changes, fingerprint);
        } finally {
          applying.delete(server);
          reads.invalidate(server);
        }
      },
    },
    logError,
    (id, method, fn) => requests.run(id, method, fn),
  );

  /** Validates and renders the changes again (the UI's preview is not trusted), then applies them. */
  async function applyOnce(connectionId: string, params: ConnectionParams, changes: unknown[], fingerprint: string): Promise<Output<'changes.apply'>> {
    const onDb: OnDatabase = (database, fn) => on(connectionId, database, fn);
    const acquire = (database: string) => registry.acquire(connectionId, params, database);
    const check = await previewChanges(params.database, `${params.host}:${params.port}`, changes, onDb, acquire);
    if (check.problems.length > 0) {
      return { outcome: 'invalid' as const, message: 'Some changes are not valid; nothing was applied.', results: [], changedSincePreview: [], problems: check.problems };
    }
    const major = (await on(connectionId, null, serverInfo)).major;
    const report = await applyChanges(changes.map((c) => changeSchema.parse(c)), fingerprint, { connectedDatabase: params.database, serverMajor: major, acquire });
    return { ...report, problems: [] };
  }

  if (demo) void demo.start().catch(() => undefined);

  return {
    dispatch,
    demo,
    downloads: exports,
    close: async () => {
      await exports.closeAll();
      await findings.close();
      await registry.closeAll();
      await demo?.stop();
    },
  };
}

/** A server as Apply and the shared catalog reads know it. */
function serverOf(params: ConnectionParams): string {
  return `${params.host}:${params.port}`;
}

/** The server's version when Warden works with it; else a plain-words refusal (older than 14). */
function supportedVersion(version: string): string {
  const major = majorOfVersion(version);
  const problem = major === null ? null : versionProblem(major, version);
  if (problem !== null) throw new UserError('connection_failed', problem);
  return version;
}
