import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import type { Input, Method, Output } from '../../src/shared/api/contract';
import type { ChangeInput } from '../../src/shared/changes/schema';
import { diffDumps, dumpCatalog, type CatalogDump } from '../support/catalogDump';
import { startClonedClusters, systemIdentifier, type ClonedClusters, type ClusterClone } from '../support/clusterClones';
import { findPsql, runPsqlFile } from '../support/psqlBinary';
import { findLeaks } from '../support/logLeaks';
import { mixedSteps, names, plaintextPasswords, prepareRoundTripDemo, roundTripSteps, type RoundTripStep, type StepContext } from '../support/roundTripFixture';
import { runScript, type ScriptRunResult, type ScriptTarget } from '../support/scriptRunner';
import { currentMajor, skippedMajors, testMajors } from '../support/testServer';
import { makeTempDir } from '../support/tempDir';

// The exported script, run on a fresh copy of the demo, must leave the same catalog as
// Apply left on another copy: for every change kind, per server major, against real
// servers. The script always runs through the Node runner (tests/support/scriptRunner.ts);
// when a psql binary is found (PATH or WARDEN_PSQL) it also runs through `psql -f`, on a
// third copy. See docs/testing.md ("The psql round trip").

interface ScriptRunner {
  id: string;
  label: string;
  run(script: string, file: string, target: ScriptTarget): Promise<ScriptRunResult>;
}

const psql = findPsql();
const runners: ScriptRunner[] = [
  { id: 'node', label: 'the Node script runner', run: (script, _file, target) => runScript(script, target) },
  ...(psql ? [{ id: 'psql', label: `psql -f (${psql.version})`, run: (_s: string, file: string, t: ScriptTarget) => runPsqlFile(psql, file, t) }] : []),
];
const majors = [...new Set(testMajors().map((m) => m ?? currentMajor))];
const steps: [string, RoundTripStep][] = [...Object.entries(roundTripSteps), ...Object.entries(mixedSteps)];

