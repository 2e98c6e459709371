import { describe, expect, it } from 'vitest';
import { changeSchema } from '../changes/schema';
import { BOOTSTRAP_OID, SnapshotBuilder } from '../privileges/testSnapshot';
import { computeFindings } from './computeFindings';
import { findingSchema, type Finding } from './finding';
import { validUntilTime } from './roleRules';

const now = new Date('2026-06-01T00:00:00Z');
const rules = (fs: readonly Finding[]) => fs.map((f) => `${f.rule} ${f.key}`);

/** The lesson's demo, as the seed leaves it. */
function lesson(major = 18) {
  const b = new SnapshotBuilder(major);
  const datatweets = b.role('datatweets', { canLogin: true, hasPassword: false });
  const dataViewer = b.role('data_viewer', { superuser: true, canLogin: true, hasPassword: true });
  const readonly = b.role('readonly');
  b.role('readwrite');
  b.member(readonly, dataViewer);
  b.database(datatweets, null);
  b.relation('users', datatweets, '{datatweets=arwdDxtm/datatweets,data_viewer=r/datatweets,readonly=r/datatweets,readwrite=arwd/datatweets}');
  return b;
}

describe('computeFindings on the lesson', () => {
  const { findings, notChecked } = computeFindings(lesson().build(), { now });

  it('flags data_viewer, the passwordless datatweets, PUBLIC CONNECT and the memberless readwrite', () => {
    expect(rules(findings)).toEqual([
      'superuser-meaningless-grants superuser-meaningless-grants:"data_viewer"',
      'login-without-password login-without-password:"datatweets"',
      'extra-superuser extra-superuser:"data_viewer"',
      'public-connect public-connect:"db"',
      'grant-to-dead-role grant-to-dead-role:"db":"readwrite"',
    ]);
    expect(notChecked).toEqual([]);
  });

  it('gives every finding a valid fix made of changes, and keeps CONNECT for the roles that need it', () => {
    for (const f of findings) {
      expect(findingSchema.parse(f)).toEqual(f);
      for (const c of f.fix) changeSchema.parse(c);
    }
    const connect = findings.find((f) => f.rule === 'public-connect');
    expect(connect?.fix).toEqual([
      { kind: 'revokeDatabase', database: 'db', privileges: ['CONNECT', 'TEMPORARY'], grantee: { kind: 'public' }, grantOptionFor: false, cascade: false },
      { kind: 'grantDatabase', database: 'db', privileges: ['CONNECT'], grantee: { kind: 'role', name: 'readonly' }, withGrantOption: false },
      { kind: 'grantDatabase', database: 'db', privileges: ['CONNECT'], grantee: { kind: 'role', name: 'readwrite' }, withGrantOption: false },
    ]);
    expect(findings[0]?.fix).toEqual([{ kind: 'alterRole', name: 'data_viewer', superuser: false }]);
  });

  it('offers no fix that demotes the connected role, and says when passwords could not be read', () => {
    const b = lesson();
    const snap = b.build();
    snap.roles = snap.roles.map((r) => ({ ...r, hasPassword: null }));
    const result = computeFindings(snap, { now, currentUser: 'data_viewer' });
    expect(result.findings.find((f) => f.rule === 'superuser-meaningless-grants')?.fix).toEqual([]);
    expect(result.findings.some((f) => f.rule === 'login-without-password')).toBe(false);
    expect(result.notChecked.map((n) => n.rule)).toEqual(['login-without-password']);
  });
});

