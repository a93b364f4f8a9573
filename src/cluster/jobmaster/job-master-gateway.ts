/**
 * The JobMaster's gateway: slot offers, task state updates and checkpoint acknowledgements. Components call each other only through
 * gateways obtained from an RpcService (docs/architecture.md, "Components").
 */
import type { ExecutionState, SerializedError, SlotOffer, TaskMetrics } from "../messages.js";
import type { TaskCheckpointAck } from "../../runtime/checkpoint/checkpoint-metadata.js";
import type { OperatorEventToCoordinator } from "../../runtime/coordination/operator-events.js";

export interface JobMasterGateway {
  offerSlots(taskManagerId: string, taskExecutorAddress: string, dataAddress: string, offers: SlotOffer[]): SlotOffer[];
  /** `metrics`: the task's final metrics, sent with terminal states. */
  updateTaskExecutionState(executionId: string, state: ExecutionState, error?: SerializedError, metrics?: TaskMetrics): void;
  acknowledgeCheckpoint(executionId: string, checkpointId: number, ack: TaskCheckpointAck): void;
  declineCheckpoint(executionId: string, checkpointId: number, reason: SerializedError): void;
  /** Records of a collect sink subtask. */
  collect(executionId: string, nodeId: number, values: unknown[]): void;
  disconnectTaskManager(taskManagerId: string, cause: string): void;
  /**
   * An operator event from a task to its operator's coordinator: a source reader's to its split
   * enumerator (registration, split request, custom event; docs/architecture.md, "Sources and split
   * enumerators") or to watermark alignment, a collect sink's records to its collect coordinator.
   * Events of a task that is not of the current attempt are dropped.
   */
  sendOperatorEventToCoordinator(executionId: string, event: OperatorEventToCoordinator): void;
}
