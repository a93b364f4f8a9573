/**
 * SUSPENDED: leadership is gone (docs/architecture.md, "High availability"). The JobMaster stops
 * acting at once and keeps every piece of HA data (the job goes on under the next leader, from its
 * newest checkpoint); it cancels its own executions and frees its own slots. Not globally terminal,
 * but nothing leaves this state.
 */
import type { JobStatus } from "../../messages.js";
import { JobState, type StateHost } from "./job-state.js";
import type { JobStateName } from "./transitions.js";

/** Time for the cancel and free calls to go out before the connections close. */
const CLOSE_DELAY_MS = 1000;

export class Suspended extends JobState {
  readonly name: JobStateName = "SUSPENDED";
  readonly jobStatus: JobStatus = "SUSPENDED";

  constructor(
    host: StateHost,
    readonly cause: string,
  ) {
    super(host);
  }

  override onEnter(): void {
    const job = this.job;
    this.host.closeEndpoint();
    job.log.warn(`job ${job.jobName} (${job.jobId}) suspended: ${this.cause}`);
    job.checkpointShutdown = job.checkpoints.shutdown("SUSPENDED").catch(() => {});
    this.host.stopPeriodicWork();
    job.statusMessage = undefined;
    job.releaseAfterSuspension(this.cause, CLOSE_DELAY_MS);
    this.host.resolveResult(job.buildResult("SUSPENDED"));
  }
}
