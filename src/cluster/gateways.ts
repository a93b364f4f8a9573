/**
 * The components' gateways (DESIGN.md principle 2). Components call each other only through these
 * interfaces, obtained from an RpcService; calls to leaders carry the leader's fencing token.
 */
import type {
  ClusterOverview,
  ExecutionState,
  JobBundle,
  JobDetails,
  JobOverview,
  JobResult,
  JobSubmission,
  SerializedError,
  SlotOffer,
  SlotReport,
  TaskDeploymentDescriptor,
  TaskExecutorHeartbeatPayload,
  TaskExecutorRegistration,
  TaskManagerInfo,
  TaskMetrics,
} from "./messages.js";
import type { CheckpointTrigger } from "../runtime/tasks/stream-task.js";
import type { TaskCheckpointAck } from "../runtime/checkpoint/checkpoint-metadata.js";

export const ENDPOINTS = {
  dispatcher: "dispatcher",
  resourceManager: "resourcemanager",
  taskExecutor: "taskexecutor",
  blobServer: "blobserver",
  jobMaster: (jobId: string): string => `jobmaster-${jobId}`,
} as const;

export interface DispatcherGateway {
  submitJob(submission: JobSubmission, bundle: JobBundle): Promise<{ jobId: string }>;
  listJobs(): JobOverview[];
  requestJob(jobId: string): JobDetails;
  /** Resolves when the job reaches a globally terminal state. */
  requestJobResult(jobId: string): Promise<JobResult>;
  cancelJob(jobId: string): Promise<void>;
  requestClusterOverview(): Promise<ClusterOverview>;
  requestTaskManagers(): Promise<TaskManagerInfo[]>;
}

/** The ResourceManager's answer to a slot declaration. */
export interface ResourceDeclarationStatus {
  /** Why no more slots will come for now (e.g. the TaskManager limit of an active provider is reached). */
  limit?: string;
}

export interface ResourceManagerGateway {
  registerTaskExecutor(registration: TaskExecutorRegistration): Promise<{ resourceManagerId: string }>;
  /** A TaskExecutor's answer to the heartbeat: its current slot report. */
  heartbeatFromTaskExecutor(taskManagerId: string, report: SlotReport): void;
  /**
   * The JobMaster's total slot need; 0 releases the job's requirement. `jobMasterToken` is the
   * JobMaster's fencing token (its leader session id), passed on to the TaskExecutors with each slot.
   */
  declareRequiredResources(jobId: string, jobMasterAddress: string, slots: number, jobMasterToken?: string): ResourceDeclarationStatus | void;
  disconnectTaskExecutor(taskManagerId: string, cause: string): void;
  requestTaskManagers(): TaskManagerInfo[];
}

export interface TaskExecutorGateway {
  /**
   * From the ResourceManager: allocate a slot for a job and offer it to the job's JobMaster, whose
   * endpoint is fenced by `jobMasterToken` when given. A token of an older leader session than the
   * one this TaskExecutor follows is rejected (FencingTokenMismatchError).
   */
  requestSlot(slotIndex: number, allocationId: string, jobId: string, jobMasterAddress: string, jobMasterToken?: string): Promise<void>;
  submitTask(tdd: TaskDeploymentDescriptor): Promise<void>;
  cancelTask(executionId: string): void;
  /** To source tasks: start checkpoint `trigger.barrier.checkpointId` (their barriers flow downstream). */
  triggerCheckpoint(executionId: string, trigger: CheckpointTrigger): void;
  notifyCheckpointComplete(executionId: string, checkpointId: number): void;
  notifyCheckpointAborted(executionId: string, checkpointId: number): void;
  freeSlot(allocationId: string, cause: string): Promise<void>;
  /** Heartbeat from the ResourceManager; the answer carries the slot report. */
  heartbeatFromResourceManager(): SlotReport;
  /** Heartbeat from a JobMaster; the answer carries the job's task metrics. */
  heartbeatFromJobManager(jobId: string): TaskExecutorHeartbeatPayload;
  /**
   * The JobMaster of `jobId` is gone: free the job's slots. With `jobMasterToken`, only slots held for
   * that JobMaster are freed, and a stale JobMaster's call is rejected.
   */
  disconnectJobManager(jobId: string, cause: string, jobMasterToken?: string): Promise<void>;
}

export interface JobMasterGateway {
  offerSlots(taskManagerId: string, taskExecutorAddress: string, dataAddress: string, offers: SlotOffer[]): SlotOffer[];
  /** `metrics`: the task's final metrics, sent with terminal states. */
  updateTaskExecutionState(executionId: string, state: ExecutionState, error?: SerializedError, metrics?: TaskMetrics): void;
  acknowledgeCheckpoint(executionId: string, checkpointId: number, ack: TaskCheckpointAck): void;
  declineCheckpoint(executionId: string, checkpointId: number, reason: SerializedError): void;
  /** Records of a collect sink subtask. */
  collect(executionId: string, nodeId: number, values: unknown[]): void;
  disconnectTaskManager(taskManagerId: string, cause: string): void;
}

export interface BlobServerGateway {
  getBundle(hash: string): JobBundle;
}
