/** Messages and records exchanged between the cluster's components over their gateways. */
import type { JobGraph } from "../graph/job-graph.js";
import type { SerializedError } from "../errors/serialized-error.js";
import type { DefinitionInputs, ExecutionState, TaskDeploymentDescriptor, TaskMetrics } from "../runtime/tasks/deployment.js";

export type JobStatus =
  | "INITIALIZING"
  | "CREATED"
  | "RUNNING"
  | "FAILING"
  | "FAILED"
  | "CANCELLING"
  | "CANCELED"
  | "FINISHED"
  | "RESTARTING"
  | "SUSPENDED";

export function isGloballyTerminal(s: JobStatus): boolean {
  return s === "FINISHED" || s === "CANCELED" || s === "FAILED";
}

export interface SlotId {
  taskManagerId: string;
  slotIndex: number;
}

export interface SlotStatus {
  slotIndex: number;
  /** The job holding the slot, if allocated. */
  jobId?: string;
  allocationId?: string;
}

export interface SlotReport {
  slots: SlotStatus[];
}

export interface TaskExecutorRegistration {
  taskManagerId: string;
  /** RPC address of the TaskExecutor. */
  address: string;
  /** Where other TaskManagers send data frames. */
  dataAddress: string;
  host: string;
  numberOfSlots: number;
  slotReport: SlotReport;
  hardware: { cpuCores: number; memoryBytes: number };
}

export interface SlotOffer {
  allocationId: string;
  slotIndex: number;
}

/** The job bundle as submitted: content-addressed JavaScript (the JAR's counterpart). */
export interface JobBundle {
  hash: string;
  code: string;
}

export interface JobSubmission {
  jobGraph: JobGraph;
  bundleHash: string;
  definition: DefinitionInputs;
  /** Start from this savepoint (or retained checkpoint) folder or `_metadata` file. */
  savepointPath?: string;
  /** Allow savepoint state for operators (uids) the job no longer has. */
  allowNonRestoredState?: boolean;
}

export interface ExceptionInfo {
  exceptionName: string;
  message: string;
  stacktrace: string;
  timestamp: number;
  taskName?: string;
  location?: string;
}

export interface SubtaskInfo {
  subtask: number;
  status: ExecutionState;
  attempt: number;
  taskManagerId?: string;
  host?: string;
  startTime: number;
  endTime: number;
  metrics?: TaskMetrics;
}

export interface VertexInfo {
  id: string;
  name: string;
  parallelism: number;
  maxParallelism: number;
  status: ExecutionState;
  startTime: number;
  endTime: number;
  tasks: Partial<Record<ExecutionState, number>>;
  subtasks: SubtaskInfo[];
}

export interface JobDetails {
  jid: string;
  name: string;
  state: JobStatus;
  startTime: number;
  endTime: number;
  duration: number;
  now: number;
  timestamps: Partial<Record<JobStatus, number>>;
  vertices: VertexInfo[];
  statusCounts: Partial<Record<ExecutionState, number>>;
  jobGraph: JobGraph;
  /** Why the job is not running yet, e.g. waiting for slots. */
  statusMessage?: string;
  restarts: number;
}

export interface JobResult {
  jobId: string;
  state: JobStatus;
  /** Records of collect sinks (executeAndCollect), by sink node id. */
  collected: Record<number, unknown[]>;
  failure?: SerializedError;
  startTime: number;
  endTime: number;
  restarts: number;
  /** How many checkpoints completed and how often the job restored state from one. */
  checkpoints: { completed: number; restored: number };
}

export interface JobOverview {
  jid: string;
  name: string;
  state: JobStatus;
  "start-time": number;
  "end-time": number;
  duration: number;
  tasks: Partial<Record<ExecutionState, number>> & { total: number };
}

export interface TaskManagerInfo {
  id: string;
  address: string;
  dataAddress: string;
  host: string;
  slotsNumber: number;
  freeSlots: number;
  hardware: { cpuCores: number; memoryBytes: number };
  timeSinceLastHeartbeat: number;
  slots: SlotStatus[];
}

export interface ClusterOverview {
  taskmanagers: number;
  "slots-total": number;
  "slots-available": number;
  "jobs-running": number;
  "jobs-finished": number;
  "jobs-cancelled": number;
  "jobs-failed": number;
  "sluice-version": string;
}

export interface TaskExecutorHeartbeatPayload {
  metrics: Record<string, TaskMetrics>;
}

export type { TaskDeploymentDescriptor, ExecutionState, SerializedError, TaskMetrics };
