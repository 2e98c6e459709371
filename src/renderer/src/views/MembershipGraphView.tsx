import { useId, useMemo, useState } from 'react';
import { layoutGraph } from '../../../shared/views/graphLayout';
import type { MembershipEdge, MembershipGraph } from '../../../shared/views/memberships';

const nodeW = 150;
const nodeH = 34;
/** Rows of the text table shown at most (the CSV has every edge). */
const tableCap = 300;

/** An edge's options in PostgreSQL's words, e.g. "INHERIT, NO SET, ADMIN". */
export function edgeWords(e: MembershipEdge): string {
  const words = [e.inherit ? 'INHERIT' : 'NO INHERIT', e.set ? 'SET' : 'NO SET'];
  if (e.admin) words.push('ADMIN');
  if (e.implicit) words.push('implicit');
  return words.join(', ');
}

const clip = (name: string, n = 19) => (name.length > n ? `${name.slice(0, n - 1)}…` : name);

/**
 * A role's memberships drawn as a layered graph: its groups above (transitively), its
 * members below, one arrow per membership from member to group, solid when privileges
 * flow (INHERIT), dashed when not, labelled with SET and ADMIN. The same edges are in a
 * table for screen readers (and on demand for everyone).
 */
export function MembershipGraphView({ role, graph }: { role: string; graph: MembershipGraph }) {
  const layout = useMemo(() => layoutGraph(graph, { nodeWidth: nodeW, nodeHeight: nodeH }), [graph]);
  const [asTable, setAsTable] = useState(false);
  const marker = useId().replace(/:/g, '');
  const tableId = useId();
  const selfOid = graph.nodes.find((n) => n.layer === 0)?.oid;
  const above = graph.nodes.filter((n) => n.layer < 0).length;
  const below = graph.nodes.filter((n) => n.layer > 0).length;
  const edges = [...graph.up.map((e) => ['up', e] as const), ...graph.down.map((e) => ['down', e] as const)];
  const summary = `Membership graph of ${role}: ${above} ${above === 1 ? 'group' : 'groups'} above, ${below} ${below === 1 ? 'member' : 'members'} below`;
  return (
    <div className="membership-graph">
      {edges.length === 0 ? (
        <p className="muted">{role} is in no group and has no members.</p>
      ) : (
        <div className="graph-scroll">
          <svg role="img" aria-label={summary} aria-describedby={tableId} width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`}>
            <defs>
              <marker id={`${marker}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" className="graph-arrow" />
              </marker>
            </defs>
            {layout.edges.map(({ edge, from, to }) => {
              // why: edges fan out from the viewed role; their labels go nearer the other end, where they spread apart.
              const t = edge.memberOid === selfOid ? 0.68 : edge.groupOid === selfOid ? 0.32 : 0.5;
              const mx = from.x + (to.x - from.x) * t;
              const my = from.y + (to.y - from.y) * t;
              const label = edgeWords(edge);
              return (
                <g key={`${edge.memberOid}:${edge.groupOid}`} className={`graph-edge${edge.inherit ? ' is-inherit' : ' is-noinherit'}${edge.set ? '' : ' is-noset'}`}>
                  <title>{`${edge.member} → ${edge.group}: ${label}${edge.grantors.length > 0 ? `; granted by ${edge.grantors.join(', ')}` : ''}`}</title>
                  <line x1={from.x} y1={from.y} x2={to.x} y2={to.y} markerEnd={`url(#${marker}-arrow)`} />
                  <text x={mx} y={my} textAnchor="middle" dominantBaseline="middle" className="graph-edge-label" paintOrder="stroke">
                    {label}
                  </text>
                </g>
              );
            })}
            {layout.nodes.map(({ node, x, y }) => (
              <g key={node.oid} className={`graph-node${node.layer === 0 ? ' is-self' : ''}${node.inherits ? '' : ' is-cut'}`}>
                <title>
                  {`${node.name} (${node.login ? 'user' : 'group'}${node.superuser ? ', superuser' : ''})` +
                    (node.layer < 0
                      ? `: ${role} ${node.inherits ? 'uses its privileges' : 'does not use its privileges'}, ${node.canSet ? 'may' : 'may not'} SET ROLE to it`
                      : node.layer > 0
                        ? `: ${node.inherits ? 'uses' : 'does not use'} ${role}'s privileges, ${node.canSet ? 'may' : 'may not'} SET ROLE to ${role}`
                        : '')}
                </title>
                <rect x={x - nodeW / 2} y={y - nodeH / 2} width={nodeW} height={nodeH} rx={5} />
                <text x={x} y={y - 4} textAnchor="middle" className="graph-node-name">
                  {node.superuser ? '⚠ ' : node.login ? '● ' : '◆ '}
                  {clip(node.name)}
                </text>
                <text x={x} y={y + 11} textAnchor="middle" className="graph-node-note">
                  {node.layer === 0 ? (node.superuser ? 'superuser' : 'this role') : `${node.inherits ? 'privileges flow' : 'no privileges'} · ${node.canSet ? 'SET ROLE' : 'no SET ROLE'}`}
                </text>
              </g>
            ))}
            {layout.more.map((m) => (
              <g key={`more:${m.layer}`} className="graph-more">
                <rect x={m.x - nodeW / 2} y={m.y - nodeH / 2} width={nodeW} height={nodeH} rx={5} />
                <text x={m.x} y={m.y + 4} textAnchor="middle">
                  and {m.count.toLocaleString('en-US')} more
                </text>
              </g>
            ))}
          </svg>
        </div>
      )}
      {layout.beyond > 0 && <p className="muted">{layout.beyond.toLocaleString('en-US')} more roles are further than four memberships away; the table lists them.</p>}
      <ul className="graph-legend" aria-label="Graph legend">
        <li>
          <svg width="36" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="36" y2="5" className="legend-inherit" />
          </svg>
          INHERIT: the member uses the group’s privileges
        </li>
        <li>
          <svg width="36" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="36" y2="5" className="legend-noinherit" />
          </svg>
          NO INHERIT: only after SET ROLE
        </li>
        <li>SET / NO SET: whether the member may SET ROLE to the group</li>
        <li>ADMIN: may grant the membership to others</li>
        <li>Arrows go from the member up to the group</li>
      </ul>
      {edges.length > 0 && (
        <button type="button" className="button button-small" aria-expanded={asTable} aria-controls={tableId} onClick={() => setAsTable((v) => !v)}>
          {asTable ? 'Hide the table' : 'Show as a table'}
        </button>
      )}
      <table id={tableId} className={asTable ? 'view-table' : 'view-table visually-hidden'}>
        <caption>Memberships of {role}</caption>
        <thead>
          <tr>
            <th scope="col">Direction</th>
            <th scope="col">Member</th>
            <th scope="col">Group</th>
            <th scope="col">INHERIT</th>
            <th scope="col">SET</th>
            <th scope="col">ADMIN</th>
            <th scope="col">Granted by</th>
          </tr>
        </thead>
        <tbody>
          {edges.slice(0, tableCap).map(([direction, e]) => (
            <tr key={`${direction}:${e.memberOid}:${e.groupOid}`}>
              <td>{direction === 'up' ? 'group above' : 'member below'}</td>
              <td>{e.member}</td>
              <td>{e.group}</td>
              <td>{e.inherit ? 'TRUE' : 'FALSE'}</td>
              <td>{e.set ? 'TRUE' : 'FALSE'}</td>
              <td>{e.admin ? 'TRUE' : 'FALSE'}</td>
              <td>{e.implicit ? 'implicit (owns the database)' : e.grantors.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {edges.length > tableCap && <p className="muted">and {(edges.length - tableCap).toLocaleString('en-US')} more memberships: Export memberships CSV lists every one.</p>}
    </div>
  );
}
