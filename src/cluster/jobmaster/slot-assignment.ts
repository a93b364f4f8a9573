/**
 * Slot sharing (docs/architecture.md, "Scheduling"): each slot-sharing group takes as many slots as its highest
 * parallelism, and slot i of a group holds subtask i of every vertex in it — so a slot holds one
 * parallel slice of the whole pipeline and the job needs exactly `requiredSlots` slots.
 */
import type { JobGraph } from "../../graph/job-graph.js";
import { workerKey, type WorkerKey } from "../../runtime/network/frames.js";

export interface AssignableSlot {
  taskManagerId: string;
  slotIndex: number;
}

export interface SlotAssignment<S extends AssignableSlot> {
  /** The slot of subtask `subtask` of vertex `vertexId`. */
  slotOf(vertexId: string, subtask: number): S;
  /** For every vertex, the worker of each subtask (what tasks need to find their peers). */
  locations: Record<string, WorkerKey[]>;
}

export function assignSlots<S extends AssignableSlot>(graph: JobGraph, slots: Iterable<S>): SlotAssignment<S> {
  // A stable order, so the same slots give the same assignment.
  const ordered = [...slots].sort((a, b) => a.taskManagerId.localeCompare(b.taskManagerId) || a.slotIndex - b.slotIndex);
  const groups = [...new Set(graph.vertices.map((v) => v.slotSharingGroup))].sort();
  const groupSlots = new Map<string, S[]>();
  let next = 0;
  for (const g of groups) {
    const width = Math.max(...graph.vertices.filter((v) => v.slotSharingGroup === g).map((v) => v.parallelism));
    groupSlots.set(g, ordered.slice(next, next + width));
    next += width;
  }
  const groupOf = new Map(graph.vertices.map((v) => [v.id, v.slotSharingGroup]));
  const slotOf = (vertexId: string, subtask: number): S => {
    const s = groupSlots.get(groupOf.get(vertexId)!)?.[subtask];
    if (!s) throw new Error(`no slot for subtask ${subtask} of vertex ${vertexId}`);
    return s;
  };
  const locations: Record<string, WorkerKey[]> = {};
  for (const v of graph.vertices) {
    locations[v.id] = Array.from({ length: v.parallelism }, (_, i) => {
      const s = slotOf(v.id, i);
      return workerKey(s.taskManagerId, s.slotIndex);
    });
  }
  return { slotOf, locations };
}
