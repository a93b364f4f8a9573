/**
 * Gives every operator's user functions state: the registry wraps each OperatorContext so that
 * `runtimeContext` is a StreamingRuntimeContext (task info + keyed state + operator state), and
 * wraps keyed operators that don't set the key themselves (map, flatMap, filter, process, sinks
 * after keyBy) so that the backend's current key is the record's key when the function runs:
 * that is what makes `keyBy(...).map(richFnWithValueState)` work as in Flink.
 */
import type { Key, KeySelector } from "../../api/functions.js";
import type { RuntimeContext, StreamingRuntimeContext } from "../../api/runtime-context.js";
import type { KeyedStateStore, OperatorStateStore } from "../../api/state/state.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { KeyedStateRegistry } from "../state/keyed-state-registry.js";
import { OperatorStateBackend } from "../state/operator-state-backend.js";
import type { Output } from "./output.js";
import { StreamOperator, type OperatorContext, type OperatorFactory, type SnapshotOptions } from "./stream-operator.js";

export function createStreamingRuntimeContext(
  info: RuntimeContext,
  keyed: KeyedStateStore,
  operatorState: OperatorStateStore,
): StreamingRuntimeContext {
  return {
    jobId: info.jobId,
    taskName: info.taskName,
    subtaskIndex: info.subtaskIndex,
    parallelism: info.parallelism,
    maxParallelism: info.maxParallelism,
    attemptNumber: info.attemptNumber,
    globalJobParameters: info.globalJobParameters,
    addAccumulator: info.addAccumulator,
    getAccumulator: info.getAccumulator,
    getIntCounter: info.getIntCounter,
    getLongCounter: info.getLongCounter,
    getDoubleCounter: info.getDoubleCounter,
    getHistogram: info.getHistogram,
    getMetricGroup: () => info.getMetricGroup(),
    getState: (d) => keyed.getState(d),
    getListState: (d) => keyed.getListState(d),
    getMapState: (d) => keyed.getMapState(d),
    getReducingState: (d) => keyed.getReducingState(d),
    getAggregatingState: (d) => keyed.getAggregatingState(d),
    getOperatorStateStore: () => operatorState,
  };
}

/** The context with state access added (idempotent). */
export function withStateAccess(ctx: OperatorContext): OperatorContext {
  if ("getState" in ctx.runtimeContext) return ctx;
  // The task creates the backend when it restores state; standalone uses (the harness) get a fresh one.
  const operatorState = ctx.operatorState ?? new OperatorStateBackend();
  const keyed = new KeyedStateRegistry(ctx.keyedState, () => ctx.processingTime.now());
  return { ...ctx, operatorState, runtimeContext: createStreamingRuntimeContext(ctx.runtimeContext, keyed, operatorState) };
}

/** The user-facing runtime context of an operator created through the registry. */
export function streamingContext(ctx: OperatorContext): StreamingRuntimeContext {
  return withStateAccess(ctx).runtimeContext as StreamingRuntimeContext;
}

/** Kinds whose operators set the backend's current key themselves. */
const KEY_AWARE_KINDS = new Set<string>(["keyed-reduce", "keyed-aggregation"]);

export function markKeyAware(kind: string): void {
  KEY_AWARE_KINDS.add(kind);
}

/** Creates the operator with state access, wrapped to set the key when it is keyed but not key-aware. */
export function createWithState(kind: string, factory: OperatorFactory, ctx: OperatorContext): StreamOperator {
  const full = withStateAccess(ctx);
  const op = factory(full);
  if (!full.keyedState || KEY_AWARE_KINDS.has(kind)) return op;
  return new KeyContextOperator(full, op, full.keyedState, full.keySelectors);
}

/** Sets the current key from each record, then hands everything to the wrapped operator. */
class KeyContextOperator extends StreamOperator {
  constructor(
    ctx: OperatorContext,
    readonly inner: StreamOperator,
    private readonly backend: KeyedStateBackend,
    private readonly keys: ReadonlyArray<KeySelector<unknown, Key> | undefined>,
  ) {
    super(ctx);
  }
  override setOutput(output: Output): void {
    super.setOutput(output);
    this.inner.setOutput(output);
  }
  override open(): void | Promise<void> {
    return this.inner.open();
  }
  override initializeState(restored: boolean): void {
    this.inner.initializeState(restored);
  }
  override snapshotState(checkpointId: number, options?: SnapshotOptions): void | Promise<void> {
    return this.inner.snapshotState(checkpointId, options);
  }
  override notifyCheckpointComplete(checkpointId: number): void | Promise<void> {
    return this.inner.notifyCheckpointComplete(checkpointId);
  }
  override notifyCheckpointAborted(checkpointId: number): void {
    this.inner.notifyCheckpointAborted(checkpointId);
  }
  processElement(value: unknown, timestamp: number, input: number): void {
    const key = this.keys[input];
    if (key) this.backend.setCurrentKey(key(value));
    this.inner.processElement(value, timestamp, input);
  }
  override processWatermark(watermark: number, input: number): void {
    this.inner.processWatermark(watermark, input);
  }
  override processStreamStatus(idle: boolean, input = 0): void {
    this.inner.processStreamStatus(idle, input);
  }
  override get isBackpressured(): boolean {
    return this.inner.isBackpressured;
  }
  override whenNotBackpressured(): Promise<void> {
    return this.inner.whenNotBackpressured();
  }
  override endInput(input: number): void | Promise<void> {
    return this.inner.endInput(input);
  }
  override finish(): void | Promise<void> {
    return this.inner.finish();
  }
  override close(): void | Promise<void> {
    return this.inner.close();
  }
}
