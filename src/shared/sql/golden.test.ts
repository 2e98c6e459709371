import { describe, expect, it } from 'vitest';
import { changeSchema, type ChangeKind } from '../changes/schema';
import { goldenChanges } from './golden.fixture';
import { renderStatements } from './render';

// Golden SQL for every change kind with hostile names (golden.fixture.ts), per major where
// the output differs: membership options need 16, MAINTAIN needs 17. Each line was read
// and checked against PostgreSQL's grammar; the round-trip integration test runs the same
// kinds on real servers.

type Golden = { all: string[] | { error: string } } | Record<14 | 16 | 17, string[] | { error: string }>;

const golden: Record<ChangeKind, Golden> = {
  createRole: { all: ["CREATE ROLE \"O'Brien \"\"the\"\" Analyst, v2.0 = ok 🚀\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT CONNECTION LIMIT 3 VALID UNTIL '2030-01-31T00:00:00Z' PASSWORD 'SCRAM-SHA-256$4096:fSGO0EIta2xNND4MT9IXbQ==$STayvvSTI6SWOBk/GdzGPRDJtWtlZWBDFykMAjrlMgg=:WvyXT/PNkg1E49DabAPP8X3tsfE9/i/acXKn8bPshZ8=';","GRANT \"Read Only\" TO \"O'Brien \"\"the\"\" Analyst, v2.0 = ok 🚀\";","GRANT \"public\" TO \"O'Brien \"\"the\"\" Analyst, v2.0 = ok 🚀\";"] },
  alterRole: { all: ["ALTER ROLE data_viewer NOSUPERUSER CONNECTION LIMIT -1 PASSWORD NULL;","ALTER ROLE data_viewer RENAME TO \"Data Viewer 👀\";"] },
  dropRole: { all: ["DROP ROLE \"old \"\"intern\"\"\";"] },
  addMember: { 14: {"error":"Membership INHERIT and SET options need PostgreSQL 16 or later."}, 16: ["GRANT \"Read Only\" TO \"O'Brien \"\"the\"\" Analyst, v2.0 = ok 🚀\" WITH ADMIN TRUE, INHERIT FALSE, SET FALSE;"], 17: ["GRANT \"Read Only\" TO \"O'Brien \"\"the\"\" Analyst, v2.0 = ok 🚀\" WITH ADMIN TRUE, INHERIT FALSE, SET FALSE;"] },
  removeMember: { all: ["REVOKE ADMIN OPTION FOR \"Read Only\" FROM \"O'Brien \"\"the\"\" Analyst, v2.0 = ok 🚀\";"] },
  grantTable: { all: ["GRANT SELECT (\"total €\", \"Note \"\"internal\"\"\"), UPDATE (\"total €\", \"Note \"\"internal\"\"\") ON TABLE \"Sales.2025 \"\"EU\"\"\".\"Orders; DROP TABLE x\" TO \"O'Brien \"\"the\"\" Analyst, v2.0 = ok 🚀\" WITH GRANT OPTION;"] },
  revokeTable: { all: ["REVOKE GRANT OPTION FOR USAGE ON SEQUENCE \"Sales.2025 \"\"EU\"\"\".id_seq FROM PUBLIC CASCADE;"] },
  grantAllTablesInSchema: { 14: {"error":"MAINTAIN exists from PostgreSQL 17 on; this server runs 14."}, 16: {"error":"MAINTAIN exists from PostgreSQL 17 on; this server runs 16."}, 17: ["GRANT SELECT, MAINTAIN ON ALL TABLES IN SCHEMA \"Sales.2025 \"\"EU\"\"\" TO \"public\";"] },
  revokeAllTablesInSchema: { all: ["REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA \"Sales.2025 \"\"EU\"\"\" FROM PUBLIC;"] },
  grantSchema: { all: ["GRANT USAGE, CREATE ON SCHEMA \"Sales.2025 \"\"EU\"\"\" TO \"O'Brien \"\"the\"\" Analyst, v2.0 = ok 🚀\" WITH GRANT OPTION;"] },
  revokeSchema: { all: ["REVOKE CREATE ON SCHEMA public FROM PUBLIC;"] },
  grantDatabase: { all: ["GRANT CONNECT, TEMPORARY ON DATABASE \"Ana's \"\"db\"\" = 1\" TO \"O'Brien \"\"the\"\" Analyst, v2.0 = ok 🚀\";"] },
  revokeDatabase: { all: ["REVOKE CONNECT ON DATABASE \"Ana's \"\"db\"\" = 1\" FROM PUBLIC;"] },
  alterDefaultPrivileges: { all: ["ALTER DEFAULT PRIVILEGES FOR ROLE \"App Owner\" IN SCHEMA \"Sales.2025 \"\"EU\"\"\" GRANT USAGE, SELECT ON SEQUENCES TO \"O'Brien \"\"the\"\" Analyst, v2.0 = ok 🚀\";"] },
  createDatabase: { all: ["CREATE DATABASE \"Ana's \"\"db\"\" = 1\" OWNER \"App Owner\";","REVOKE CONNECT, TEMPORARY ON DATABASE \"Ana's \"\"db\"\" = 1\" FROM PUBLIC;"] },
  createSchema: { all: ["CREATE SCHEMA \"Sales.2025 \"\"EU\"\"\" AUTHORIZATION \"App Owner\";"] },
  reassignOwned: { all: ["REASSIGN OWNED BY \"old \"\"intern\"\"\", \"Temp=Owner\" TO postgres;"] },
  dropOwned: { all: ["DROP OWNED BY \"old \"\"intern\"\"\" CASCADE;"] },
};

const render = (kind: ChangeKind, major: number) => {
  try {
    return renderStatements(changeSchema.parse(goldenChanges[kind]), major);
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
};

describe('golden SQL for every change kind, hostile names', () => {
  for (const kind of Object.keys(golden) as ChangeKind[]) {
    for (const major of [14, 16, 17] as const) {
      it(`${kind} on PostgreSQL ${major}`, () => {
        const g = golden[kind];
        expect(render(kind, major)).toEqual('all' in g ? g.all : g[major]);
      });
    }
  }

  it('covers every kind of the fixture', () => {
    expect(Object.keys(golden).sort()).toEqual(Object.keys(goldenChanges).sort());
  });
});
