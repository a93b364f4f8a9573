/** CREATED: the JobMaster exists but has not started (reports INITIALIZING). */
import type { JobStatus } from "../../messages.js";
import { JobState } from "./job-state.js";
import type { JobStateName } from "./transitions.js";
import { Canceling } from "./canceling.js";
import { Suspended } from "./suspended.js";
import { WaitingForResources } from "./waiting-for-resources.js";

export class Created extends JobState {
  readonly name: JobStateName = "CREATED";
  readonly jobStatus: JobStatus = "INITIALIZING";

  override start(): Promise<void> {
    this.host.startServing();
    const waiting = new WaitingForResources(this.host);
    this.host.goTo(waiting);
    return waiting.prepared;
  }

  override cancel(): void {
    this.host.goTo(new Canceling(this.host));
  }

  override suspend(cause: string): void {
    this.host.goTo(new Suspended(this.host, cause));
  }
}
