/**
 * What the checkpoint and savepoint endpoints need from the Dispatcher (which asks the job's
 * JobMaster and its CheckpointCoordinator). The REST layer turns the answers into Flink's JSON and
 * runs savepoints as asynchronous operations with trigger ids, so the Dispatcher only returns facts
 * and promises. A Dispatcher reached over RPC may answer every query asynchronously.
 */
import type { CheckpointStatsSnapshot } from "../cluster/jobmaster/checkpoint-stats.js";
import type { CheckpointSettings } from "../cluster/jobmaster/checkpoint-settings.js";
import type { MaybePromise } from "./dispatcher-api.js";
export type { CheckpointStatsSnapshot, CheckpointSettings };
export interface CheckpointQueries {
    /** Counts, latest and bounded history; throws UnknownJobError for an unknown job. */
    requestCheckpointStats(jobId: string): MaybePromise<CheckpointStatsSnapshot>;
    /** The job's checkpoint settings; intervalMs 0 means periodic checkpointing is disabled. */
    requestCheckpointConfig(jobId: string): MaybePromise<CheckpointSettings>;
    /** Takes a savepoint under `dir` (default: the configured savepoint directory); resolves with its folder. */
    triggerSavepoint(jobId: string, dir?: string): Promise<string>;
    /** Stop-with-savepoint (drain: emit MAX_WATERMARK first); resolves with the savepoint's folder. */
    stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string>;
}
