import { KeyedStateRegistry } from "../state/keyed-state-registry.js";
import { OperatorStateBackend } from "../state/operator-state-backend.js";
import { StreamOperator } from "./stream-operator.js";
export function createStreamingRuntimeContext(info, keyed, operatorState) {
    return {
        jobId: info.jobId,
        taskName: info.taskName,
        subtaskIndex: info.subtaskIndex,
        parallelism: info.parallelism,
        maxParallelism: info.maxParallelism,
        attemptNumber: info.attemptNumber,
        getState: (d) => keyed.getState(d),
        getListState: (d) => keyed.getListState(d),
        getMapState: (d) => keyed.getMapState(d),
        getReducingState: (d) => keyed.getReducingState(d),
        getAggregatingState: (d) => keyed.getAggregatingState(d),
        getOperatorStateStore: () => operatorState,
    };
}
/** The context with state access added (idempotent). */
export function withStateAccess(ctx) {
    if ("getState" in ctx.runtimeContext)
        return ctx;
    // The task creates the backend when it restores state; standalone uses (the harness) get a fresh one.
    const operatorState = ctx.operatorState ?? new OperatorStateBackend();
    const keyed = new KeyedStateRegistry(ctx.keyedState, () => ctx.processingTime.now());
    return { ...ctx, operatorState, runtimeContext: createStreamingRuntimeContext(ctx.runtimeContext, keyed, operatorState) };
}
/** The user-facing runtime context of an operator created through the registry. */
export function streamingContext(ctx) {
    return withStateAccess(ctx).runtimeContext;
}
/** Kinds whose operators set the backend's current key themselves. */
const KEY_AWARE_KINDS = new Set(["keyed-reduce", "keyed-aggregation"]);
export function markKeyAware(kind) {
    KEY_AWARE_KINDS.add(kind);
}
/** Creates the operator with state access, wrapped to set the key when it is keyed but not key-aware. */
export function createWithState(kind, factory, ctx) {
    const full = withStateAccess(ctx);
    const op = factory(full);
    if (!full.keyedState || KEY_AWARE_KINDS.has(kind))
        return op;
    return new KeyContextOperator(full, op, full.keyedState, full.keySelectors);
}
/** Sets the current key from each record, then hands everything to the wrapped operator. */
class KeyContextOperator extends StreamOperator {
    inner;
    backend;
    keys;
    constructor(ctx, inner, backend, keys) {
        super(ctx);
        this.inner = inner;
        this.backend = backend;
        this.keys = keys;
    }
    setOutput(output) {
        super.setOutput(output);
        this.inner.setOutput(output);
    }
    open() {
        return this.inner.open();
    }
    initializeState(restored) {
        this.inner.initializeState(restored);
    }
    snapshotState(checkpointId, options) {
        return this.inner.snapshotState(checkpointId, options);
    }
    notifyCheckpointComplete(checkpointId) {
        return this.inner.notifyCheckpointComplete(checkpointId);
    }
    notifyCheckpointAborted(checkpointId) {
        this.inner.notifyCheckpointAborted(checkpointId);
    }
    processElement(value, timestamp, input) {
        const key = this.keys[input];
        if (key)
            this.backend.setCurrentKey(key(value));
        this.inner.processElement(value, timestamp, input);
    }
    processWatermark(watermark, input) {
        this.inner.processWatermark(watermark, input);
    }
    processStreamStatus(idle) {
        this.inner.processStreamStatus(idle);
    }
    get isBackpressured() {
        return this.inner.isBackpressured;
    }
    whenNotBackpressured() {
        return this.inner.whenNotBackpressured();
    }
    endInput(input) {
        return this.inner.endInput(input);
    }
    finish() {
        return this.inner.finish();
    }
    close() {
        return this.inner.close();
    }
}
//# sourceMappingURL=state-context.js.map