import { describe, expect, it } from 'vitest';
import { buildAccessContext, compactEntries } from './accessColumn';
import { AclFastReader } from './aclFastReader';
import { formatAclArray, parseAclArray } from './aclitem';
import { resolveAclItems } from './aclResolve';
import { prng, randomSnapshot } from './testReference';
import { SnapshotBuilder } from './testSnapshot';

// The fast reader must give exactly what the full parser gives, or step aside (null).

function setup() {
  const b = new SnapshotBuilder(18);
  for (const name of ['alice', 'Bob_2', 'r_s_000', '12345', 'group_x', 'with space', 'quo"te', 'ünï']) b.role(name);
  const snap = b.build();
  const ctx = buildAccessContext(snap);
  return { ctx, reader: new AclFastReader(ctx.closure.directory) };
}

describe('AclFastReader', () => {
  it('reads plain ACLs as the full parser does: PUBLIC, grant options, unknown names, empty', () => {
    const { ctx, reader } = setup();
    const full = (text: string) => compactEntries(resolveAclItems(parseAclArray(text), ctx.closure.directory), ctx.closure);
    for (const text of [
      '{}',
      '{alice=arwdDxtm/alice}',
      '{alice=a*r*w/alice,=r/alice,Bob_2=U*/r_s_000}',
      '{12345=r/alice,99999=w/alice,ghost=d/alice}',
      '{group_x=r/alice,alice=/alice}',
      '{=arwdDxtm*/postgres}',
    ]) {
      expect(reader.entries(text), text).toEqual(full(text));
    }
  });

  it('steps aside for anything not plain: quotes, non-ASCII, bad letters, old key words, broken text', () => {
    const { reader } = setup();
    for (const text of [
      '{"with space"=r/alice}',
      '{alice=r/"quo""te"}',
      '{"\\"quo\\"\\"te\\""=r/alice}',
      '{ünï=r/alice}',
      '{alice=rq/alice}',
      '{group=r/alice}',
      '{user=r/alice}',
      '{alice=r/alice',
      'alice=r/alice}',
      '{alice=r/}',
      '{alice=r/alice,}',
      '{alice=r/alice}x',
      '{alice=r}',
      '{alice}',
      '[0:0]={alice=r/alice}',
      '{alice=r/alice, =r/alice}',
    ]) {
      expect(reader.entries(text), text).toBeNull();
    }
  });

  it('agrees with the full parser on random ACLs over hostile role names (or steps aside)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const snap = randomSnapshot(seed, 18, 20, 5);
      const ctx = buildAccessContext(snap);
      const reader = new AclFastReader(ctx.closure.directory);
      const rnd = prng(seed);
      const names = [...snap.roles.map((r) => r.name), 'gone', '4242'];
      let read = 0;
      for (let k = 0; k < 40; k++) {
        const items = Array.from({ length: Math.floor(rnd() * 5) }, () => ({
          grantee: rnd() < 0.15 ? null : (names[Math.floor(rnd() * names.length)] ?? 'gone'),
          grantor: names[Math.floor(rnd() * names.length)] ?? 'gone',
          privileges: 1 + Math.floor(rnd() * 255),
          grantOptions: Math.floor(rnd() * 3),
        }));
        const text = formatAclArray(items.map((i) => ({ ...i, grantOptions: i.grantOptions & i.privileges })));
        const fast = reader.entries(text);
        if (fast === null) continue;
        read++;
        expect(fast, text).toEqual(compactEntries(resolveAclItems(parseAclArray(text), ctx.closure.directory), ctx.closure));
      }
      expect(read).toBeGreaterThan(0);
    }
  });
});
