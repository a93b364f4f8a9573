/**
 * The worker thread behind one slot (docs/architecture.md, principle 4). Created when a slot is allocated to a
 * job and terminated when the slot is freed, so every job starts from fresh module state and a
 * runaway user function can be stopped by terminating its thread.
 */
import { MessageChannel, Worker, type TransferListItem } from "node:worker_threads";
import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";
import type { FromWorker, ToWorker } from "../../runtime/worker/worker-protocol.js";
import type { SlotWorkerHandle, SlotWorkerOptions } from "./slot-worker-handle.js";
import { currentFileSystemSettings } from "../../fs/file-systems.js";

const DEFAULT_YOUNG_GENERATION_MB = 64;
const WORKER_MAIN = new URL("../../runtime/worker/worker-main.js", import.meta.url);

/** A slot worker on its own thread; its data frames go straight to the data plane (SlotWorkerOptions.onData). */
export class SlotWorker implements SlotWorkerHandle {
  private readonly worker: Worker;
  private terminating = false;

  constructor(readonly options: SlotWorkerOptions) {
    this.worker = new Worker(WORKER_MAIN, {
      resourceLimits: {
        ...(options.maxHeapMb ? { maxOldGenerationSizeMb: options.maxHeapMb } : {}),
        // Records are short-lived: a larger young generation means fewer scavenges per record.
        // With a small heap limit the young generation must stay well inside it, or V8 may fail
        // fatally (aborting the whole process) instead of ending just this worker.
        maxYoungGenerationSizeMb:
          options.youngGenerationMb ?? (options.maxHeapMb ? Math.max(4, Math.min(DEFAULT_YOUNG_GENERATION_MB, Math.floor(options.maxHeapMb / 8))) : DEFAULT_YOUNG_GENERATION_MB),
      },
      stdout: false,
      stderr: false,
    });
    this.worker.on("message", (m: FromWorker) => {
      if (m.type === "data") options.onData(m.to, m.frame);
      else options.onMessage(m);
    });
    this.worker.on("error", (e) => {
      if (!this.terminating) options.onExit(e);
    });
    this.worker.on("exit", (code) => {
      if (!this.terminating) options.onExit(new Error(`worker thread of slot ${options.key} exited with code ${code}`));
    });
    this.post({ type: "init", self: options.key, metricsIntervalMs: options.metricsIntervalMs, operatorIo: options.operatorIoMetrics, fileSystems: currentFileSystemSettings() });
  }

  get key(): WorkerKey {
    return this.options.key;
  }

  post(message: ToWorker, transfer: readonly TransferListItem[] = []): void {
    this.worker.postMessage(message, transfer as TransferListItem[]);
  }

  deliver(frame: DataFrame): void {
    this.post({ type: "data", frame }, frame.t === "buffer" ? [frame.data] : []);
  }

  /** Gives this worker and `other` a direct channel for data frames. */
  connectTo(other: SlotWorkerHandle): void {
    const { port1, port2 } = new MessageChannel();
    this.post({ type: "peer", key: other.key, port: port1 }, [port1]);
    other.post({ type: "peer", key: this.key, port: port2 }, [port2]);
  }

  async terminate(): Promise<void> {
    this.terminating = true;
    await this.worker.terminate();
  }
}
