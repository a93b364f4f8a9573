/**
 * The Dispatcher's side of the HA data lifecycle (docs/architecture.md, "High availability"), kept out of the Dispatcher
 * so that it reads as job handling:
 *  - every submitted job is persisted in the JobGraph store — JobGraph, submission settings and the
 *    bundle's code (the bytes go to the storage directory, the pointer to ZooKeeper) — before its
 *    JobMaster starts, so that a new leader can recover it;
 *  - a job that reaches FINISHED, CANCELED or FAILED gets a dirty entry in the job result store,
 *    then all its HA data is deleted, then the entry is marked clean. A crash in between leaves the
 *    entry dirty and the next leader finishes the cleanup. The clean entry is then deleted too
 *    (Flink's job-result-store.delete-on-commit), so nothing of the job is left;
 *  - a job with an entry in the job result store is never run again.
 * With the standalone (`none`) services the same steps run against in-memory stores.
 */
import type { CheckpointIdCounter, CompletedCheckpointStore, HaPayload, HighAvailabilityServices, JsonValue, LeadershipFence } from "../ha/interface.js";
import type { JobBundle, JobResult, JobSubmission } from "../messages.js";
import type { Logger } from "../../util/logger.js";
import { systemClock, type Clock } from "../../util/clock.js";
import { readOption } from "../../config/config-option.js";
import { ZooKeeperClosedError } from "../ha/zookeeper/zookeeper-types.js";
import { DispatcherOptions } from "./dispatcher-options.js";

/** What the JobGraph store keeps per job. */
export interface PersistedJob {
  jobId: string;
  submission: JobSubmission;
  bundle: JobBundle;
}

/** Flink's key: delete a job's result entry once its cleanup is done (default true). */
export const DELETE_ON_COMMIT = DispatcherOptions.JOB_RESULT_DELETE_ON_COMMIT.key;

/** Cleanup of one job is retried this often (with a growing pause) before it is left to the next leader. */
const CLEANUP_ATTEMPTS = 5;

export class JobPersistence {
  private readonly log: Logger;

  private readonly deleteOnCommit: boolean;

  constructor(
    private readonly ha: HighAvailabilityServices,
    config: Readonly<Record<string, string>>,
    logger: Logger,
    private readonly clock: Clock = systemClock,
    /** The leadership term's fence: the JobMasters' checkpoint stores write under it. */
    private readonly fence?: LeadershipFence,
  ) {
    this.log = logger.child("JobPersistence");
    this.deleteOnCommit = readOption(config, DispatcherOptions.JOB_RESULT_DELETE_ON_COMMIT);
  }

  /** Whether the job has a result: a job that has ended is never run again. */
  hasEnded(jobId: string): Promise<boolean> {
    return this.ha.jobResultStore().has(jobId);
  }

  async persist(job: PersistedJob): Promise<void> {
    await this.ha.jobGraphStore().put(job.jobId, toJson(job));
  }

  /**
   * The job's completed checkpoints and checkpoint id counter, which outlive its JobMaster. The
   * store changes only while the term lasts; ids need no fence (the counter is compare-and-set, so
   * two terms never draw the same id).
   */
  checkpointStores(jobId: string, maxRetained: number): { checkpointStore: CompletedCheckpointStore; checkpointIdCounter: CheckpointIdCounter } {
    return {
      checkpointStore: this.ha.completedCheckpointStore(jobId, maxRetained, this.fence),
      checkpointIdCounter: this.ha.checkpointIdCounter(jobId),
    };
  }

  /**
   * What a new leader does first: finish the cleanup of every dirty result, then read back every
   * persisted job that has no result. A job whose graph cannot be read is logged and skipped (it
   * stays in the store for an operator to look at) rather than blocking the other jobs.
   */
  async recoverJobs(): Promise<PersistedJob[]> {
    const results = this.ha.jobResultStore();
    for (const dirty of await results.dirtyResults()) {
      this.log.info(`finishing the interrupted cleanup of job ${dirty.jobId}`);
      await this.cleanup(dirty.jobId);
    }
    const jobs: PersistedJob[] = [];
    for (const jobId of await this.ha.jobGraphStore().jobIds()) {
      if (await results.has(jobId)) {
        // Ended, but its graph outlived the cleanup (a crash between the steps): finish it now.
        await this.cleanup(jobId);
        continue;
      }
      try {
        const payload = await this.ha.jobGraphStore().get(jobId);
        if (payload !== undefined) jobs.push(fromJson(payload, jobId));
      } catch (e) {
        this.log.error(`cannot recover job ${jobId}: ${(e as Error).message}`);
      }
    }
    return jobs;
  }

  /**
   * A job reached a globally terminal state. `stillLeading` is asked before the result is written:
   * a JobManager that lost leadership meanwhile leaves the job to the new leader.
   */
  async jobTerminated(result: JobResult, checkpointsShutDown: Promise<void>, stillLeading: () => boolean): Promise<void> {
    const { jobId } = result;
    if (!stillLeading()) return;
    try {
      await this.ha.jobResultStore().createDirty(jobId, resultSummary(result));
    } catch (e) {
      if (!(await this.ha.jobResultStore().has(jobId).catch(() => false))) {
        this.log.error(`could not record the result of job ${jobId}: ${(e as Error).message}; its HA data stays`);
        return;
      }
    }
    // The JobMaster's last checkpoint writes must be done, or they could re-create deleted nodes.
    await checkpointsShutDown;
    await this.cleanup(jobId);
  }

  /** Deletes the job's HA data and marks its result clean; retried, then left dirty for the next leader. */
  private async cleanup(jobId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ha.cleanupJobData(jobId);
        await this.ha.jobResultStore().markClean(jobId);
        if (this.deleteOnCommit) await this.ha.jobResultStore().deleteClean(jobId);
        this.log.info(`deleted the HA data of job ${jobId}`);
        return;
      } catch (e) {
        if (attempt >= CLEANUP_ATTEMPTS || e instanceof ZooKeeperClosedError) {
          this.log.error(`cleanup of job ${jobId} failed ${attempt} times (${(e as Error).message}); the next leader retries it`);
          return;
        }
        await new Promise<void>((r) => this.clock.setTimeout(r, 200 * attempt));
      }
    }
  }
}

/** The job result store keeps the outcome, not the collected records (they can be large). */
function resultSummary(result: JobResult): HaPayload {
  return toJson({
    jobId: result.jobId,
    state: result.state,
    failure: result.failure ?? null,
    startTime: result.startTime,
    endTime: result.endTime,
    restarts: result.restarts,
  });
}

/** A JSON round trip: drops undefined fields and proves the value is plain JSON. */
function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function fromJson(payload: HaPayload, jobId: string): PersistedJob {
  const job = payload as unknown as Partial<PersistedJob> | null;
  if (payload instanceof Uint8Array || !job || job.jobId !== jobId || !job.submission?.jobGraph || typeof job.bundle?.code !== "string") {
    throw new Error(`the JobGraph store entry of job ${jobId} is not a persisted job`);
  }
  return job as PersistedJob;
}
