/**
 * The contract between the REST endpoint and whatever coordinates checkpoints (the Dispatcher, which
 * asks the job's JobMaster and its CheckpointCoordinator). The REST layer turns these camelCase
 * records into Flink's JSON field names and runs savepoints as asynchronous operations with trigger
 * ids; the implementer only returns facts and promises.
 *
 * Until the Dispatcher implements it, `JobGraphCheckpointQueries` answers from what exists: the
 * job's checkpoint settings (JobGraph + configuration), no checkpoint statistics (none are taken),
 * and savepoints that fail with an explanation, as a failed savepoint does in Flink.
 */
import type { JobDetails } from "../cluster/messages.js";
import type { MaybePromise } from "./dispatcher-api.js";

export type CheckpointStatus = "IN_PROGRESS" | "COMPLETED" | "FAILED";

export interface CheckpointStatsEntry {
  id: number;
  status: CheckpointStatus;
  isSavepoint: boolean;
  triggerTimestamp: number;
  /** Time of the last acknowledgement, -1 before the first. */
  latestAckTimestamp: number;
  /** Bytes of state in the checkpoint (full size). */
  stateSize: number;
  /** Bytes written for this checkpoint (incremental size; equals stateSize for full snapshots). */
  checkpointedSize: number;
  /** ms from trigger to the last acknowledgement (or to now while in progress). */
  endToEndDuration: number;
  numSubtasks: number;
  numAcknowledgedSubtasks: number;
  /** Where the completed checkpoint's metadata lives (`…/chk-<n>`), for completed ones. */
  externalPath?: string;
  /** Whether the checkpoint was deleted since (beyond the retained count). */
  discarded?: boolean;
  failureTimestamp?: number;
  failureMessage?: string;
}

export interface CheckpointStatsSnapshot {
  counts: { restored: number; total: number; inProgress: number; completed: number; failed: number };
  /** Most recent first; bounded by the coordinator (Flink: web.checkpoints.history, 10). */
  history: CheckpointStatsEntry[];
  latestCompleted?: CheckpointStatsEntry;
  latestSavepoint?: CheckpointStatsEntry;
  latestFailed?: CheckpointStatsEntry;
  restored?: { id: number; restoreTimestamp: number; isSavepoint: boolean; externalPath?: string };
}

export interface CheckpointConfigSnapshot {
  mode: "exactly_once" | "at_least_once";
  interval: number;
  timeout: number;
  minPause: number;
  maxConcurrent: number;
  externalization: { enabled: boolean; deleteOnCancellation: boolean };
  stateBackend: string;
  checkpointStorage: string;
  unalignedCheckpoints: boolean;
  tolerableFailedCheckpoints: number;
}

export type SavepointFormat = "CANONICAL" | "NATIVE";

export interface SavepointRequest {
  /** Already resolved inside an allowed savepoint root by the REST layer; undefined = configured default. */
  targetDirectory?: string;
  formatType: SavepointFormat;
}

/** The methods the Dispatcher must provide for the checkpoint and savepoint endpoints. */
export interface CheckpointQueries {
  /** Throws UnknownJobError for an unknown job. */
  checkpointStats(jobId: string): MaybePromise<CheckpointStatsSnapshot>;
  /** undefined when checkpointing is disabled for the job (answered with 404, as Flink does). */
  checkpointConfig(jobId: string): MaybePromise<CheckpointConfigSnapshot | undefined>;
  /** Takes a savepoint (and cancels the job after it when cancelJob); resolves with its path. */
  triggerSavepoint(jobId: string, request: SavepointRequest & { cancelJob: boolean }): Promise<{ location: string }>;
  /** Stop-with-savepoint: savepoint, then finish the job (drain: emit MAX_WATERMARK first). */
  stopWithSavepoint(jobId: string, request: SavepointRequest & { drain: boolean }): Promise<{ location: string }>;
}

