/**
 * What the TaskExecutor needs of a slot's worker (docs/architecture.md, "Threading"). The real one is
 * a worker thread (SlotWorker); the deterministic simulation gives a simulated one that answers
 * `deploy`, `cancel` and `trigger-checkpoint` with `task-state`, `bound` and `checkpoint-ack`
 * messages. The messages of src/runtime/worker/worker-protocol.ts are the contract.
 */
import type { TransferListItem } from "node:worker_threads";
import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";
import type { FromWorker, ToWorker } from "../../runtime/worker/worker-protocol.js";

/** A worker's messages for the TaskExecutor: all but data frames, which go to the data plane. */
export type ControlFromWorker = Exclude<FromWorker, { type: "data" }>;

export interface SlotWorkerOptions {
  key: WorkerKey;
  metricsIntervalMs: number;
  /** metrics.operator-io.enabled */
  operatorIoMetrics?: boolean;
  /** Heap limit of the worker (taskmanager.memory.task.heap.mb); unlimited when absent. */
  maxHeapMb?: number;
  /** Young-generation size of the worker's heap (taskmanager.memory.task.young-generation.mb). */
  youngGenerationMb?: number;
  /** Control messages: task states, checkpoint acknowledgements, collected records, metrics, output. */
  onMessage(message: ControlFromWorker): void;
  /** A data frame for a worker this one has no direct channel to: handed to the data plane's router. */
  onData(to: WorkerKey, frame: DataFrame): void;
  /** The worker died on its own (crash, out of memory): its tasks are lost. */
  onExit(error: Error): void;
}

export interface SlotWorkerHandle {
  readonly key: WorkerKey;
  /** `transfer`: objects moved to the worker rather than copied (a real worker's ports and buffers). */
  post(message: ToWorker, transfer?: readonly TransferListItem[]): void;
  /** A data frame for one of this worker's tasks. */
  deliver(frame: DataFrame): void;
  /** Gives this worker and `other` (of the same TaskManager) a direct channel for data frames. */
  connectTo(other: SlotWorkerHandle): void;
  /** Stops the worker; it reports nothing afterwards (no onExit). */
  terminate(): Promise<void>;
}

export type SlotWorkerFactory = (options: SlotWorkerOptions) => SlotWorkerHandle;
