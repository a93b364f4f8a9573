/**
 * CANCELING (reports CANCELLING): every task is cancelled; once the last has ended the job is
 * CANCELED. A savepoint already in flight may still complete.
 */
import type { SerializedError } from "../../../errors/serialized-error.js";
import type { JobStatus } from "../../messages.js";

import type { TaskCheckpointAck } from "../../../runtime/checkpoint/checkpoint-metadata.js";
import { EndingTasksState } from "./ending-tasks.js";
import type { JobStateName } from "./transitions.js";
import { Suspended } from "./suspended.js";
import { Terminal } from "./terminal.js";

export class Canceling extends EndingTasksState {
  readonly name: JobStateName = "CANCELING";
  readonly jobStatus: JobStatus = "CANCELLING";

  protected onAllTasksEnded(): void {
    this.host.goTo(new Terminal(this.host, "CANCELED"));
  }

  override onCheckpointAcknowledged(executionId: string, checkpointId: number, ack: TaskCheckpointAck): void {
    this.job.checkpoints.acknowledge(executionId, checkpointId, ack);
  }

  override onCheckpointDeclined(executionId: string, checkpointId: number, reason: SerializedError): void {
    this.job.checkpoints.decline(executionId, checkpointId, reason);
  }

  override suspend(cause: string): void {
    this.host.goTo(new Suspended(this.host, cause));
  }
}
