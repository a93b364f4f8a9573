/** Running per-key reduce and the built-in aggregations (sum/min/max/minBy/maxBy). */
import { richFunction, type Key, type KeySelector } from "../../api/functions.js";
import { aggregationReducer, checkAggregationInput, type AggregationFieldSpec, type AggregationKind } from "../../api/aggregation.js";
import type { KeyedStateBackend, StateTable } from "../state/keyed-state-backend.js";
import { StreamOperator, type OperatorContext } from "./stream-operator.js";
import { isBatchMode } from "../../api/runtime-mode.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";

/** Base of operators that keep one value per key. */
abstract class KeyedValueOperator extends StreamOperator {
  protected readonly backend: KeyedStateBackend;
  private readonly key: KeySelector<unknown, Key>;
  /** Holders, so that updating an existing key costs one Map lookup instead of two. */
  private readonly table: StateTable<{ value: unknown; ts?: number }>;
  /** Batch mode: only the final value per key is emitted, at the end of the key (src/api/runtime-mode.ts). */
  private readonly finalOnly: boolean;

  constructor(ctx: OperatorContext) {
    super(ctx);
    if (!ctx.keyedState || !ctx.keySelectors[0]) throw new Error(`${ctx.descriptor.name} must follow keyBy()`);
    this.backend = ctx.keyedState;
    this.key = ctx.keySelectors[0];
    this.table = this.backend.table("value");
    this.finalOnly = isBatchMode(ctx.settings);
  }

  processElement(value: unknown, timestamp: number): void {
    const backend = this.backend;
    backend.setCurrentKey(this.key(value));
    const group = backend.currentGroup(this.table);
    const holder = group.get(backend.currentStateKey);
    let next: unknown;
    if (holder === undefined) {
      next = this.first(value);
      group.set(backend.currentStateKey, this.finalOnly ? { value: next, ts: timestamp } : { value: next });
    } else {
      next = holder.value = this.combine(holder.value, value);
      if (this.finalOnly) holder.ts = timestamp;
    }
    if (!this.finalOnly) this.output.collect(next, timestamp);
  }

  /**
   * Batch mode: the current key's records are all in (keys come one after the other, sorted:
   * batch-keyed-input.ts), so its final value goes out, with the timestamp of its last record.
   */
  override endOfKey(): void {
    if (!this.finalOnly) return;
    const holder = this.backend.currentGroup(this.table).get(this.backend.currentStateKey);
    if (holder !== undefined) this.output.collect(holder.value, holder.ts ?? NO_TIMESTAMP);
  }

  protected first(value: unknown): unknown {
    return value;
  }
  protected abstract combine(accumulated: unknown, value: unknown): unknown;
}

export class KeyedReduceOperator extends KeyedValueOperator {
  private readonly reduce: (a: unknown, b: unknown) => unknown;
  private readonly rich: ReturnType<typeof richFunction>;
  constructor(ctx: OperatorContext) {
    super(ctx);
    this.rich = richFunction<(a: unknown, b: unknown) => unknown>(ctx.fns.fn as never, "reduce");
    this.reduce = this.rich.call as (a: unknown, b: unknown) => unknown;
  }
  override async open(): Promise<void> {
    await this.rich.open?.(this.ctx.runtimeContext);
  }
  override async close(): Promise<void> {
    await this.rich.close?.();
  }
  protected combine(accumulated: unknown, value: unknown): unknown {
    return this.reduce(accumulated, value);
  }
}

/** Flink's semantics; see aggregationReducer (docs/architecture.md, "Built-in aggregations"). */
export class KeyedAggregationOperator extends KeyedValueOperator {
  private readonly field: AggregationFieldSpec;
  private readonly reducer: (acc: unknown, value: unknown) => unknown;
  constructor(ctx: OperatorContext) {
    super(ctx);
    const config = ctx.descriptor.config;
    this.field = config.field as AggregationFieldSpec;
    this.reducer = aggregationReducer(config.aggregation as AggregationKind, this.field, config.first !== false);
  }
  protected override first(value: unknown): unknown {
    checkAggregationInput(value, this.field);
    return value;
  }
  protected combine(acc: unknown, value: unknown): unknown {
    return this.reducer(acc, value);
  }
}
