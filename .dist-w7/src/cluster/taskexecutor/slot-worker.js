/**
 * The worker thread behind one slot (DESIGN.md principle 4). Created when a slot is allocated to a
 * job and terminated when the slot is freed, so every job starts from fresh module state and a
 * runaway user function can be stopped by terminating its thread.
 */
import { MessageChannel, Worker } from "node:worker_threads";
const DEFAULT_YOUNG_GENERATION_MB = 64;
const WORKER_MAIN = new URL("../../runtime/worker/worker-main.js", import.meta.url);
export class SlotWorker {
    options;
    worker;
    terminating = false;
    constructor(options) {
        this.options = options;
        this.worker = new Worker(WORKER_MAIN, {
            resourceLimits: {
                ...(options.maxHeapMb ? { maxOldGenerationSizeMb: options.maxHeapMb } : {}),
                // Records are short-lived: a larger young generation means fewer scavenges per record.
                maxYoungGenerationSizeMb: options.youngGenerationMb ?? DEFAULT_YOUNG_GENERATION_MB,
            },
            stdout: false,
            stderr: false,
        });
        this.worker.on("message", (m) => options.onMessage(m));
        this.worker.on("error", (e) => {
            if (!this.terminating)
                options.onExit(e);
        });
        this.worker.on("exit", (code) => {
            if (!this.terminating)
                options.onExit(new Error(`worker thread of slot ${options.key} exited with code ${code}`));
        });
        this.post({ type: "init", self: options.key, metricsIntervalMs: options.metricsIntervalMs });
    }
    get key() {
        return this.options.key;
    }
    post(message, transfer = []) {
        this.worker.postMessage(message, transfer);
    }
    deliver(frame) {
        this.post({ type: "data", frame }, frame.t === "buffer" ? [frame.data] : []);
    }
    /** Gives this worker and `other` a direct channel for data frames. */
    connectTo(other) {
        const { port1, port2 } = new MessageChannel();
        this.post({ type: "peer", key: other.key, port: port1 }, [port1]);
        other.post({ type: "peer", key: this.key, port: port2 }, [port2]);
    }
    async terminate() {
        this.terminating = true;
        await this.worker.terminate();
    }
}
//# sourceMappingURL=slot-worker.js.map