/**
 * A minimal TaskExecutorGateway double (Flink's TestingTaskExecutorGateway pattern): a method not
 * overridden does nothing and returns a neutral value; every call is recorded in `calls`.
 */
import type { SlotReport, TaskDeploymentDescriptor, TaskExecutorHeartbeatPayload } from "../../../src/cluster/messages.js";
import type { TaskExecutorGateway } from "../../../src/cluster/taskexecutor/task-executor-gateway.js";
import type { CheckpointTrigger } from "../../../src/runtime/tasks/stream-task.js";

export class TestingTaskExecutorGateway implements TaskExecutorGateway {
  readonly calls: { method: string; args: unknown[] }[] = [];

  constructor(private readonly overrides: Partial<TaskExecutorGateway> = {}) {}

  private record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
  }

  callsOf(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  async requestSlot(slotIndex: number, allocationId: string, jobId: string, jobMasterAddress: string, jobMasterToken?: string): Promise<void> {
    this.record("requestSlot", [slotIndex, allocationId, jobId, jobMasterAddress, jobMasterToken]);
    await this.overrides.requestSlot?.(slotIndex, allocationId, jobId, jobMasterAddress, jobMasterToken);
  }
  async submitTask(tdd: TaskDeploymentDescriptor): Promise<void> {
    this.record("submitTask", [tdd]);
    await this.overrides.submitTask?.(tdd);
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
}
