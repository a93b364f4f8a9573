/**
 * The shared part of the states that wait for every task to end before moving on (restarting,
 * failing, canceling): they cancel every execution on entry and react to the last one reaching a
 * terminal state — there is no polling.
 */

import type { SerializedError } from "../../../errors/serialized-error.js";
import type { Execution } from "../execution-graph.js";
import { JobState } from "./job-state.js";

export abstract class EndingTasksState extends JobState {
  private ended = false;

  override onEnter(): void {
    this.job.cancelAllExecutions();
    this.checkAllEnded();
  }

  /** Every execution is in a terminal state. Called once. */
  protected abstract onAllTasksEnded(): void;

  override onExecutionStateChanged(_e: Execution): void {
    this.checkAllEnded();
  }

  override onTaskFailure(_e: Execution, _error: SerializedError): void {
    this.checkAllEnded();
  }

  override onTaskManagerLost(_taskManagerId: string, _failed: readonly Execution[], _error: SerializedError): void {
    this.checkAllEnded();
  }

  private checkAllEnded(): void {
    if (this.ended || !this.job.graph.allTerminal()) return;
    this.ended = true;
    this.onAllTasksEnded();
  }
}
