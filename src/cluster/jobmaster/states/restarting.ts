/**
 * RESTARTING: cancels every task, and once the last one has ended waits the restart strategy's delay,
 * then starts a new attempt of every execution in WAITING_FOR_RESOURCES (which loads the newest
 * checkpoint). The slots stay offered, so the new attempt usually deploys at once.
 */
import type { JobStatus, SlotOffer } from "../../messages.js";
import { EndingTasksState } from "./ending-tasks.js";
import type { StateHost } from "./job-state.js";
import type { JobStateName } from "./transitions.js";
import { Canceling } from "./canceling.js";
import { Suspended } from "./suspended.js";
import { WaitingForResources } from "./waiting-for-resources.js";

export class Restarting extends EndingTasksState {
  readonly name: JobStateName = "RESTARTING";
  readonly jobStatus: JobStatus = "RESTARTING";

  constructor(
    host: StateHost,
    readonly delayMs: number,
  ) {
    super(host);
  }

  protected onAllTasksEnded(): void {
    this.host.runIfState(
      this,
      () => {
        this.job.newAttempt();
        this.host.goTo(new WaitingForResources(this.host));
      },
      this.delayMs,
    );
  }

  override onSlotsOffered(taskManagerId: string, taskExecutorAddress: string, dataAddress: string, offers: SlotOffer[]): SlotOffer[] {
    return this.job.acceptSlots(taskManagerId, taskExecutorAddress, dataAddress, offers);
  }

  override cancel(): void {
    this.host.goTo(new Canceling(this.host));
  }

  override suspend(cause: string): void {
    this.host.goTo(new Suspended(this.host, cause));
  }
}
