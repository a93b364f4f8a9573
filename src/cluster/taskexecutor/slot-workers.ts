/**
 * The worker threads of a TaskExecutor's slots (docs/architecture.md, "TaskExecutor"): one per
 * allocated slot, connected to its siblings and the data plane, restarted for a stuck task and
 * replaced when it dies, with the tasks it ran reported as ended.
 */
import type { ExecutionState } from "../../runtime/tasks/deployment.js";
import type { SerializedError } from "../../errors/serialized-error.js";
import { workerKey, type WorkerKey } from "../../runtime/network/frames.js";
import type { Logger } from "../../util/logger.js";
import type { DataRouter } from "../network/data-router.js";
import type { Execution, Slot, SlotTable } from "./slot-table.js";
import type { ControlFromWorker, SlotWorkerFactory, SlotWorkerHandle } from "./slot-worker-handle.js";
import type { TaskExecutorSettings } from "./task-manager-options.js";

export interface SlotWorkersContext {
  taskManagerId: string;
  settings: TaskExecutorSettings;
  table: SlotTable;
  router: DataRouter;
  createWorker: SlotWorkerFactory;
  log: Logger;
  onMessage(message: ControlFromWorker, worker: WorkerKey): void;
  reportState(e: Execution, state: ExecutionState, error?: SerializedError): void;
}

export class SlotWorkers {
  constructor(private readonly ctx: SlotWorkersContext) {}

  ensure(slot: Slot): SlotWorkerHandle {
    if (slot.worker) return slot.worker;
    const key = workerKey(this.ctx.taskManagerId, slot.index);
    const router = this.ctx.router;
    const worker: SlotWorkerHandle = this.ctx.createWorker({
      key,
      metricsIntervalMs: this.ctx.settings.metricsIntervalMs,
      operatorIoMetrics: this.ctx.settings.operatorIoMetrics,
      maxHeapMb: this.ctx.settings.maxWorkerHeapMb,
      onMessage: (m) => this.ctx.onMessage(m, key),
      // Straight to the data plane: frames never pass through the TaskExecutor.
      onData: (to, frame) => router.send(key, to, frame),
      onExit: (error) => this.onDied(slot, worker, error),
    });
    for (const other of this.ctx.table.slots) if (other.worker) worker.connectTo(other.worker);
    slot.worker = worker;
    router.attach(worker);
    return worker;
  }

  /** Terminates a slot's worker (a stuck task) and starts a fresh one for the same allocation. */
  async restart(slot: Slot, finalState: ExecutionState, error?: SerializedError): Promise<void> {
    const old = slot.worker;
    slot.worker = undefined;
    if (old) {
      this.ctx.router.detach(old);
      await old.terminate();
    }
    for (const e of this.ctx.table.executionsIn(slot)) this.ctx.reportState(e, finalState, error);
    if (slot.allocation) this.ensure(slot);
  }

  private onDied(slot: Slot, worker: SlotWorkerHandle, error: Error): void {
    if (slot.worker !== worker) return;
    this.ctx.log.error(`worker of slot ${slot.index} died: ${error.message}`);
    slot.worker = undefined;
    this.ctx.router.detach(worker);
    // Say which limit was hit: the heap limit is per slot, so raising it is the user's remedy.
    const limit = this.ctx.settings.maxWorkerHeapMb ? `${this.ctx.settings.maxWorkerHeapMb} MB` : "V8's default";
    const hint = (error as Error & { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY" ? ` (heap limit per slot: ${limit}, taskmanager.memory.task.heap.mb)` : "";
    for (const e of this.ctx.table.executionsIn(slot)) {
      this.ctx.reportState(e, "FAILED", { name: error.name, message: `the task's worker thread died: ${error.message}${hint}`, stack: error.stack });
    }
    if (slot.allocation) this.ensure(slot);
  }
}
