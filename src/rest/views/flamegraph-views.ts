/**
 * Flink's flame-graph JSON (VertexFlameGraph) from a vertex's CPU samples (docs/architecture.md, "Flame
 * graphs"): `endTimestamp` and a `data` tree of `{name, value, children}` under "root", the subtasks'
 * trees merged. Without data, `endTimestamp` says why, with Flink's codes.
 */
import type { VertexCpuSamples } from "../../cluster/messages.js";
import { IDLE_FRAME, filterTopFrames, mergeStackTrees, type StackNode } from "../../runtime/worker/stack-tree.js";

/** Flink's flame-graph types; `type=` is matched case-insensitively, as Flink does. */
export const FLAME_GRAPH_TYPES = ["full", "on_cpu", "off_cpu"] as const;
export type FlameGraphType = (typeof FLAME_GRAPH_TYPES)[number];

/** Flink's endTimestamp codes of an answer without data. */
export const FLAME_GRAPH_TERMINATED = -1;
export const FLAME_GRAPH_DISABLED = -2;
export const FLAME_GRAPH_WAITING = -3;

export interface FlameGraphJson {
  endTimestamp: number;
  data?: StackNode;
}

/**
 * full: every sample. on_cpu: without the samples V8 took while the thread waited for work ("(idle)").
 * off_cpu: only those — V8 records no stack for a waiting thread, so the graph is one "(idle)" frame
 * whose width is the waiting share (Flink shows where its threads wait; a JavaScript thread waits in
 * its event loop).
 */
export function flameGraphJson(samples: VertexCpuSamples, type: FlameGraphType, subtask?: number): FlameGraphJson {
  const trees = samples.subtasks.filter((s) => subtask === undefined || s.subtask === subtask).map((s) => s.tree);
  const merged = mergeStackTrees(trees);
  const data = type === "full" ? merged : filterTopFrames(merged, (name) => (name === IDLE_FRAME) === (type === "off_cpu"));
  return { endTimestamp: samples.endTimestamp, data };
}

/** The type named by `type=` (default full), or undefined when Flink has no such type. */
export function parseFlameGraphType(raw: string | undefined): FlameGraphType | undefined {
  if (raw === undefined || raw === "") return "full";
  const t = raw.toLowerCase();
  return (FLAME_GRAPH_TYPES as readonly string[]).includes(t) ? (t as FlameGraphType) : undefined;
}
