import { keyGroupRange } from "../graph/key-groups.js";
import { NO_TIMESTAMP } from "../runtime/network/record-batch-codec.js";
import { operatorFactory } from "../runtime/operators/operator-registry.js";
import { HeapKeyedStateBackend } from "../runtime/state/heap-keyed-state-backend.js";
import { ManualProcessingTimeService } from "./manual-processing-time.js";
export class OperatorTestHarness {
    output = [];
    collected = [];
    time;
    operator;
    constructor(kind, options = {}) {
        this.time = new ManualProcessingTimeService(options.startTime ?? 0);
        const parallelism = options.parallelism ?? 1;
        const subtaskIndex = options.subtaskIndex ?? 0;
        const maxParallelism = options.maxParallelism ?? 128;
        const range = keyGroupRange(maxParallelism, parallelism, subtaskIndex);
        const keySelectors = (options.keySelectors ?? []);
        this.operator = operatorFactory(kind)({
            descriptor: {
                nodeId: 1,
                kind,
                name: `${kind} under test`,
                uid: "under-test",
                inputs: options.inputs ?? 1,
                config: options.config ?? {},
                chainedOutputs: [],
                networkOutputs: [],
            },
            fns: options.fns ?? {},
            keySelectors,
            runtimeContext: { jobId: "test-job", taskName: kind, subtaskIndex, parallelism, maxParallelism, attemptNumber: 0 },
            keyedState: keySelectors.some((k) => k) ? (options.keyedStateBackend ?? new HeapKeyedStateBackend(maxParallelism, range.start, range.end)) : undefined,
            processingTime: this.time,
            settings: options.settings ?? {},
            collect: (values) => this.collected.push(...values),
        });
        const ts = (t) => (t === NO_TIMESTAMP ? undefined : t);
        const out = {
            collect: (value, timestamp) => this.output.push({ kind: "record", value, timestamp: ts(timestamp) }),
            collectSide: (tag, value, timestamp) => this.output.push({ kind: "side", tag, value, timestamp: ts(timestamp) }),
            emitWatermark: (timestamp) => this.output.push({ kind: "watermark", timestamp }),
            emitStreamStatus: (idle) => this.output.push({ kind: "stream-status", idle }),
        };
        this.operator.setOutput(out);
    }
    async open() {
        await this.operator.open();
        return this;
    }
    processElement(value, timestamp) {
        this.operator.processElement(value, timestamp ?? NO_TIMESTAMP, 0);
    }
    processElement2(value, timestamp) {
        this.operator.processElement(value, timestamp ?? NO_TIMESTAMP, 1);
    }
    processWatermark(timestamp, input = 0) {
        this.operator.processWatermark(timestamp, input);
    }
    /** Moves processing time forward, firing due processing-time timers. */
    setProcessingTime(timestamp) {
        this.time.advanceTo(timestamp);
    }
    async endInput(input = 0) {
        await this.operator.endInput(input);
    }
    async finish() {
        await this.operator.finish();
    }
    async close() {
        await this.operator.close();
    }
    /** Values of the main output's records, in order. */
    records() {
        return this.output.filter((e) => e.kind === "record").map((e) => e.value);
    }
    sideOutput(tag) {
        return this.output.filter((e) => e.kind === "side" && e.tag === tag).map((e) => e.value);
    }
    watermarks() {
        return this.output.filter((e) => e.kind === "watermark").map((e) => e.timestamp);
    }
    clearOutput() {
        this.output.length = 0;
    }
}
//# sourceMappingURL=operator-test-harness.js.map