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
import type { CheckpointStatsSnapshot } from "../jobmaster/checkpoint-stats.js";
import type { ClusterOverview, ExceptionInfo, JobBundle, JobDetails, JobOverview, JobResult, JobSubmission, TaskManagerInfo, VertexCpuSamples } from "../messages.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";

export type MaybePromise<T> = T | Promise<T>;

export type { CheckpointSettings, CheckpointStatsSnapshot };

export interface RestfulGateway {
  /** Stores the bundle and starts the job; the bundle's hash must be the submission's. */
  submitJob(submission: JobSubmission, bundle: JobBundle): Promise<{ jobId: string }>;
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
  /** Stop-with-savepoint (drain: emit MAX_WATERMARK first); resolves with the savepoint's folder. */
  stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string>;
}