describe('single rules', () => {
  it('redundant-grant: a direct grant the group gives too; not when the role passed its grant option on', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner', { canLogin: true, hasPassword: true });
    const group = b.role('readers');
    const alice = b.role('alice', { canLogin: true, hasPassword: true });
    const bob = b.role('bob', { canLogin: true, hasPassword: true });
    b.member(group, alice).member(group, bob);
    b.database(BOOTSTRAP_OID, '{=T/postgres,postgres=CTc/postgres,owner=c/postgres,readers=c/postgres}');
    b.schema('app', owner);
    b.relation('t', owner, '{owner=arwdDxt/owner,readers=r/owner,alice=r/owner,bob=r*/owner,carol=r/bob}');
    const found = computeFindings(b.build(), { now }).findings.filter((f) => f.rule === 'redundant-grant');
    expect(found.map((f) => f.key)).toEqual(['redundant-grant:"db":"alice"']);
    expect(found[0]?.fix).toMatchObject([{ kind: 'revokeTable', table: 't', privileges: ['SELECT'], grantee: { kind: 'role', name: 'alice' } }]);
  });

  it('member-inherits-nothing on 16+: INHERIT FALSE on every row of the pair; fixed by a grant WITH INHERIT TRUE', () => {
    const b = new SnapshotBuilder(16);
    const group = b.role('readers');
    const alice = b.role('alice', { canLogin: true, hasPassword: true });
    b.member(group, alice, { inherit: false });
    b.relation('t', BOOTSTRAP_OID, '{postgres=arwdDxt/postgres,readers=r/postgres}');
    const found = computeFindings(b.build(), { now }).findings.filter((f) => f.rule === 'member-inherits-nothing');
    expect(found.map((f) => f.fix)).toEqual([[{ kind: 'addMember', group: 'readers', member: 'alice', inherit: true }]]);
    b.member(group, alice, { inherit: true, grantor: group });
    expect(computeFindings(b.build(), { now }).findings.some((f) => f.rule === 'member-inherits-nothing')).toBe(false);
  });

  it('wide-destructive and code-as-owner group per grantee', () => {
    const b = new SnapshotBuilder(18);
    const owner = b.role('owner');
    const staff = b.role('staff');
    for (let i = 0; i < 10; i++) b.member(staff, b.role(`u${i}`, { canLogin: true, hasPassword: true }));
    b.relation('a', owner, '{owner=arwdDxtm/owner,staff=rd/owner,=D/owner}');
    b.relation('b', owner, '{owner=arwdDxtm/owner,staff=w/owner,u1=t/owner}');
    const fs = computeFindings(b.build(), { now }).findings;
    expect(rules(fs.filter((f) => f.rule === 'wide-destructive' || f.rule === 'code-as-owner'))).toEqual([
      'wide-destructive wide-destructive:"db":"PUBLIC"',
      'wide-destructive wide-destructive:"db":"staff"',
      'code-as-owner code-as-owner:"db":"u1"',
    ]);
    expect(fs.find((f) => f.key === 'wide-destructive:"db":"staff"')?.fix.map((c) => (c.kind === 'revokeTable' ? `${c.table}:${String(c.privileges)}` : c.kind))).toEqual(['a:DELETE', 'b:UPDATE']);
  });

  it('default-privileges-never-fire: set for the admin while another role creates the tables', () => {
    const b = new SnapshotBuilder(18);
    const app = b.role('app', { canLogin: true, hasPassword: true });
    b.role('reader');
    const s = b.schema('s', BOOTSTRAP_OID, '{postgres=UC/postgres,app=UC/postgres,reader=U/postgres}');
    b.relation('t', app, null, 'r', s);
    const snap = b.build();
    snap.defaultAcls.push({ role: BOOTSTRAP_OID, schemaOid: s, objtype: 'r', defaclacl: '{reader=r/postgres}' });
    const f = computeFindings(snap, { now }).findings.find((x) => x.rule === 'default-privileges-never-fire');
    expect(f?.fix).toMatchObject([
      { kind: 'alterDefaultPrivileges', forRole: 'app', inSchema: 's', objtype: 'tables', action: 'grant', privileges: ['SELECT'], grantee: { kind: 'role', name: 'reader' } },
      { kind: 'alterDefaultPrivileges', forRole: 'postgres', inSchema: 's', objtype: 'tables', action: 'revoke', privileges: ['SELECT'] },
    ]);
  });

  it('unusable-grant: SELECT without USAGE on the schema, for a role that logs in', () => {
    const b = new SnapshotBuilder(18);
    b.role('alice', { canLogin: true, hasPassword: true });
    const s = b.schema('hidden', BOOTSTRAP_OID);
    b.relation('t', BOOTSTRAP_OID, '{postgres=arwdDxtm/postgres,alice=r/postgres}', 'r', s);
    const f = computeFindings(b.build(), { now }).findings.filter((x) => x.rule === 'unusable-grant');
    expect(f.map((x) => x.fix)).toEqual([[{ kind: 'grantSchema', database: 'db', schema: 'hidden', privileges: ['USAGE'], grantee: { kind: 'role', name: 'alice' }, withGrantOption: false }]]);
  });

  it('login-expired, near-superuser and public-create-schema', () => {
    const b = new SnapshotBuilder(14);
    b.role('old', { canLogin: true, hasPassword: true, validUntil: '2020-01-01 00:00:00+00' });
    b.role('later', { canLogin: true, hasPassword: true, validUntil: '2099-01-01 00:00:00+00' });
    b.role('admin', { canLogin: true, hasPassword: true, createRole: true, bypassRls: true });
    const snap = b.build();
    snap.schemas = snap.schemas.map((s) => ({ ...s, nspacl: '{postgres=UC/postgres,=UC/postgres}' }));
    const fs = computeFindings(snap, { now }).findings;
    expect(rules(fs)).toEqual([
      'public-create-schema public-create-schema:"db":"public"',
      'near-superuser near-superuser:"admin":"CREATEROLE"',
      'public-connect public-connect:"db"',
      'near-superuser near-superuser:"admin":"BYPASSRLS"',
      'login-expired login-expired:"old"',
    ]);
  });

  it('reads rolvaliduntil as PostgreSQL prints it', () => {
    expect(validUntilTime('2020-01-01 00:00:00+00')).toBe(Date.UTC(2020, 0, 1));
    expect(validUntilTime('2020-01-01 02:30:00.5+02:30')).toBe(Date.UTC(2020, 0, 1, 0, 0, 0, 500));
    expect(validUntilTime('infinity')).toBeNull();
    expect(validUntilTime('-infinity')).toBe(Number.NEGATIVE_INFINITY);
  });
});
