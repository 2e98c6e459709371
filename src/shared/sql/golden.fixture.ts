import type { ChangeInput, ChangeKind } from '../changes/schema';

// One change of every kind, with names that break naive quoting. Keyed by kind with
// `satisfies`, so a new kind fails typecheck until it has a golden case here.

/** A verifier PostgreSQL 15 stored (see tests/unit/scram.test.ts). */
export const goldenVerifier =
  'SCRAM-SHA-256$4096:fSGO0EIta2xNND4MT9IXbQ==$STayvvSTI6SWOBk/GdzGPRDJtWtlZWBDFykMAjrlMgg=:WvyXT/PNkg1E49DabAPP8X3tsfE9/i/acXKn8bPshZ8=';

const who = { kind: 'role', name: 'O\'Brien "the" Analyst, v2.0 = ok 🚀' } as const;
const db = 'Ana\'s "db" = 1';
const schema = 'Sales.2025 "EU"';

/** The golden changes, one per kind. */
export const goldenChanges = {
  createRole: {
    kind: 'createRole', name: who.name, login: true, password: { kind: 'verifier', verifier: goldenVerifier },
    superuser: false, createDb: false, createRole: false, inherit: true, connectionLimit: 3, validUntil: '2030-01-31T00:00:00Z', memberOf: ['Read Only', 'public'],
  },
  alterRole: { kind: 'alterRole', name: 'data_viewer', superuser: false, connectionLimit: -1, password: { kind: 'none' }, rename: 'Data Viewer 👀' },
  dropRole: { kind: 'dropRole', name: 'old "intern"' },
  addMember: { kind: 'addMember', group: 'Read Only', member: who.name, admin: true, inherit: false, set: false },
  removeMember: { kind: 'removeMember', group: 'Read Only', member: who.name, optionOnly: 'admin' },
  grantTable: {
    kind: 'grantTable', database: db, schema, table: 'Orders; DROP TABLE x', privileges: ['SELECT', 'UPDATE'], grantee: who, columns: ['total €', 'Note "internal"'], withGrantOption: true,
  },
  revokeTable: { kind: 'revokeTable', database: db, schema, table: 'id_seq', objectKind: 'sequence', privileges: ['USAGE'], grantee: { kind: 'public' }, grantOptionFor: true, cascade: true },
  grantAllTablesInSchema: { kind: 'grantAllTablesInSchema', database: db, schema, privileges: ['SELECT', 'MAINTAIN'], grantee: { kind: 'role', name: 'public' } },
  revokeAllTablesInSchema: { kind: 'revokeAllTablesInSchema', database: db, schema, objectKind: 'functions', privileges: ['EXECUTE'], grantee: { kind: 'public' } },
  grantSchema: { kind: 'grantSchema', database: db, schema, privileges: ['USAGE', 'CREATE'], grantee: who, withGrantOption: true },
  revokeSchema: { kind: 'revokeSchema', database: db, schema: 'public', privileges: ['CREATE'], grantee: { kind: 'public' } },
  grantDatabase: { kind: 'grantDatabase', database: db, privileges: ['CONNECT', 'TEMPORARY'], grantee: who },
  revokeDatabase: { kind: 'revokeDatabase', database: db, privileges: ['CONNECT'], grantee: { kind: 'public' } },
  alterDefaultPrivileges: {
    kind: 'alterDefaultPrivileges', database: db, forRole: 'App Owner', inSchema: schema, objtype: 'sequences', action: 'grant', privileges: ['USAGE', 'SELECT'], grantee: who,
  },
  createDatabase: { kind: 'createDatabase', name: db, owner: 'App Owner' },
  createSchema: { kind: 'createSchema', database: db, name: schema, owner: 'App Owner' },
  reassignOwned: { kind: 'reassignOwned', database: db, roles: ['old "intern"', 'Temp=Owner'], newOwner: 'postgres' },
  dropOwned: { kind: 'dropOwned', database: db, roles: ['old "intern"'], cascade: true },
} satisfies Record<ChangeKind, ChangeInput>;
