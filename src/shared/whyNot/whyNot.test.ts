import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_OID, SnapshotBuilder } from '../privileges/testSnapshot';
import { whyNot } from './whyNot';

const now = new Date('2026-06-01T00:00:00Z');

function scene(major: number) {
  const b = new SnapshotBuilder(major);
  const readers = b.role('readers');
  const alice = b.role('alice', { canLogin: true, hasPassword: false, inherit: major >= 16 });
  b.member(readers, alice, { inherit: false });
  b.database(BOOTSTRAP_OID, '{postgres=CTc/postgres,readers=c/postgres}');
  const s = b.schema('app', BOOTSTRAP_OID, '{postgres=UC/postgres,readers=U/postgres}');
  b.relation('t', BOOTSTRAP_OID, '{postgres=arwdDxt/postgres,readers=r/postgres}', 'r', s);
  b.relation('u', BOOTSTRAP_OID, '{postgres=arwdDxt/postgres,readers=r/postgres}', 'r', s);
  const snap = b.build();
  const t = snap.relations.find((r) => r.name === 't');
  if (t === undefined) throw new Error('no t');
  return { snap, alice, t };
}

describe('whyNot', () => {
  it('lists the layers in order and the smallest fixes, with what else they give (16+)', () => {
    const { snap, alice, t } = scene(16);
    const a = whyNot(snap, alice, t, 'SELECT', now);
    expect(a.granted).toBe(false);
    expect(a.missing.map((m) => m.layer)).toEqual(['password', 'connect', 'usage', 'acl', 'membership']);
    expect(a.candidates.map((c) => c.label)).toEqual(['Grant SELECT on app.t to alice directly', 'Let alice inherit from readers']);
    expect(a.candidates[0]?.changes.map((c) => c.kind)).toEqual(['grantTable', 'grantSchema', 'grantDatabase']);
    // Inheriting from readers brings USAGE and CONNECT along, and SELECT on u too.
    expect(a.candidates[1]?.changes).toEqual([{ kind: 'addMember', group: 'readers', member: 'alice', inherit: true }]);
    expect(a.candidates[1]?.alsoChanges).toBe('alice also gains readers\'s privileges on 1 other relation.');
  });

  it('before 16 the membership fix makes the member INHERIT', () => {
    const { snap, alice, t } = scene(14);
    const a = whyNot(snap, alice, t, 'SELECT', now);
    expect(a.candidates[1]?.changes).toEqual([{ kind: 'alterRole', name: 'alice', inherit: true }]);
  });

  it('a granted cell has its reasons and no candidates', () => {
    const { snap, t } = scene(16);
    const a = whyNot(snap, BOOTSTRAP_OID, t, 'SELECT', now);
    expect(a).toMatchObject({ granted: true, candidates: [] });
    expect(a.reasons.map((r) => r.source)).toContain('superuser');
  });
});
