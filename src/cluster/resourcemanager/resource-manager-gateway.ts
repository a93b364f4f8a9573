/**
 * The ResourceManager's gateway: TaskExecutor registration and slot declarations. Components call each other only through
 * gateways obtained from an RpcService (docs/architecture.md, "Components").
 */
import type { SlotReport, TaskExecutorRegistration, TaskManagerInfo, TaskManagerMemory } from "../messages.js";
import type { LogFileInfo, LogRequest, LogTail } from "../logs/log-files.js";

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
  /** A registered TaskExecutor's logs and memory, asked of it (UnknownTaskManagerError for an unknown id). */
  requestTaskManagerLogList(taskManagerId: string): Promise<LogFileInfo[]>;
  requestTaskManagerLog(taskManagerId: string, which: LogRequest, maxBytes: number): Promise<LogTail | undefined>;
  requestTaskManagerMemory(taskManagerId: string): Promise<TaskManagerMemory>;
}
