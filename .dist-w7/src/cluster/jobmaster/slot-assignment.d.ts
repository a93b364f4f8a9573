/**
 * Slot sharing (DESIGN.md section 4): each slot-sharing group takes as many slots as its highest
 * parallelism, and slot i of a group holds subtask i of every vertex in it — so a slot holds one
 * parallel slice of the whole pipeline and the job needs exactly `requiredSlots` slots.
 */
import type { JobGraph } from "../../graph/job-graph.js";
import type { WorkerKey } from "../../runtime/network/frames.js";
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
export declare function assignSlots<S extends AssignableSlot>(graph: JobGraph, slots: Iterable<S>): SlotAssignment<S>;
