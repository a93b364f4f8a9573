/**
 * A ResourceManager double for component tests (Flink's TestingResourceManagerGateway pattern):
 * every method does nothing and returns a neutral value unless the test overrides it, and every call
 * is recorded. Served on an RpcService under the ResourceManager's endpoint name.
 */
import type { RpcService, ServedEndpoint } from "../../cluster/rpc/interface.js";
import { ENDPOINTS } from "../../cluster/endpoints.js";
import type { ResourceDeclarationStatus, ResourceManagerGateway } from "../../cluster/resourcemanager/resource-manager-gateway.js";
import type { SlotReport, TaskExecutorRegistration, TaskManagerInfo, TaskManagerMemory } from "../../cluster/messages.js";
import type { LogFileInfo, LogRequest, LogTail } from "../../cluster/logs/log-files.js";
import { UnknownTaskManagerError } from "../../cluster/resourcemanager/resource-manager-errors.js";
import type { RecordedCall } from "./testing-task-executor-gateway.js";

export class TestingResourceManagerGateway implements ResourceManagerGateway {
  readonly calls: RecordedCall[] = [];

  constructor(private readonly overrides: Partial<ResourceManagerGateway> = {}) {}

  /** Serves this double as the ResourceManager of `rpc`, fenced by `sessionId` when given. */
  serve(rpc: RpcService, sessionId?: string): ServedEndpoint {
    return rpc.serve(ENDPOINTS.resourceManager, this, sessionId === undefined ? {} : { fencingToken: () => sessionId });
  }

  callsOf<M extends keyof ResourceManagerGateway>(method: M): Parameters<ResourceManagerGateway[M]>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args as Parameters<ResourceManagerGateway[M]>);
  }

  async registerTaskExecutor(registration: TaskExecutorRegistration): Promise<{ resourceManagerId: string }> {
    this.calls.push({ method: "registerTaskExecutor", args: [registration] });
    return (await this.overrides.registerTaskExecutor?.(registration)) ?? { resourceManagerId: "" };
  }

  heartbeatFromTaskExecutor(taskManagerId: string, report: SlotReport): void {
    this.calls.push({ method: "heartbeatFromTaskExecutor", args: [taskManagerId, report] });
    this.overrides.heartbeatFromTaskExecutor?.(taskManagerId, report);
  }

  declareRequiredResources(jobId: string, jobMasterAddress: string, slots: number, jobMasterToken?: string): ResourceDeclarationStatus | void {
    this.calls.push({ method: "declareRequiredResources", args: [jobId, jobMasterAddress, slots, jobMasterToken] });
    return this.overrides.declareRequiredResources?.(jobId, jobMasterAddress, slots, jobMasterToken);
  }

  disconnectTaskExecutor(taskManagerId: string, cause: string): void {
    this.calls.push({ method: "disconnectTaskExecutor", args: [taskManagerId, cause] });
    this.overrides.disconnectTaskExecutor?.(taskManagerId, cause);
  }

  requestTaskManagers(): TaskManagerInfo[] {
    this.calls.push({ method: "requestTaskManagers", args: [] });
    return this.overrides.requestTaskManagers?.() ?? [];
  }

  async requestTaskManagerLogList(taskManagerId: string): Promise<LogFileInfo[]> {
    this.calls.push({ method: "requestTaskManagerLogList", args: [taskManagerId] });
    if (this.overrides.requestTaskManagerLogList) return this.overrides.requestTaskManagerLogList(taskManagerId);
    throw new UnknownTaskManagerError(`TaskManager ${taskManagerId} is not registered`);
  }

  async requestTaskManagerLog(taskManagerId: string, which: LogRequest, maxBytes: number): Promise<LogTail | undefined> {
    this.calls.push({ method: "requestTaskManagerLog", args: [taskManagerId, which, maxBytes] });
    if (this.overrides.requestTaskManagerLog) return this.overrides.requestTaskManagerLog(taskManagerId, which, maxBytes);
    throw new UnknownTaskManagerError(`TaskManager ${taskManagerId} is not registered`);
  }

  async requestTaskManagerMemory(taskManagerId: string): Promise<TaskManagerMemory> {
    this.calls.push({ method: "requestTaskManagerMemory", args: [taskManagerId] });
    if (this.overrides.requestTaskManagerMemory) return this.overrides.requestTaskManagerMemory(taskManagerId);
    throw new UnknownTaskManagerError(`TaskManager ${taskManagerId} is not registered`);
  }
}
