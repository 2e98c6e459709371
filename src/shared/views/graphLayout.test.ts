import { describe, expect, it } from 'vitest';
import { buildAccessContext } from '../privileges/accessColumn';
import { SnapshotBuilder } from '../privileges/testSnapshot';
import { layoutGraph } from './graphLayout';
import { membershipGraph } from './memberships';

describe('the membership drawing', () => {
  it('groups above, members below, the role between; many members end in "and N more"', () => {
    const b = new SnapshotBuilder(16);
    const top = b.role('top');
    const mid = b.role('mid');
    b.member(top, mid);
    const users = Array.from({ length: 30 }, (_, i) => b.role(`user${String(i).padStart(2, '0')}`, { canLogin: true }));
    for (const u of users) b.member(mid, u, { inherit: u % 2 === 0 });
    const snap = b.build();
    const graph = membershipGraph(snap, buildAccessContext(snap).closure, mid);
    expect(graph.nodes).toHaveLength(32);
    const layout = layoutGraph(graph, { maxPerLayer: 6 });
    const y = (name: string) => layout.nodes.find((n) => n.node.name === name)?.y ?? NaN;
    expect(y('top')).toBeLessThan(y('mid'));
    expect(y('mid')).toBeLessThan(y('user00'));
    expect(layout.nodes.filter((n) => n.node.layer === 1).map((n) => n.node.name)).toEqual(['user00', 'user01', 'user02', 'user03', 'user04']);
    expect(layout.more).toEqual([expect.objectContaining({ layer: 1, count: 25 })]);
    // One edge up, five drawn down (to the members shown); none to the roles left out.
    expect(layout.edges).toHaveLength(6);
    for (const e of layout.edges) expect(e.from.y).toBeGreaterThan(e.to.y);
    const xs = layout.nodes.filter((n) => n.node.layer === 1).map((n) => n.x);
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(Math.max(...xs)).toBeLessThan(layout.width);
  });

  it('roles further than maxDepth are counted, not drawn', () => {
    const b = new SnapshotBuilder(16);
    const chain = Array.from({ length: 6 }, (_, i) => b.role(`g${i}`));
    for (let i = 0; i < 5; i++) b.member(chain[i + 1] ?? 0, chain[i] ?? 0);
    const snap = b.build();
    const layout = layoutGraph(membershipGraph(snap, buildAccessContext(snap).closure, chain[0] ?? 0), { maxDepth: 3 });
    expect(layout.nodes.map((n) => n.node.name)).toEqual(['g3', 'g2', 'g1', 'g0']);
    expect(layout.beyond).toBe(2);
  });
});
