/**
 * Which producer subtasks connect to which consumer subtasks. Forward and rescale connect
 * point-wise (Flink's POINTWISE pattern), every other partitioner all-to-all.
 */
import type { PartitionerSpec } from "../../graph/stream-graph.js";

export function isPointwise(p: PartitionerSpec): boolean {
  return p.type === "forward" || p.type === "rescale";
}

/** Consumers that producer `i` (of `up`) sends to, given `down` consumers. */
export function consumersOf(p: PartitionerSpec, i: number, up: number, down: number): number[] {
  if (!isPointwise(p)) return range(down);
  if (up >= down) return [Math.floor((i * down) / up)];
  const out: number[] = [];
  for (let j = 0; j < down; j++) if (Math.floor((j * up) / down) === i) out.push(j);
  return out;
}

/** Producers that consumer `j` (of `down`) reads from, given `up` producers. */
export function producersOf(p: PartitionerSpec, j: number, up: number, down: number): number[] {
  if (!isPointwise(p)) return range(up);
  if (up <= down) return [Math.floor((j * up) / down)];
  const out: number[] = [];
  for (let i = 0; i < up; i++) if (Math.floor((i * down) / up) === j) out.push(i);
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
