import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";
import type { FromWorker, ToWorker } from "../../runtime/worker/worker-protocol.js";
export interface SlotWorkerOptions {
    key: WorkerKey;
    metricsIntervalMs: number;
    /** Heap limit of the worker (taskmanager.memory.task.heap.mb); unlimited when absent. */
    maxHeapMb?: number;
    /** Young-generation size of the worker's heap (taskmanager.memory.task.young-generation.mb). */
    youngGenerationMb?: number;
    onMessage(message: FromWorker): void;
    /** The thread died on its own (crash, out of memory): its tasks are lost. */
    onExit(error: Error): void;
}
export declare class SlotWorker {
    readonly options: SlotWorkerOptions;
    private readonly worker;
    private terminating;
    constructor(options: SlotWorkerOptions);
    get key(): WorkerKey;
    post(message: ToWorker, transfer?: (ArrayBuffer | import("node:worker_threads").MessagePort)[]): void;
    deliver(frame: DataFrame): void;
    /** Gives this worker and `other` a direct channel for data frames. */
    connectTo(other: SlotWorker): void;
    terminate(): Promise<void>;
}
