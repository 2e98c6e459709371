import { describe, expect, it, vi } from 'vitest';
import { methods, type Method } from '../../src/shared/api/contract';
import { changeSchema } from '../../src/shared/changes/schema';
import { createDispatcher, type Handlers } from '../../src/main/backend/dispatcher';

/**
 * Every method with a valid input, the fields of it that carry a PostgreSQL name (63 bytes
 * at most) and its other free-text fields (ids, file names: bounded too). Typed
 * per method, so a new contract method fails typecheck until it is listed here.
 */
const cases = {
  'app.info': { input: {}, names: [], bounded: [] },
  'connections.list': { input: {}, names: [], bounded: [] },
  'connections.test': { input: { host: 'h', port: 5432, user: 'u', database: 'd', sslmode: 'disable' }, names: ['user', 'database'], bounded: [] },
  'connections.add': { input: { host: 'h', port: 5432, user: 'u', database: 'd', sslmode: 'disable', save: false }, names: ['user', 'database'], bounded: [] },
  'connections.setPassword': { input: { connectionId: 'c', password: 'p' }, names: [], bounded: ['connectionId'] },
  'connections.remove': { input: { connectionId: 'c' }, names: [], bounded: ['connectionId'] },
  'requests.cancel': { input: { requestId: 'r' }, names: [], bounded: ['requestId'] },
  'requests.status': { input: { requestIds: ['r'] }, names: [], bounded: [] },
  'server.info': { input: { connectionId: 'c' }, names: [], bounded: ['connectionId'] },
  'tree.databases': { input: { connectionId: 'c' }, names: [], bounded: ['connectionId'] },
  'tree.schemas': { input: { connectionId: 'c', database: 'd' }, names: ['database'], bounded: ['connectionId'] },
  'tree.relations': { input: { connectionId: 'c', database: 'd', schema: 's' }, names: ['database', 'schema'], bounded: ['connectionId'] },
  'roles.list': { input: { connectionId: 'c' }, names: [], bounded: ['connectionId'] },
  'roles.footprint': { input: { connectionId: 'c', role: 'r' }, names: ['role'], bounded: ['connectionId'] },
  'password.hash': { input: { connectionId: 'c', password: 'p' }, names: [], bounded: ['connectionId'] },
  'server.authority': { input: { connectionId: 'c' }, names: [], bounded: ['connectionId'] },
  'findings.list': { input: { connectionId: 'c', database: 'd' }, names: ['database'], bounded: ['connectionId'] },
  'findings.acknowledge': { input: { connectionId: 'c', key: 'k', reason: 'r' }, names: [], bounded: ['connectionId', 'key', 'reason'] },
  'access.whyNot': { input: { connectionId: 'c', database: 'd', role: 'r', schema: 's', table: 't', privilege: 'SELECT' }, names: ['database', 'role', 'schema', 'table'], bounded: ['connectionId', 'privilege'] },
  'findings.unacknowledge': { input: { connectionId: 'c', key: 'k' }, names: [], bounded: ['connectionId', 'key'] },
  'script.save': { input: { fileName: 'f.sql', script: '' }, names: [], bounded: ['fileName'] },
  'changes.preview': { input: { connectionId: 'c', changes: [] }, names: [], bounded: ['connectionId'] },
  'changes.apply': { input: { connectionId: 'c', changes: [{}], fingerprint: 'abcdefghijklmnop' }, names: [], bounded: ['connectionId', 'fingerprint'] },
  'changes.settled': { input: { connectionId: 'c', changes: [] }, names: [], bounded: ['connectionId'] },
  'catalog.load': { input: { connectionId: 'c', database: 'd' }, names: ['database'], bounded: ['connectionId'] },
  'export.start': { input: { connectionId: 'c', database: 'd', schema: 's' }, names: ['database', 'schema'], bounded: ['connectionId'] },
  'export.status': { input: { jobId: 'j' }, names: [], bounded: ['jobId'] },
  'export.cancel': { input: { jobId: 'j' }, names: [], bounded: ['jobId'] },
  'catalog.forget': { input: { connectionId: 'c' }, names: [], bounded: ['connectionId'] },
  'catalog.columns': { input: { connectionId: 'c', database: 'd', relationOid: 16384 }, names: ['database'], bounded: ['connectionId'] },
} satisfies Record<Method, { input: Record<string, unknown>; names: string[]; bounded: string[] }>;

const called = vi.fn();
const handlers = Object.fromEntries(
  methods.map((m) => [m, () => { called(m); return Promise.reject(new Error('not in this test')); }]),
) as unknown as Handlers;
const dispatch = createDispatcher(handlers, () => undefined);

// 64 bytes of UTF-8 in 16 characters: a limit counted in characters would let it through.
const tooLong = '🐘'.repeat(16);
// The 900 KB database name that used to reach the server.
const huge = 'x'.repeat(900 * 1024);

describe('every name a request carries is bounded like PostgreSQL’s (63 bytes)', () => {
  it('lists every method of the contract', () => {
    expect(Object.keys(cases).sort()).toEqual([...methods].sort());
  });

  const fields = Object.entries(cases).flatMap(([method, c]) => [
    ...c.names.map((field) => ({ method, field, input: c.input, values: [tooLong, huge] })),
    ...c.bounded.map((field) => ({ method, field, input: c.input, values: [huge] })),
  ]);

  it.each(fields)('$method refuses a too long $field in plain words before any handler runs', async ({ method, field, input, values }) => {
    called.mockClear();
    for (const value of values) {
      const reply = await dispatch(method, { ...input, [field]: value });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
      if (!reply.ok) expect(reply.error.message).toMatch(/^[A-Z][^{}\n]*\.$/);
    }
    expect(called).not.toHaveBeenCalled();
    // The same input with a short value reaches the handler.
    await dispatch(method, input);
    expect(called).toHaveBeenCalledWith(method);
  });

  it('an apply takes the fingerprint a preview of 10,000 changes hands out (one hash per change)', async () => {
    called.mockClear();
    const fingerprint = Array.from({ length: 10_000 }, () => 'A'.repeat(16)).join('.');
    await dispatch('changes.apply', { connectionId: 'c', changes: [{}], fingerprint });
    expect(called).toHaveBeenCalledWith('changes.apply');
  });

  it('a 63-byte name passes, however it is spelled', async () => {
    called.mockClear();
    await dispatch('tree.relations', { connectionId: 'c', database: `${'🐘'.repeat(15)}abc`, schema: 'é'.repeat(31) + 'x' });
    expect(called).toHaveBeenCalledWith('tree.relations');
  });

  it('names inside staged changes are checked by the change schema, also in bytes', () => {
    const grant = { kind: 'grantTable', database: 'd', schema: 's', table: tooLong, privileges: ['SELECT'], grantee: { kind: 'public' } };
    const parsed = changeSchema.safeParse(grant);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/64 bytes long in UTF-8; PostgreSQL allows at most 63/);
    expect(changeSchema.safeParse({ ...grant, table: 't' }).success).toBe(true);
  });
});
