/**
 * FINISHED, FAILED, CANCELED: globally terminal. On entry the checkpoint bookkeeping shuts down (and
 * applies the retention rules), the final metrics are fetched, the slots are freed and the result is
 * announced once the checkpoint files are where the retention rules put them. Every later event is
 * ignored.
 */
import { JobState, type StateHost } from "./job-state.js";

export type TerminalStatus = "FINISHED" | "FAILED" | "CANCELED";

export class Terminal extends JobState {
  readonly name: TerminalStatus;
  readonly jobStatus: TerminalStatus;

  constructor(host: StateHost, status: TerminalStatus) {
    super(host);
    this.name = status;
    this.jobStatus = status;
  }

  override onEnter(): void {
    const job = this.job;
    const status = this.jobStatus;
    job.statusMessage = undefined;
    job.checkpointShutdown = job.checkpoints.shutdown(status).catch((e: Error) => {
      job.log.warn(`checkpoint shutdown after ${status}: ${e.message}`);
    });
    this.host.stopPeriodicWork();
    void job.connections
      .fetchMetrics()
      .then(() => job.releaseResources(status))
      .catch((e: Error) => job.log.warn(`releasing the job's resources: ${e.message}`))
      .finally(() => this.host.closeEndpoint());
    job.log.info(`job ${job.jobName} (${job.jobId}) ${status}`);
    const result = job.buildResult(status);
    void job.checkpointShutdown.then(() => this.host.resolveResult(result));
  }
}
