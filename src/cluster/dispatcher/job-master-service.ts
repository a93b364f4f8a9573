/**
 * What the Dispatcher needs from the JobMaster of one job (Flink's JobMasterService and its
 * JobManagerRunner; docs/architecture.md, "Components"), and the factory it gets JobMasters from.
 * The JobMaster class (src/cluster/jobmaster/job-master.ts) satisfies the contract; the default
 * factory creating it is default-job-master-factory.ts, wired by the JobManager's leadership. Tests
 * give the Dispatcher a factory of doubles (src/testing/cluster/testing-job-master-service.ts).
 */
import type { CheckpointIdCounter, CompletedCheckpointStore } from "../ha/interface.js";
import type { CheckpointSettings } from "../jobmaster/checkpoint-settings.js";
import type { CheckpointStatsSnapshot, CheckpointDetails } from "../jobmaster/checkpoint-stats.js";
import type { ExceptionInfo, JobDetails, JobResult, JobStatus, JobSubmission, VertexCpuSamples } from "../messages.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";
import type { TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";
import type { CollectResponse } from "../../runtime/coordination/collect-protocol.js";

/** What an operator's coordinator answers a client (a collect sink's: its records). */
export type CoordinationResponse = CollectResponse & { exactlyOnce: boolean };

/** The job's checkpointing, as the Dispatcher's queries and triggers reach it. */
export interface JobCheckpoints {
  readonly stats: { snapshot(): CheckpointStatsSnapshot; details(checkpointId: number): CheckpointDetails | undefined };
  readonly settings: CheckpointSettings;
  /** A checkpoint now (besides the periodic ones); resolves with its `_metadata` path, tells its id once it has one. */
  triggerCheckpoint(onTriggered?: (checkpointId: number) => void): Promise<string>;
}

export interface JobMasterService {
  readonly jobId: string;
  /** Starts scheduling the job (serves its endpoint, declares its slots). */
  start(): Promise<void>;
  /** Cancels the job; does nothing once it is globally terminal, cancelling or suspended. */
  cancel(): void;
  /** Leadership lost: stop acting, end in SUSPENDED; the job's HA data stays for the next leader. */
  suspend(cause: string): void;
  details(): JobDetails;
  readonly jobStatus: JobStatus;
  exceptionHistory(): ExceptionInfo[];
  /** Resolves with the savepoint's folder; with `stop` the sources end after it and the job finishes. */
  triggerSavepoint(dir: string | undefined, stop?: "terminate" | "drain"): Promise<string>;
  readonly checkpoints: JobCheckpoints;
  /** A client's request to an operator's coordinator (collect sinks); CoordinationRequestError when it has none. */
  deliverCoordinationRequest(operatorUid: string, request: unknown): CoordinationResponse;
  /** Samples the CPU of the vertex's running subtasks (none running: no subtasks in the answer). */
  sampleVertexCpu(vertexId: string, request: CpuSampleRequest): Promise<VertexCpuSamples>;
  /** Settles once the job is globally terminal or suspended. */
  readonly result: Promise<JobResult>;
  /** Settles once the job's checkpoint bookkeeping has stopped (after a terminal state or suspension). */
  checkpointsShutDown(): Promise<void>;
}

/** Everything the Dispatcher decides about one JobMaster; the factory adds the cluster's services. */
export interface JobMasterServiceOptions {
  jobId: string;
  submission: JobSubmission;
  /** A savepoint to start from, already checked against the job's operators. */
  initialRestore?: TaskRestore;
  /** The leader session id of the Dispatcher's term: it fences the JobMaster too. */
  fencingToken?: string;
  /** With HA: where the job's completed checkpoints and checkpoint ids are kept. */
  checkpointStore?: CompletedCheckpointStore;
  checkpointIdCounter?: CheckpointIdCounter;
}

export interface JobMasterFactory {
  create(options: JobMasterServiceOptions): JobMasterService;
}
