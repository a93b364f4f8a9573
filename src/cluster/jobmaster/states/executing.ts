/**
 * EXECUTING (reports RUNNING): deploys every task on entry, starts periodic checkpoints once all run,
 * and ends with FINISHED when all have finished. A task failure (or a lost TaskManager, or too many
 * failed checkpoints) goes to RESTARTING or FAILING, as the restart strategy decides.
 */
import type { JobStatus, SlotOffer } from "../../messages.js";

import type { TaskCheckpointAck } from "../../../runtime/checkpoint/checkpoint-metadata.js";
import { serializeError, type SerializedError } from "../../../errors/serialized-error.js";
import type { Execution } from "../execution-graph.js";
import { CheckpointFailureError } from "../job-failures.js";
import { JobState } from "./job-state.js";
import type { JobStateName } from "./transitions.js";
import { Canceling } from "./canceling.js";
import { Failing } from "./failing.js";
import { Restarting } from "./restarting.js";
import { Suspended } from "./suspended.js";
import { Terminal } from "./terminal.js";

export class Executing extends JobState {
  readonly name: JobStateName = "EXECUTING";
  readonly jobStatus: JobStatus = "RUNNING";
  override readonly runsCheckpoints = true;

  override onEnter(): void {
    this.job.deployAll();
  }

  override onSlotsOffered(taskManagerId: string, taskExecutorAddress: string, dataAddress: string, offers: SlotOffer[]): SlotOffer[] {
    return this.job.acceptSlots(taskManagerId, taskExecutorAddress, dataAddress, offers);
  }

  override onExecutionStateChanged(e: Execution): void {
    const graph = this.job.graph;
    if (e.state === "FINISHED") this.job.checkpoints.taskFinished(e.executionId);
    if (graph.allIn("RUNNING")) this.job.checkpoints.startPeriodic();
    else if (graph.allIn("FINISHED")) this.host.goTo(new Terminal(this.host, "FINISHED"));
  }

  override onTaskFailure(e: Execution, error: SerializedError): void {
    const decision = this.job.decideOnFailure(e, error);
    this.host.goTo(decision.restart ? new Restarting(this.host, decision.delayMs) : new Failing(this.host));
  }

  override onTaskManagerLost(_taskManagerId: string, failed: readonly Execution[], error: SerializedError): void {
    const first = failed[0];
    if (first) this.onTaskFailure(first, error);
  }

  override onCheckpointAcknowledged(executionId: string, checkpointId: number, ack: TaskCheckpointAck): void {
    this.job.checkpoints.acknowledge(executionId, checkpointId, ack);
  }

  override onCheckpointDeclined(executionId: string, checkpointId: number, reason: SerializedError): void {
    this.job.checkpoints.decline(executionId, checkpointId, reason);
  }

  override onCheckpointFailuresExceeded(cause: Error): void {
    const running = this.job.graph.executions.find((e) => e.state === "RUNNING");
    if (!running) return;
    const error = serializeError(new CheckpointFailureError(cause.message, { cause }));
    this.job.recordException(running, error);
    this.onTaskFailure(running, error);
  }

  override onGlobalFailure(error: SerializedError): void {
    const decision = this.job.decideOnGlobalFailure(error);
    this.host.goTo(decision.restart ? new Restarting(this.host, decision.delayMs) : new Failing(this.host));
  }

  override triggerSavepoint(dir: string | undefined, stop?: "terminate" | "drain"): Promise<string> {
    return this.job.checkpoints.triggerSavepoint({ dir, stop });
  }

  override cancel(): void {
    this.host.goTo(new Canceling(this.host));
  }

  override suspend(cause: string): void {
    this.host.goTo(new Suspended(this.host, cause));
  }
}
