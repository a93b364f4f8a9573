/**
 * Slot sharing (docs/architecture.md, "Scheduling"): each slot-sharing group takes as many slots as its highest
 * parallelism, and slot i of a group holds subtask i of every vertex in it — so a slot holds one
 * parallel slice of the whole pipeline and the job needs exactly `requiredSlots` slots.
 *
 * With local recovery, a slice goes back to the TaskManager it ran on in the previous attempt if that
 * TaskManager still has a slot for it (Flink's state-locality-aware slot assignment): its tasks' local
 * state copies are there (docs/checkpoints.md, "Task-local recovery"). Without it, the stable order alone
 * would move slices between TaskManagers whenever one is replaced by a TaskManager whose id sorts elsewhere.
 */
import type { JobGraph } from "../../graph/job-graph.js";
import { workerKey, type WorkerKey } from "../../runtime/network/frames.js";

export interface AssignableSlot {
  taskManagerId: string;
  slotIndex: number;
}

/** The TaskManager each slice (slot-sharing group and index, `sliceKey`) ran on. */
export type SlicePlacement = ReadonlyMap<string, string>;

export interface SlotAssignment<S extends AssignableSlot> {
  /** The slot of subtask `subtask` of vertex `vertexId`. */
  slotOf(vertexId: string, subtask: number): S;
  /** For every vertex, the worker of each subtask (what tasks need to find their peers). */
  locations: Record<string, WorkerKey[]>;
  /** Where each slice went: the `previous` of the next attempt's assignment. */
  placement: SlicePlacement;
}

const sliceKey = (group: string, index: number): string => `${group}/${index}`;

export function assignSlots<S extends AssignableSlot>(graph: JobGraph, slots: Iterable<S>, previous?: SlicePlacement): SlotAssignment<S> {
  // A stable order, so the same slots give the same assignment.
  const ordered = [...slots].sort((a, b) => a.taskManagerId.localeCompare(b.taskManagerId) || a.slotIndex - b.slotIndex);
  const groups = [...new Set(graph.vertices.map((v) => v.slotSharingGroup))].sort();
  const slices = groups.flatMap((g) => {
    const width = Math.max(...graph.vertices.filter((v) => v.slotSharingGroup === g).map((v) => v.parallelism));
    return Array.from({ length: width }, (_, i) => sliceKey(g, i));
  });
  const assigned = new Map<string, S>();
  const free = new Set(ordered);
  if (previous) {
    for (const slice of slices) {
      const tm = previous.get(slice);
      const back = tm === undefined ? undefined : [...free].find((s) => s.taskManagerId === tm);
      if (!back) continue;
      assigned.set(slice, back);
      free.delete(back);
    }
  }
  const rest = [...free];
  for (const slice of slices) if (!assigned.has(slice) && rest.length > 0) assigned.set(slice, rest.shift()!);
  const groupOf = new Map(graph.vertices.map((v) => [v.id, v.slotSharingGroup]));
  const slotOf = (vertexId: string, subtask: number): S => {
    const s = assigned.get(sliceKey(groupOf.get(vertexId)!, subtask));
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
  return { slotOf, locations, placement: new Map([...assigned].map(([slice, s]) => [slice, s.taskManagerId])) };
}
