/** FAILING: the restart strategy gave up; every task is cancelled, then the job is FAILED. */
import type { JobStatus } from "../../messages.js";
import { EndingTasksState } from "./ending-tasks.js";
import type { JobStateName } from "./transitions.js";
import { Canceling } from "./canceling.js";
import { Suspended } from "./suspended.js";
import { Terminal } from "./terminal.js";

export class Failing extends EndingTasksState {
  readonly name: JobStateName = "FAILING";
  readonly jobStatus: JobStatus = "FAILING";

  protected onAllTasksEnded(): void {
    this.host.goTo(new Terminal(this.host, "FAILED"));
  }

  override cancel(): void {
    this.host.goTo(new Canceling(this.host));
  }

  override suspend(cause: string): void {
    this.host.goTo(new Suspended(this.host, cause));
  }
}
