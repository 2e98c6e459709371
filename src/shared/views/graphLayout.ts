import { compareText } from '../privileges/matrixRows';
import type { MembershipEdge, MembershipGraph, MembershipNode } from './memberships';

/** A role placed on the drawing (x, y: its box's centre). */
export interface PlacedNode {
  node: MembershipNode;
  x: number;
  y: number;
}

/** "and N more" in place of the roles of a layer left out. */
export interface PlacedMore {
  layer: number;
  count: number;
  x: number;
  y: number;
}

/** An edge between two placed roles: from the member (below) to the group (above). */
export interface PlacedEdge {
  edge: MembershipEdge;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

/** A layered drawing: groups above, the role in the middle, members below. */
export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  more: PlacedMore[];
  edges: PlacedEdge[];
  /** Roles further than `maxDepth` away (left out of the drawing, still in the table). */
  beyond: number;
}

/** Sizes of the drawing. */
export interface LayoutOptions {
  /** Roles drawn per layer before "and N more" (default 8). */
  maxPerLayer?: number;
  /** Layers drawn above and below the role (default 4). */
  maxDepth?: number;
  nodeWidth?: number;
  nodeHeight?: number;
  gapX?: number;
  gapY?: number;
}

/**
 * Lays the graph out in layers by distance (groups above, members below), each layer in
 * name order and centred; beyond `maxPerLayer` a layer ends with one "and N more" box, and
 * edges to roles left out are not drawn.
 */
export function layoutGraph(graph: MembershipGraph, options: LayoutOptions = {}): GraphLayout {
  const maxPerLayer = options.maxPerLayer ?? 8;
  const maxDepth = options.maxDepth ?? 4;
  const w = options.nodeWidth ?? 150;
  const h = options.nodeHeight ?? 34;
  const gapX = options.gapX ?? 22;
  const gapY = options.gapY ?? 70;
  const layers = new Map<number, MembershipNode[]>();
  let beyond = 0;
  for (const n of graph.nodes) {
    if (Math.abs(n.layer) > maxDepth) {
      beyond++;
      continue;
    }
    const list = layers.get(n.layer);
    if (list === undefined) layers.set(n.layer, [n]);
    else list.push(n);
  }
  const order = [...layers.keys()].sort((a, b) => a - b);
  const slots = order.map((layer) => {
    const all = (layers.get(layer) ?? []).sort((a, b) => compareText(a.name, b.name));
    const shown = all.length > maxPerLayer ? all.slice(0, maxPerLayer - 1) : all;
    return { layer, shown, hidden: all.length - shown.length };
  });
  const widest = Math.max(1, ...slots.map((s) => s.shown.length + (s.hidden > 0 ? 1 : 0)));
  const width = widest * (w + gapX) + gapX;
  const height = Math.max(1, slots.length) * (h + gapY) - gapY + 2 * 24;
  const nodes: PlacedNode[] = [];
  const more: PlacedMore[] = [];
  slots.forEach((s, row) => {
    const count = s.shown.length + (s.hidden > 0 ? 1 : 0);
    const left = (width - count * (w + gapX) + gapX) / 2 + w / 2;
    const y = 24 + row * (h + gapY) + h / 2;
    s.shown.forEach((node, k) => nodes.push({ node, x: left + k * (w + gapX), y }));
    if (s.hidden > 0) more.push({ layer: s.layer, count: s.hidden, x: left + s.shown.length * (w + gapX), y });
  });
  const at = new Map(nodes.map((p) => [p.node.oid, p]));
  const edges: PlacedEdge[] = [];
  for (const edge of [...graph.up, ...graph.down]) {
    const from = at.get(edge.memberOid);
    const to = at.get(edge.groupOid);
    if (from === undefined || to === undefined) continue;
    edges.push({ edge, from: { x: from.x, y: from.y - h / 2 }, to: { x: to.x, y: to.y + h / 2 } });
  }
  return { width, height, nodes, more, edges, beyond };
}
