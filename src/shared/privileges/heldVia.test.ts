import { describe, expect, it } from 'vitest';
import { explainCell } from './explain';
import { PG_READ_ALL_DATA_OID } from './predefined';
import { SnapshotBuilder } from './testSnapshot';
import { heldChips, type HeldChip } from './heldVia';

function scenario() {
  const b = new SnapshotBuilder(16);
  const owner = b.role('datatweets', { canLogin: true });
  const viewer = b.role('data_viewer', { superuser: true, canLogin: true });
  const readonly = b.role('readonly');
  const analyst = b.role('analyst', { canLogin: true });
  const clerk = b.role('clerk', { canLogin: true });
  const reader = b.role('reader', { canLogin: true });
  const intern = b.role('intern', { canLogin: true });
  b.member(readonly, intern).member(readonly, analyst).member(PG_READ_ALL_DATA_OID, reader);
  const users = b.relation('users', owner, '{datatweets=arwdDxt/datatweets,readonly=r/datatweets,clerk=r*a/datatweets,analyst=r/datatweets,=x/datatweets}');
  const accounts = b.relation('accounts', owner, null);
  return { snap: b.build(), owner, viewer, analyst, clerk, reader, intern, users, accounts };
}

const chipsOf = (s: ReturnType<typeof scenario>, role: number, rel: number): HeldChip[] => {
  const ex = explainCell(s.snap, role, rel);
  if (ex === null) throw new Error('no explanation');
  return heldChips(ex);
};
const short = (chips: HeldChip[]) => chips.map((c) => `${c.label}:${c.via}${c.grantable ? '*' : ''}`);

describe('heldChips', () => {
  const s = scenario();

  it('shows one ALL chip for an owner and a superuser', () => {
    expect(short(chipsOf(s, s.owner, s.users))).toEqual(['ALL:owner*']);
    expect(short(chipsOf(s, s.owner, s.accounts))).toEqual(['ALL:owner*']);
    expect(short(chipsOf(s, s.viewer, s.users))).toEqual(['ALL:superuser*']);
  });

  it('tells a direct grant, a group, PUBLIC and grant options apart, the most personal source first', () => {
    // analyst has SELECT both directly and through readonly: the direct grant is what it shows.
    expect(short(chipsOf(s, s.analyst, s.users))).toEqual(['SELECT:direct', 'REFERENCES:public']);
    expect(short(chipsOf(s, s.intern, s.users))).toEqual(['SELECT:group', 'REFERENCES:public']);
    expect(short(chipsOf(s, s.clerk, s.users))).toEqual(['SELECT:direct*', 'INSERT:direct', 'REFERENCES:public']);
  });

  it('names a predefined role as the source of what it gives', () => {
    expect(short(chipsOf(s, s.reader, s.users))).toEqual(['SELECT:predefined', 'REFERENCES:public']);
  });
});
