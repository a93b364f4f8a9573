/** Messages and records exchanged between the cluster's components over their gateways. */
import type { JobGraph } from "../graph/job-graph.js";
import type { SerializedError } from "../errors/serialized-error.js";
import type { StackNode } from "../runtime/worker/stack-tree.js";
import type { DefinitionInputs, ExecutionState, TaskDeploymentDescriptor, TaskMetrics, TaskSubmission } from "../runtime/tasks/deployment.js";

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
  /** The port of the TaskManager's Prometheus reporter (metrics.reporter.prom.port), when it has one. */
  prometheusPort?: number;
  memory?: TaskManagerMemoryConfiguration;
}

/** How a TaskManager's memory is bounded: V8's heap limit of its main thread and of each slot's worker. */
export interface TaskManagerMemoryConfiguration {
  mainHeapLimitBytes: number;
  /** taskmanager.memory.task.heap.mb of each slot's worker; undefined: V8's default. */
  workerHeapLimitBytes?: number;
}

/** A TaskManager process's memory now (for /taskmanagers/:taskmanagerid, Flink's TaskManagerMetricsInfo). */
export interface TaskManagerMemory {
  heapUsed: number;
  heapCommitted: number;
  heapMax: number;
  nonHeapUsed: number;
  nonHeapCommitted: number;
  nonHeapMax: number;
  arrayBuffersUsed: number;
  externalUsed: number;
  rss: number;
  garbageCollectors: { name: string; count: number; time: number }[];
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
  /** Nothing failed: a task reported why it waits (a connector retrying its server at start). */
  nonFatal?: boolean;
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
  /** When the subtask entered each state of its current attempt (absent in records rebuilt from REST answers). */
  timestamps?: Partial<Record<ExecutionState, number>>;
  /** The id of the current attempt (Flink's ExecutionAttemptID). */
  executionId?: string;
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
  /**
   * The accumulators of the last attempt, merged over its subtasks, as plain values by name (what
   * Flink's JobExecutionResult.getAccumulatorResult returns: a number, a mean, a value→count map, a list).
   */
  accumulators: Record<string, unknown>;
}

/** One line of the Dispatcher's job list. */
export interface JobOverview {
  jobId: string;
  name: string;
  state: JobStatus;
  startTime: number;
  /** -1 while the job has not ended. */
  endTime: number;
  duration: number;
  /** Subtasks per execution state, and their total. */
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
  memory?: TaskManagerMemoryConfiguration;
  timeSinceLastHeartbeat: number;
  slots: SlotStatus[];
  prometheusPort?: number;
}

/** TaskManagers, slots and jobs of the cluster, as the Dispatcher counts them. */
export interface ClusterOverview {
  taskManagers: number;
  slotsTotal: number;
  slotsAvailable: number;
  jobsRunning: number;
  jobsFinished: number;
  jobsCancelled: number;
  jobsFailed: number;
}

export interface TaskExecutorHeartbeatPayload {
  metrics: Record<string, TaskMetrics>;
  /**
   * What the TaskExecutor holds for the asking JobMaster (Flink's allocated-slot and execution
   * deployment reports): its allocation ids and its executions with their states. The JobMaster
   * reconciles its own view with it (docs/architecture.md, "Failures"). Absent: nothing to reconcile.
   */
  held?: HeldForJob;
}

/**
 * CPU samples of a vertex's running subtasks, for its flame graph (docs/architecture.md, "Flame
 * graphs"); subtasks whose TaskManager did not answer are missing.
 */
export interface VertexCpuSamples {
  /** When the sampling ended (ms since the epoch). */
  endTimestamp: number;
  subtasks: { subtask: number; attempt: number; tree: StackNode }[];
}

export interface HeldForJob {
  allocations: string[];
  executions: Record<string, ExecutionState>;
}

export type { TaskDeploymentDescriptor, TaskSubmission, ExecutionState, SerializedError, TaskMetrics };