describe.each(majors)(`PostgreSQL %i: Apply vs the exported script through ${runners.map((r) => r.label).join(' and ')}`, (major) => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let clusters: ClonedClusters;
  let backend: Backend;
  let connectionId = '';
  let ctx: StepContext;
  /** Each copy's catalog after the last change set, by clone name. */
  const previous = new Map<string, CatalogDump>();
  const scripts: string[] = [];

  const clone = (id: string): ClusterClone => {
    const found = clusters.clones.find((c) => c.name === id);
    if (!found) throw new Error(`no clone ${id}`);
    return found;
  };
  const dumpOf = (id: string): CatalogDump => {
    const d = previous.get(id);
    if (!d) throw new Error(`no dump of ${id}`);
    return d;
  };
  const call = async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const r = await backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as Output<M>;
  };

  beforeAll(async () => {
    dir = await makeTempDir(`roundtrip${major}`);
    clusters = await startClonedClusters(major, ['apply', ...runners.map((r) => r.id)], prepareRoundTripDemo);
    backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null, demo: false });
    const a = clone('apply').params;
    connectionId = (await call('connections.add', { ...a, database: 'datatweets', sslmode: 'disable', save: false })).id;
    const [first, second] = plaintextPasswords;
    ctx = { major, verifiers: [(await call('password.hash', { connectionId, password: first })).verifier, (await call('password.hash', { connectionId, password: second })).verifier] };
    console.info(`PostgreSQL ${major}: script runners: ${runners.map((r) => r.label).join(', ')}`);
  });

  afterAll(async () => {
    await backend.close();
    await clusters.stop();
    await dir.remove();
  });

  it('starts from identical copies of the demo', async () => {
    const ids = await Promise.all(clusters.clones.map(systemIdentifier));
    expect(new Set(ids).size).toBe(1);
    for (const c of clusters.clones) previous.set(c.name, await dumpCatalog(c.connect));
    const base = dumpOf('apply');
    for (const r of runners) expect(diffDumps(base, dumpOf(r.id))).toEqual([]);
    expect(Object.keys(base.databases)).toContain('datatweets');
  });

  it.each(steps)('%s', async (title, step) => {
    const changes: ChangeInput[] = step(ctx);
    if (title in roundTripSteps) expect(changes.map((c) => c.kind)).toContain(title);
    // why: the script must do exactly what Apply does, passwords included (the export option).
    const preview = await call('changes.preview', { connectionId, changes, passwords: 'include' });
    expect(preview.problems).toEqual([]);
    const file = join(dir.path, `${String(scripts.length + 1).padStart(2, '0')}-${title.replace(/\W+/g, '-')}.sql`);
    await writeFile(file, preview.script);
    scripts.push(file);

    const report = await call('changes.apply', { connectionId, changes, fingerprint: preview.fingerprint });
    const applied = await dumpCatalog(clone('apply').connect);
    // why: each copy is compared on what this change set changed there, so a failure names
    // the set that diverged instead of every set after it; with equal starting copies, equal
    // changes at every step mean equal catalogs (checked once more at the end).
    const appliedDelta = diffDumps(dumpOf('apply'), applied);
    previous.set('apply', applied);
    const outcomes = [];
    for (const runner of runners) {
      const result = await runner.run(preview.script, file, { ...clone(runner.id).params, database: 'datatweets' });
      const scripted = await dumpCatalog(clone(runner.id).connect);
      const errors = result.messages.filter((m) => /ERROR|FATAL|error:/.test(m));
      outcomes.push({ runner: runner.label, ok: result.ok, errors, changed: diffDumps(dumpOf(runner.id), scripted) });
      previous.set(runner.id, scripted);
    }

    expect(report.outcome, report.message).toBe('applied');
    expect(report.results.map((r) => r.status).filter((s) => s !== 'done' && s !== 'no-op')).toEqual([]);
    // The change set did something, so the comparison cannot pass on untouched copies.
    expect(appliedDelta).not.toEqual([]);
    expect(outcomes).toEqual(runners.map((r) => ({ runner: r.label, ok: true, errors: [], changed: appliedDelta })));
  });

  it('ends with the same catalog on every copy', () => {
    for (const r of runners) {
      expect({ runner: r.label, differences: diffDumps(dumpOf('apply'), dumpOf(r.id)) }).toEqual({ runner: r.label, differences: [] });
    }
  });

  it('leaves the password working on every copy, and its plaintext in no script or server log', async () => {
    expect(scripts.length).toBe(steps.length);
    const logs = [clusters.templateLog, ...clusters.clones.map((c) => c.logFile)];
    // why: the clusters log every statement (testClusterSettings), so a password sent in
    // plain text would be here; tests/integration/logLeaks.test.ts proves this check can fail.
    expect(await findLeaks([...scripts, ...logs], plaintextPasswords)).toEqual([]);
    const scriptText = (await Promise.all(scripts.map((f) => readFile(f, 'utf8')))).join('\n');
    expect(scriptText).toContain(ctx.verifiers[1]);
    for (const c of clusters.clones) {
      const [first, second] = plaintextPasswords;
      for (const [user, password] of [[names.analyst, second], ['report_bot', first]] as const) {
        const client = new pg.Client({ host: c.params.host, port: c.params.port, user, password, database: 'postgres' });
        await client.connect();
        expect((await client.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u).toBe(user);
        await client.end();
      }
    }
  });
});

// why: legs that cannot run here are reported as skipped, with the reason, never dropped.
const missingLegs = [
  ...(psql === null
    ? [`psql -f: skipped, ${process.env.WARDEN_PSQL?.trim() === 'none' ? 'WARDEN_PSQL=none' : 'no psql on PATH (set WARDEN_PSQL, or let .ci/run install postgresql-client)'}`]
    : []),
  ...skippedMajors().map(({ major, reason }) => `PostgreSQL ${major}: skipped, ${reason}`),
];
if (missingLegs.length > 0) {
  describe('round trip legs that cannot run here', () => {
    for (const leg of missingLegs) it.skip(leg, () => undefined);
  });
}
