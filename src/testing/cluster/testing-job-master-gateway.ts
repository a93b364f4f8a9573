/**
 * A JobMaster double for component tests (docs/architecture.md, "Testing"): every call is recorded
 * in `calls`; a method the test does not override does nothing and returns a neutral value
 * (offerSlots accepts nothing). Serve it on an RpcService under ENDPOINTS.jobMaster(jobId), fenced
 * with `fencingToken` when the test needs fencing, so the component under test reaches it through
 * real RPC.
 */
import type { JobMasterGateway } from "../../cluster/jobmaster/job-master-gateway.js";
import type { ExecutionState, SerializedError, SlotOffer, TaskMetrics } from "../../cluster/messages.js";
import type { TaskCheckpointAck } from "../../runtime/checkpoint/checkpoint-metadata.js";
import type { RecordedCall } from "./testing-task-executor-gateway.js";
import type { OperatorEventToCoordinator } from "../../runtime/coordination/operator-events.js";

export class TestingJobMasterGateway implements JobMasterGateway {
  readonly calls: RecordedCall[] = [];

  constructor(private readonly overrides: Partial<JobMasterGateway> = {}) {}

  /** The recorded calls of one method, oldest first. */
  callsOf(method: keyof JobMasterGateway): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  offerSlots(taskManagerId: string, taskExecutorAddress: string, dataAddress: string, offers: SlotOffer[]): SlotOffer[] {
    this.record("offerSlots", [taskManagerId, taskExecutorAddress, dataAddress, offers]);
    return this.overrides.offerSlots?.(taskManagerId, taskExecutorAddress, dataAddress, offers) ?? [];
  }

  updateTaskExecutionState(executionId: string, state: ExecutionState, error?: SerializedError, metrics?: TaskMetrics): void {
    this.record("updateTaskExecutionState", [executionId, state, error, metrics]);
    this.overrides.updateTaskExecutionState?.(executionId, state, error, metrics);
  }

  acknowledgeCheckpoint(executionId: string, checkpointId: number, ack: TaskCheckpointAck): void {
    this.record("acknowledgeCheckpoint", [executionId, checkpointId, ack]);
    this.overrides.acknowledgeCheckpoint?.(executionId, checkpointId, ack);
  }

  declineCheckpoint(executionId: string, checkpointId: number, reason: SerializedError): void {
    this.record("declineCheckpoint", [executionId, checkpointId, reason]);
    this.overrides.declineCheckpoint?.(executionId, checkpointId, reason);
  }

  collect(executionId: string, nodeId: number, values: unknown[]): void {
    this.record("collect", [executionId, nodeId, values]);
    this.overrides.collect?.(executionId, nodeId, values);
  }

  disconnectTaskManager(taskManagerId: string, cause: string): void {
    this.record("disconnectTaskManager", [taskManagerId, cause]);
    this.overrides.disconnectTaskManager?.(taskManagerId, cause);
  }

  sendOperatorEventToCoordinator(executionId: string, event: OperatorEventToCoordinator): void {
    this.record("sendOperatorEventToCoordinator", [executionId, event]);
    this.overrides.sendOperatorEventToCoordinator?.(executionId, event);
  }

  private record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
  }
}
