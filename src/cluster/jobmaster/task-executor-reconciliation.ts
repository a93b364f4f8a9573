/**
 * Reconciling the JobMaster's view of one TaskExecutor with what that TaskExecutor reports holding in
 * its heartbeat answer (docs/architecture.md, "Failures"), after Flink's execution deployment
 * reconciliation and allocated-slot reports. The TaskExecutor may have dropped a job's slots and
 * tasks without the JobMaster hearing of it (it lost its own connection to the JobMaster, whose
 * connection to it stayed up), or a task's final state report may have been lost.
 *
 * Only what the JobMaster knew before it sent the heartbeat request is judged missing: a deployment
 * acknowledged, a slot accepted — later ones may simply not have been in the answer yet.
 */
import { isTerminalExecutionState, type ExecutionState } from "../../runtime/tasks/deployment.js";
import type { HeldForJob } from "../messages.js";
import type { Execution } from "./execution-graph.js";

/** A slot the JobMaster holds, with when (in heartbeat sequence marks) it was accepted. */
export interface HeldSlotView {
  allocationId: string;
  taskManagerId: string;
  acceptedAt: number;
}

export interface Reconciliation {
  /** Executions to move to a state the TaskExecutor's report implies (ended, advanced, or gone). */
  readonly updates: { execution: Execution; state: ExecutionState }[];
  /** Executions the TaskExecutor runs that the JobMaster does not (stale attempts): cancel them there. */
  readonly unknown: string[];
  /** Allocations the JobMaster holds on the TaskExecutor that the TaskExecutor no longer has. */
  readonly lostAllocations: string[];
}

const PROGRESS: readonly ExecutionState[] = ["CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING", "RUNNING"];

export function reconcile(
  taskManagerId: string,
  held: HeldForJob,
  requestedAt: number,
  executions: readonly Execution[],
  isCurrent: (executionId: string) => boolean,
  slots: Iterable<HeldSlotView>,
): Reconciliation {
  const updates: Reconciliation["updates"] = [];
  for (const e of executions) {
    if (e.taskManagerId !== taskManagerId || isTerminalExecutionState(e.state) || e.deployedAt === undefined) continue;
    const reported = held.executions[e.executionId];
    if (reported === undefined) {
      if (e.deployedAt < requestedAt) updates.push({ execution: e, state: e.state === "CANCELING" ? "CANCELED" : "FAILED" });
    } else if (isTerminalExecutionState(reported) || (e.state !== "CANCELING" && PROGRESS.indexOf(reported) > PROGRESS.indexOf(e.state))) {
      updates.push({ execution: e, state: reported });
    }
  }
  const unknown = Object.entries(held.executions)
    .filter(([id, state]) => !isTerminalExecutionState(state) && !isCurrent(id))
    .map(([id]) => id);
  const allocations = new Set(held.allocations);
  const lostAllocations = [...slots]
    .filter((s) => s.taskManagerId === taskManagerId && s.acceptedAt < requestedAt && !allocations.has(s.allocationId))
    .map((s) => s.allocationId);
  return { updates, unknown, lostAllocations };
}
