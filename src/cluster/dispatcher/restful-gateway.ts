/**
 * What the REST endpoint needs from the cluster (Flink's RestfulGateway; docs/architecture.md,
 * "Control plane"): the Dispatcher implements it, and so does the leader-following gateway of a
 * standby JobManager. The REST layer (src/rest/) uses only this contract and turns its domain
 * answers into Flink's JSON itself (src/rest/views/).
 *
 * The embedded Dispatcher answers some questions synchronously; a Dispatcher reached over RPC
 * answers all of them asynchronously, so every method may return either and callers always await.
 * Errors: UnknownJobError for a job the Dispatcher does not know, JobSubmissionError (and its
 * subclasses) or BlobIntegrityError for a refused submission, LeaderUnavailableError while no leader
 * is known.
 */
import type { CheckpointSettings } from "../jobmaster/checkpoint-settings.js";
import type { CheckpointStatsSnapshot, CheckpointDetails } from "../jobmaster/checkpoint-stats.js";
import type { ClusterOverview, ExceptionInfo, JobBundle, JobDetails, JobOverview, JobResult, JobSubmission, TaskManagerInfo, VertexCpuSamples, TaskManagerMemory } from "../messages.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";
import type { LogFileInfo, LogRequest, LogTail } from "../logs/log-files.js";
import type { CoordinationResponse } from "./job-master-service.js";

export type MaybePromise<T> = T | Promise<T>;

export type { CheckpointDetails, CheckpointSettings, CheckpointStatsSnapshot };

export interface RestfulGateway {
  /**
   * Stores the bundle and starts the job; the bundle's hash must be the submission's. `jobId`: the id
   * the job gets (DuplicateJobSubmissionError when taken); random by default.
   */
  submitJob(submission: JobSubmission, bundle: JobBundle, jobId?: string): Promise<{ jobId: string }>;
  listJobs(): MaybePromise<JobOverview[]>;
  requestJob(jobId: string): MaybePromise<JobDetails>;
  requestExceptions(jobId: string): MaybePromise<ExceptionInfo[]>;
  /** Resolves once the job is globally terminal. */
  requestJobResult(jobId: string): Promise<JobResult>;
  cancelJob(jobId: string): Promise<void>;
  requestClusterOverview(): Promise<ClusterOverview>;
  requestTaskManagers(): Promise<TaskManagerInfo[]>;
  /** Counts, latest and bounded history of the job's checkpoints. */
  requestCheckpointStats(jobId: string): MaybePromise<CheckpointStatsSnapshot>;
  /** The job's checkpoint settings; intervalMs 0 means periodic checkpointing is disabled. */
  requestCheckpointConfig(jobId: string): MaybePromise<CheckpointSettings>;
  /** Takes a savepoint under `dir` (default: the configured savepoint directory); resolves with its folder. */
  triggerSavepoint(jobId: string, dir?: string): Promise<string>;
  /** CPU samples of a vertex's running subtasks, taken now (for its flame graph; docs/architecture.md, "Flame graphs"). */
  requestVertexCpuSamples(jobId: string, vertexId: string, request: CpuSampleRequest): Promise<VertexCpuSamples>;
  /**
   * A client's request to the coordinator of an operator of the job, by operator uid (Flink's
   * POST /jobs/:jobid/coordinators/:operatorid): the collect sinks of collectAsync() take them.
   */
  deliverCoordinationRequest(jobId: string, operatorUid: string, request: unknown): MaybePromise<CoordinationResponse>;
  /** Stop-with-savepoint (drain: emit MAX_WATERMARK first); resolves with the savepoint's folder. */
  stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string>;
  /** A checkpoint now; resolves with its id and `_metadata` path once it is complete. */
  triggerCheckpoint(jobId: string): Promise<{ checkpointId: number; path: string }>;
  /** One checkpoint of the history with its subtasks' acknowledgements; undefined when it is not (or no longer) there. */
  requestCheckpointDetails(jobId: string, checkpointId: number): MaybePromise<CheckpointDetails | undefined>;
  /** Deletes a savepoint folder; CheckpointStorageError when the path is not a savepoint. */
  disposeSavepoint(path: string): Promise<void>;
  /** Shuts the cluster down after answering; ClusterShutdownRefusedError for an embedded cluster. */
  shutDownCluster(): Promise<void>;
  /** A TaskManager's log files, one log's end, its memory: asked of it (UnknownTaskManagerError for an unknown id). */
  requestTaskManagerLogList(taskManagerId: string): Promise<LogFileInfo[]>;
  requestTaskManagerLog(taskManagerId: string, which: LogRequest, maxBytes: number): Promise<LogTail | undefined>;
  requestTaskManagerMemory(taskManagerId: string): Promise<TaskManagerMemory>;
}