const METHODS = ["checkpointStats", "checkpointConfig", "triggerSavepoint", "stopWithSavepoint"] as const;

/** Whether a Dispatcher already implements the checkpoint queries itself. */
export function implementsCheckpointQueries(o: object): o is CheckpointQueries {
  const r = o as Record<string, unknown>;
  return METHODS.every((m) => typeof r[m] === "function");
}

export class SavepointUnavailableError extends Error {
  override name = "SavepointUnavailableError";
}

/**
 * Answers from the JobGraph and the configuration while no CheckpointCoordinator exists: the
 * configured checkpoint settings are real, no checkpoints have been taken, a savepoint cannot be.
 */
export class JobGraphCheckpointQueries implements CheckpointQueries {
  constructor(
    private readonly job: (jobId: string) => MaybePromise<JobDetails>,
    private readonly config: Readonly<Record<string, string>>,
  ) {}

  async checkpointStats(jobId: string): Promise<CheckpointStatsSnapshot> {
    await this.job(jobId);
    return { counts: { restored: 0, total: 0, inProgress: 0, completed: 0, failed: 0 }, history: [] };
  }

  async checkpointConfig(jobId: string): Promise<CheckpointConfigSnapshot | undefined> {
    const details = await this.job(jobId);
    const fromJob = details.jobGraph.settings.checkpointInterval;
    const interval = typeof fromJob === "number" && fromJob > 0 ? fromJob : durationMs(this.config["execution.checkpointing.interval"], 0);
    if (interval <= 0) return undefined;
    const c = this.config;
    const retention = c["execution.checkpointing.externalized-checkpoint-retention"] ?? "NO_EXTERNALIZED_CHECKPOINTS";
    return {
      mode: c["execution.checkpointing.mode"]?.toLowerCase() === "at_least_once" ? "at_least_once" : "exactly_once",
      interval,
      timeout: durationMs(c["execution.checkpointing.timeout"], 600_000),
      minPause: durationMs(c["execution.checkpointing.min-pause"], 0),
      maxConcurrent: Number(c["execution.checkpointing.max-concurrent-checkpoints"] ?? 1),
      externalization: { enabled: retention !== "NO_EXTERNALIZED_CHECKPOINTS", deleteOnCancellation: retention === "DELETE_ON_CANCELLATION" },
      stateBackend: c["state.backend.type"] ?? "hashmap",
      checkpointStorage: c["execution.checkpointing.dir"] || c["state.checkpoints.dir"] ? "FileSystemCheckpointStorage" : "JobManagerCheckpointStorage",
      unalignedCheckpoints: c["execution.checkpointing.unaligned"] === "true",
      tolerableFailedCheckpoints: Number(c["execution.checkpointing.tolerable-failed-checkpoints"] ?? 0),
    };
  }

  async triggerSavepoint(jobId: string): Promise<{ location: string }> {
    await this.job(jobId);
    throw new SavepointUnavailableError("this Dispatcher has no CheckpointCoordinator yet, so it cannot take savepoints; the job keeps running");
  }

  async stopWithSavepoint(jobId: string): Promise<{ location: string }> {
    await this.job(jobId);
    throw new SavepointUnavailableError("this Dispatcher has no CheckpointCoordinator yet, so it cannot stop a job with a savepoint; the job keeps running (cancel it instead)");
  }
}

/** Flink durations: "500", "500 ms", "10 s", "1 min", "1h". */
export function durationMs(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|milli|millis|s|sec|secs|second|seconds|min|mins|minute|minutes|h|hour|hours)?\s*$/i.exec(value);
  if (!m) return fallback;
  const n = Number(m[1]);
  const unit = (m[2] ?? "ms").toLowerCase();
  if (unit.startsWith("h")) return n * 3_600_000;
  if (unit.startsWith("min")) return n * 60_000;
  if (unit.startsWith("s")) return n * 1000;
  return n;
}
