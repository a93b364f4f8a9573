/**
 * A TaskExecutor double for component tests (Flink's TestingTaskExecutorGateway pattern): every
 * method does nothing and returns a neutral value unless the test overrides it, and every call is
 * recorded. Served on an RpcService under the TaskExecutor's endpoint name, so the component under
 * test reaches it through real RPC.
 */
import type { MetricGroupDump } from "../../runtime/metrics/metric-dump.js";
import type { RpcService, ServedEndpoint } from "../../cluster/rpc/interface.js";
import { ENDPOINTS } from "../../cluster/endpoints.js";
import type { TaskExecutorGateway } from "../../cluster/taskexecutor/task-executor-gateway.js";
import type { SlotReport, TaskDeploymentDescriptor, TaskExecutorHeartbeatPayload, TaskManagerMemory, TaskSubmission } from "../../cluster/messages.js";
import type { LogFileInfo, LogRequest, LogTail } from "../../cluster/logs/log-files.js";
import { SharedDeployments } from "./shared-deployments.js";
import type { CheckpointTrigger } from "../../runtime/tasks/stream-task.js";
import type { OperatorEventToTask } from "../../runtime/coordination/operator-events.js";
import type { CpuSampleRequest } from "../../runtime/worker/cpu-sampler.js";
import type { StackNode } from "../../runtime/worker/stack-tree.js";

export interface RecordedCall {
  method: string;
  args: unknown[];
}

export class TestingTaskExecutorGateway implements TaskExecutorGateway {
  readonly calls: RecordedCall[] = [];

  constructor(
    private readonly overrides: Partial<TaskExecutorGateway> = {},
    /** False: calls are not recorded (benchmarks, where thousands of deployments would be kept alive). */
    private readonly recording = true,
  ) {}

  /** Serves this double as the TaskExecutor of `rpc`. */
  serve(rpc: RpcService): ServedEndpoint {
    return rpc.serve(ENDPOINTS.taskExecutor, this);
  }

  /** The arguments of every call of `method`, in order. */
  callsOf<M extends keyof TaskExecutorGateway>(method: M): Parameters<TaskExecutorGateway[M]>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args as Parameters<TaskExecutorGateway[M]>);
  }

  private record(method: keyof TaskExecutorGateway, args: unknown[]): void {
    if (this.recording) this.calls.push({ method, args });
  }

  async requestSlot(slotIndex: number, allocationId: string, jobId: string, jobMasterAddress: string, jobMasterToken?: string): Promise<void> {
    this.record("requestSlot", [slotIndex, allocationId, jobId, jobMasterAddress, jobMasterToken]);
    await this.overrides.requestSlot?.(slotIndex, allocationId, jobId, jobMasterAddress, jobMasterToken);
  }

  async submitTask(submission: TaskSubmission): Promise<void> {
    this.record("submitTask", [submission]);
    await this.overrides.submitTask?.(submission);
  }

  /** Every submitted task with its shared part, in order (as the TaskExecutor would give it to a worker). */
  deployments(): TaskDeploymentDescriptor[] {
    const shared = new SharedDeployments();
    return this.callsOf("submitTask").map(([submission]) => shared.descriptor(submission));
  }

  cancelTask(executionId: string): void {
    this.record("cancelTask", [executionId]);
    this.overrides.cancelTask?.(executionId);
  }

  triggerCheckpoint(executionId: string, trigger: CheckpointTrigger): void {
    this.record("triggerCheckpoint", [executionId, trigger]);
    this.overrides.triggerCheckpoint?.(executionId, trigger);
  }

  notifyCheckpointComplete(executionId: string, checkpointId: number): void {
    this.record("notifyCheckpointComplete", [executionId, checkpointId]);
    this.overrides.notifyCheckpointComplete?.(executionId, checkpointId);
  }

  notifyCheckpointAborted(executionId: string, checkpointId: number): void {
    this.record("notifyCheckpointAborted", [executionId, checkpointId]);
    this.overrides.notifyCheckpointAborted?.(executionId, checkpointId);
  }

  sendOperatorEventToTask(executionId: string, event: OperatorEventToTask): void {
    this.record("sendOperatorEventToTask", [executionId, event]);
    this.overrides.sendOperatorEventToTask?.(executionId, event);
  }

  async requestCpuSamples(executionIds: string[], request: CpuSampleRequest): Promise<Record<string, StackNode>> {
    this.record("requestCpuSamples", [executionIds, request]);
    return (await this.overrides.requestCpuSamples?.(executionIds, request)) ?? {};
  }

  async freeSlot(allocationId: string, cause: string): Promise<void> {
    this.record("freeSlot", [allocationId, cause]);
    await this.overrides.freeSlot?.(allocationId, cause);
  }

  heartbeatFromResourceManager(): SlotReport {
    this.record("heartbeatFromResourceManager", []);
    return this.overrides.heartbeatFromResourceManager?.() ?? { slots: [] };
  }

  heartbeatFromJobManager(jobId: string): TaskExecutorHeartbeatPayload {
    this.record("heartbeatFromJobManager", [jobId]);
    return this.overrides.heartbeatFromJobManager?.(jobId) ?? { metrics: {} };
  }

  async disconnectJobManager(jobId: string, cause: string, jobMasterToken?: string): Promise<void> {
    this.record("disconnectJobManager", [jobId, cause, jobMasterToken]);
    await this.overrides.disconnectJobManager?.(jobId, cause, jobMasterToken);
  }

  async requestMetricDump(includeEnded?: boolean): Promise<MetricGroupDump[]> {
    this.record("requestMetricDump", [includeEnded]);
    return (await this.overrides.requestMetricDump?.(includeEnded)) ?? [];
  }

  requestLogList(): LogFileInfo[] {
    this.record("requestLogList", []);
    return this.overrides.requestLogList?.() ?? [];
  }

  requestLog(which: LogRequest, maxBytes: number): LogTail | undefined {
    this.record("requestLog", [which, maxBytes]);
    return this.overrides.requestLog?.(which, maxBytes);
  }

  requestMemory(): TaskManagerMemory {
    this.record("requestMemory", []);
    return (
      this.overrides.requestMemory?.() ?? {
        heapUsed: 0,
        heapCommitted: 0,
        heapMax: 0,
        nonHeapUsed: 0,
        nonHeapCommitted: 0,
        nonHeapMax: -1,
        arrayBuffersUsed: 0,
        externalUsed: 0,
        rss: 0,
        garbageCollectors: [],
      }
    );
  }
}
