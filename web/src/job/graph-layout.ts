/**
 * Lays the job graph out left to right with dagre: sources on the left, sinks on the right, like
 * Flink's plan view. Node heights grow with the number of chained operators shown in the node.
 */
import dagre from "@dagrejs/dagre";
import type { PlanNode } from "../api/types";

export const NODE_WIDTH = 300;

/** Chained operators listed in a node; longer chains end with "… n more". */
export const MAX_CHAIN_SHOWN = 8;

/**
 * A node's fixed height: five lines of figures plus one per listed operator. Fixed rather than
 * measured, so that changing figures never resize a node (and never move what a user clicks).
 */
export function nodeHeight(node: PlanNode): number {
  const lines = Math.min(node.chain.length, MAX_CHAIN_SHOWN) + (node.chain.length > MAX_CHAIN_SHOWN ? 1 : 0);
  return 130 + 18 * lines;
}

export interface Positioned {
  id: string;
  x: number;
  y: number;
  height: number;
}

export function layoutPlan(nodes: PlanNode[]): Map<string, Positioned> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 90, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: NODE_WIDTH, height: nodeHeight(n) });
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) for (const input of n.inputs ?? []) if (ids.has(input.id)) g.setEdge(input.id, n.id);
  dagre.layout(g);
  const out = new Map<string, Positioned>();
  for (const n of nodes) {
    const p = g.node(n.id) as { x: number; y: number; height: number };
    // dagre gives centres; React Flow wants top-left corners.
    out.set(n.id, { id: n.id, x: p.x - NODE_WIDTH / 2, y: p.y - p.height / 2, height: p.height });
  }
  return out;
}
