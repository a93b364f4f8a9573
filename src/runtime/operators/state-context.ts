/**
 * Gives every operator's user functions state: the registry wraps each OperatorContext so that
 * `runtimeContext` is a StreamingRuntimeContext (task info + keyed state + operator state), and
 * wraps keyed operators that don't set the key themselves (map, flatMap, filter, process, sinks
 * after keyBy) so that the backend's current key is the record's key when the function runs:
 * that is what makes `keyBy(...).map(richFnWithValueState)` work as in Flink.
 */
import type { RuntimeContext, StreamingRuntimeContext } from "../../api/runtime-context.js";
import type { KeyedStateStore, OperatorStateStore } from "../../api/state/state.js";
import { KeyedStateRegistry } from "../state/keyed-state-registry.js";
import { OperatorStateBackend } from "../state/operator-state-backend.js";
import { KeyedDelegatingOperator } from "./delegating-operator.js";
import type { StreamOperator, OperatorContext, OperatorFactory } from "./stream-operator.js";
import { withUserCheckpointHooks } from "./user-checkpoint-hooks.js";
import { BatchKeyedInputOperator } from "./batch-keyed-input.js";
import { isBatchMode } from "../../api/runtime-mode.js";

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

/** Kinds that keep their keyed input in arrival order in batch mode: async I/O holds input back itself. */
const UNSORTED_IN_BATCH = new Set<string>(["async-wait"]);

/**
 * Creates the operator with state access, wrapped to set the key when it is keyed but not
 * key-aware, and, in batch mode, to see its keyed input key by key (batch-keyed-input.ts).
 */
export function createWithState(kind: string, factory: OperatorFactory, ctx: OperatorContext): StreamOperator {
  const full = withStateAccess(ctx);
  const op = withUserCheckpointHooks(full, factory(full));
  if (!full.keyedState) return op;
  const keyed = KEY_AWARE_KINDS.has(kind) ? op : new KeyContextOperator(full, op, full.keyedState, full.keySelectors);
  if (!isBatchMode(full.settings) || UNSORTED_IN_BATCH.has(kind)) return keyed;
  return new BatchKeyedInputOperator(full, keyed, full.keyedState, full.keySelectors);
}

/** Sets the current key from each record, then hands everything to the wrapped operator. */
class KeyContextOperator extends KeyedDelegatingOperator {
  override processElement(value: unknown, timestamp: number, input: number): void {
    const key = this.keys[input];
    if (key) this.backend.setCurrentKey(key(value));
    this.inner.processElement(value, timestamp, input);
  }
}
