/** What a TaskExecutor receives to run one parallel subtask (Flink's TaskDeploymentDescriptor). */
import type { JobGraph } from "../../graph/job-graph.js";
import type { WorkerKey } from "../network/frames.js";
import type { TaskCheckpointAck, TaskRestore } from "../checkpoint/checkpoint-metadata.js";
import type { StateBackendSettings } from "../state/state-backend-settings.js";

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

export interface TaskDeploymentDescriptor {
  jobId: string;
  executionId: string;
  /** Restart count of the job; channels of different attempts never mix. */
  attempt: number;
  vertexId: string;
  subtaskIndex: number;
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
  /** The deploying JobMaster's fencing token: a TaskExecutor refuses a deployment of a stale JobMaster. */
  jobMasterToken?: string;
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
  /** Buffers waiting for credit (producer side) plus buffers received but not yet processed. */
  inFlightBuffers: number;
  currentInputWatermark: number | null;
}
