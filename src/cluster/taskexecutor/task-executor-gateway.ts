/**
 * The TaskExecutor's gateway: slots, task deployment and checkpoint calls. Components call each other only through
 * gateways obtained from an RpcService (docs/architecture.md, "Components").
 */
import type { SlotReport, TaskExecutorHeartbeatPayload, TaskManagerMemory, TaskSubmission } from "../messages.js";
import type { LogFileInfo, LogRequest, LogTail } from "../logs/log-files.js";
import type { CheckpointTrigger } from "../../runtime/tasks/stream-task.js";
import type { OperatorEventToTask } from "../../runtime/coordination/operator-events.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";
import type { StackNode } from "../../runtime/worker/stack-tree.js";
import type { MetricGroupDump } from "../../runtime/metrics/metric-dump.js";

export interface TaskExecutorGateway {
  /**
   * From the ResourceManager: allocate a slot for a job and offer it to the job's JobMaster, whose
   * endpoint is fenced by `jobMasterToken` when given. A token of an older leader session than the
   * one this TaskExecutor follows is rejected (FencingTokenMismatchError).
   */
  requestSlot(slotIndex: number, allocationId: string, jobId: string, jobMasterAddress: string, jobMasterToken?: string): Promise<void>;
  /**
   * Deploys one subtask into its allocated slot. The first submission of an attempt to this
   * TaskExecutor carries the attempt's shared part; later ones name it by `sharedId`
   * (MissingDeploymentDataError when it never arrived).
   */
  submitTask(submission: TaskSubmission): Promise<void>;
  /** Throws TaskNotFoundError for an execution this TaskExecutor does not have. */
  cancelTask(executionId: string): void;
  /** To source tasks: start checkpoint `trigger.barrier.checkpointId` (their barriers flow downstream). */
  triggerCheckpoint(executionId: string, trigger: CheckpointTrigger): void;
  notifyCheckpointComplete(executionId: string, checkpointId: number): void;
  notifyCheckpointAborted(executionId: string, checkpointId: number): void;
  /**
   * A source event from the split enumerator to a source task (splits, no more splits, a custom
   * event). Delivered in order with triggerCheckpoint (docs/architecture.md, "Sources and split
   * enumerators"); an event for a task this TaskExecutor does not have is dropped.
   */
  sendOperatorEventToTask(executionId: string, event: OperatorEventToTask): void;
  /**
   * Samples the CPU of the workers running these executions (for a flame graph) and answers each
   * execution's call tree; executions not running here are left out. A worker runs every task of its
   * slot, so executions in one worker share its tree. CpuSamplingError for a request out of bounds.
   */
  requestCpuSamples(executionIds: string[], request: CpuSampleRequest): Promise<Record<string, StackNode>>;
  freeSlot(allocationId: string, cause: string): Promise<void>;
  /** Heartbeat from the ResourceManager; the answer carries the slot report. */
  heartbeatFromResourceManager(): SlotReport;
  /**
   * Heartbeat from a JobMaster; the answer carries the job's task metrics and what is held here for
   * that JobMaster (with `jobMasterToken`, only slots allocated to it): allocations and executions.
   */
  heartbeatFromJobManager(jobId: string, jobMasterToken?: string): TaskExecutorHeartbeatPayload;
  /**
   * The JobMaster of `jobId` is gone: free the job's slots. With `jobMasterToken`, only slots held for
   * that JobMaster are freed, and a stale JobMaster's call is rejected.
   */
  disconnectJobManager(jobId: string, cause: string, jobMasterToken?: string): Promise<void>;
  /**
   * Every metric of this TaskManager now (Flink's MetricQueryService): its own and, collected on
   * demand from each slot's worker, its tasks' and operators' (docs/architecture.md, "Metrics").
   * `includeEnded` (default true): also the last values of tasks that ended within the last minute.
   */
  requestMetricDump(includeEnded?: boolean): Promise<MetricGroupDump[]>;
  /** The log files of this TaskManager's process (docs/architecture.md, "Logs"). */
  requestLogList(): LogFileInfo[];
  /** The last `maxBytes` of a log file, the main log or stdout; undefined when there is no such log. */
  requestLog(which: LogRequest, maxBytes: number): LogTail | undefined;
  /** The process's memory now. */
  requestMemory(): TaskManagerMemory;
}
