/** What a TaskExecutor receives to run one parallel subtask (Flink's TaskDeploymentDescriptor). */
import type { AccumulatorSnapshot } from "../../api/accumulators.js";
import type { JobGraph } from "../../graph/job-graph.js";
import type { WorkerKey } from "../network/frames.js";
import type { TaskCheckpointAck, TaskRestore } from "../checkpoint/checkpoint-metadata.js";
import type { StateBackendSettings } from "../state/state-backend-settings.js";
import { createHash } from "node:crypto";
import { Packr } from "msgpackr";

export interface JobBundleRef {
  /** Content hash: workers cache bundles by it. */
  hash: string;
  /** Where the TaskExecutor stored the bundle on its machine. */
  path: string;
}

/** Inputs to the job definition: evaluating it with these must give the same JobGraph everywhere. */
export interface DefinitionInputs {
  args: string[];
  config: Record<string, string>;
  defaultParallelism: number;
}

/**
 * The part of a deployment that every task of one job attempt shares. The JobMaster encodes it once
 * per attempt and sends it once to each TaskManager (docs/architecture.md, "Scheduling"): with the
 * location table in every task's descriptor, deploying n tasks would cost O(n²).
 */
export interface DeploymentShared {
  jobGraph: JobGraph;
  /** For every vertex, the worker of each of its subtasks. */
  locations: Record<string, WorkerKey[]>;
  /** Data address of every TaskManager that runs a task of the job, by TaskManager id. */
  dataAddresses: Record<string, string>;
  bundle: JobBundleRef;
  definition: DefinitionInputs;
  /** The checkpoint or savepoint to resume from. */
  restore?: TaskRestore;
  /** The keyed state backend, resolved by the JobMaster from the job's settings and the configuration. */
  stateBackend?: StateBackendSettings;
  /**
   * The JobMaster takes checkpoints after tasks finish (FLIP-147): a task whose operators finished
   * waits for its final checkpoint before it ends (final-checkpoint.ts).
   */
  finalCheckpoint?: boolean;
  /** Tasks keep local copies of their checkpoints (docs/checkpoints.md, "Task-local recovery"). */
  localRecovery?: boolean;
}

/** The per-task part: which subtask, which attempt, and which shared part it belongs to. */
export interface TaskSubmission {
  jobId: string;
  executionId: string;
  /** Restart count of the job; channels of different attempts never mix. */
  attempt: number;
  vertexId: string;
  subtaskIndex: number;
  /** The deploying JobMaster's fencing token: a TaskExecutor refuses a deployment of a stale JobMaster. */
  jobMasterToken?: string;
  /**
   * The slot allocation the task is deployed into: a TaskExecutor rejects a deployment for an
   * allocation its slot no longer holds (one delayed on the network past the slot's re-allocation).
   */
  allocationId?: string;
  /** Names the attempt's shared part (job, attempt and JobMaster term). */
  sharedId: string;
  /** The shared part, encoded; in the first submission of an attempt to each TaskManager only. */
  shared?: Uint8Array;
}

/** What the TaskExecutor adds for its own machine. */
export interface TaskManagerLocalSettings {
  /** With local recovery: the folder of this subtask's local state copies on this TaskManager. */
  localStateDir?: string;
}

/** What a worker receives to run one subtask: the submission with its shared part. */
export type TaskDeploymentDescriptor = Omit<TaskSubmission, "sharedId" | "shared"> & DeploymentShared & TaskManagerLocalSettings;

const sharedCodec = new Packr({ useRecords: false, moreTypes: true });

export function encodeDeploymentShared(shared: DeploymentShared): Uint8Array {
  return sharedCodec.pack(shared);
}

export function decodeDeploymentShared(bytes: Uint8Array): DeploymentShared {
  return sharedCodec.unpack(bytes) as DeploymentShared;
}

/** The id of an attempt's shared part. */
export function deploymentSharedId(jobId: string, attempt: number, jobMasterToken: string | undefined): string {
  return `${jobId}/${attempt}/${jobMasterToken ?? "-"}`;
}

/**
 * The key of an attempt in its channel ids (runtime/network/frames.ts, channelId): a digest of the
 * job, the restart count and the deploying JobMaster's term, short because it travels in every frame.
 */
export function attemptKeyOf(task: Pick<TaskSubmission, "jobId" | "attempt" | "jobMasterToken">): string {
  return createHash("sha256").update(deploymentSharedId(task.jobId, task.attempt, task.jobMasterToken)).digest("base64url").slice(0, 16);
}

export function taskDeploymentDescriptor(submission: TaskSubmission, shared: DeploymentShared): TaskDeploymentDescriptor {
  const { sharedId: _id, shared: _bytes, ...task } = submission;
  return { ...task, ...shared };
}

export type { TaskCheckpointAck };

export type ExecutionState =
  | "CREATED"
  | "SCHEDULED"
  | "DEPLOYING"
  | "INITIALIZING"
  | "RUNNING"
  | "FINISHED"
  | "CANCELING"
  | "CANCELED"
  | "FAILED";

export function isTerminalExecutionState(s: ExecutionState): boolean {
  return s === "FINISHED" || s === "CANCELED" || s === "FAILED";
}

export interface TaskMetrics {
  numRecordsIn: number;
  numRecordsOut: number;
  numBytesIn: number;
  numBytesOut: number;
  /** Share of the last second (ms per second) spent processing, blocked on output, and waiting for input. */
  busyTimeMsPerSecond: number;
  backPressuredTimeMsPerSecond: number;
  idleTimeMsPerSecond: number;
  /** Milliseconds spent busy, backpressured and idle since the task started. */
  accumulatedBusyTimeMs: number;
  accumulatedBackPressuredTimeMs: number;
  accumulatedIdleTimeMs: number;
  /** Buffers waiting for credit (producer side) plus buffers received but not yet processed. */
  inFlightBuffers: number;
  currentInputWatermark: number | null;
  /**
   * The user functions' accumulators (absent when there are none). They travel with the metrics, as
   * Flink's travel with the TaskExecutor's heartbeat, and the final ones with the terminal state.
   */
  accumulators?: Record<string, AccumulatorSnapshot>;
  /**
   * Set when the task restored state: whether all of it came from the task's local copy on its
   * TaskManager (docs/checkpoints.md, "Task-local recovery") rather than the checkpoint storage.
   */
  restoredLocally?: boolean;
}
