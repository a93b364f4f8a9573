/**
 * The Dispatcher's side of the HA data lifecycle (DESIGN.md section 7), kept out of the Dispatcher
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
import type { CheckpointIdCounter, CompletedCheckpointStore, HighAvailabilityServices } from "../ha/interface.js";
import type { JobBundle, JobResult, JobSubmission } from "../messages.js";
import type { Logger } from "../../util/logger.js";
/** What the JobGraph store keeps per job. */
export interface PersistedJob {
    jobId: string;
    submission: JobSubmission;
    bundle: JobBundle;
}
/** Flink's key: delete a job's result entry once its cleanup is done (default true). */
export declare const DELETE_ON_COMMIT = "job-result-store.delete-on-commit";
export declare class JobPersistence {
    private readonly ha;
    private readonly log;
    private readonly deleteOnCommit;
    constructor(ha: HighAvailabilityServices, config: Readonly<Record<string, string>>, logger: Logger);
    /** Rejects a job that has already ended: a job with a result is never run again. */
    checkNotEnded(jobId: string): Promise<void>;
    persist(job: PersistedJob): Promise<void>;
    /** The job's completed checkpoints and checkpoint id counter, which outlive its JobMaster. */
    checkpointStores(jobId: string, maxRetained: number): {
        checkpointStore: CompletedCheckpointStore;
        checkpointIdCounter: CheckpointIdCounter;
    };
    /**
     * What a new leader does first: finish the cleanup of every dirty result, then read back every
     * persisted job that has no result. A job whose graph cannot be read is logged and skipped (it
     * stays in the store for an operator to look at) rather than blocking the other jobs.
     */
    recoverJobs(): Promise<PersistedJob[]>;
    /**
     * A job reached a globally terminal state. `stillLeading` is asked before the result is written:
     * a JobManager that lost leadership meanwhile leaves the job to the new leader.
     */
    jobTerminated(result: JobResult, checkpointsShutDown: Promise<void>, stillLeading: () => boolean): Promise<void>;
    /** Deletes the job's HA data and marks its result clean; retried, then left dirty for the next leader. */
    private cleanup;
}
