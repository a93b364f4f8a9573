/**
 * Maps an operator kind (as recorded in the JobGraph) to its runtime implementation. Sources are
 * not here: the source task drives its reader itself.
 */
import { FilterOperator, FlatMapOperator, MapOperator, ProcessOperator } from "./basic-operators.js";
import { KeyedAggregationOperator, KeyedReduceOperator } from "./keyed-aggregation-operators.js";
import { CollectSinkOperator, SinkOperator } from "./sink-operators.js";
import { CollectIteratorSinkOperator } from "./collect/collect-iterator-sink.js";
import { TwoPhaseCommitSinkOperator } from "./two-phase-commit-sink-operator.js";
import type { OperatorFactory } from "./stream-operator.js";
import { TimestampsAndWatermarksOperator } from "./timestamps-watermarks-operator.js";
import { createWithState, markKeyAware } from "./state-context.js";
import { WindowOperator } from "./windowing/window-operator.js";
import { KeyedProcessOperator } from "./keyed-process-operator.js";
import { CoFlatMapOperator, CoMapOperator, CoProcessOperator } from "./co-operators.js";
import { BroadcastProcessOperator } from "./broadcast-process-operator.js";
import { IntervalJoinOperator } from "./interval-join-operator.js";
import { AsyncWaitOperator } from "./async/async-wait-operator.js";

const factories = new Map<string, OperatorFactory>([
  ["map", (ctx) => new MapOperator(ctx)],
  ["flatMap", (ctx) => new FlatMapOperator(ctx)],
  ["filter", (ctx) => new FilterOperator(ctx)],
  ["process", (ctx) => new ProcessOperator(ctx)],
  ["keyed-reduce", (ctx) => new KeyedReduceOperator(ctx)],
  ["keyed-aggregation", (ctx) => new KeyedAggregationOperator(ctx)],
  ["sink", (ctx) => new SinkOperator(ctx)],
  ["collect", (ctx) => new CollectSinkOperator(ctx)],
  ["collect-iterator", (ctx) => new CollectIteratorSinkOperator(ctx)],
  ["two-phase-commit-sink", (ctx) => new TwoPhaseCommitSinkOperator(ctx)],
  ["timestamps-watermarks", (ctx) => new TimestampsAndWatermarksOperator(ctx)],
  // State and time: these set the key themselves where they are keyed.
  ["window", (ctx) => new WindowOperator(ctx)],
  ["keyed-process", (ctx) => new KeyedProcessOperator(ctx)],
  ["co-map", (ctx) => new CoMapOperator(ctx)],
  ["co-flat-map", (ctx) => new CoFlatMapOperator(ctx)],
  ["co-process", (ctx) => new CoProcessOperator(ctx)],
  ["broadcast-process", (ctx) => new BroadcastProcessOperator(ctx)],
  ["interval-join", (ctx) => new IntervalJoinOperator(ctx)],
  ["async-wait", (ctx) => new AsyncWaitOperator(ctx)],
]);
for (const kind of ["window", "keyed-process", "co-process", "broadcast-process", "interval-join"]) markKeyAware(kind);

export function registerOperator(kind: string, factory: OperatorFactory): void {
  if (factories.has(kind)) throw new Error(`operator kind ${kind} is already registered`);
  factories.set(kind, factory);
}

export function operatorFactory(kind: string): OperatorFactory {
  const f = factories.get(kind);
  if (!f) throw new Error(`unknown operator kind "${kind}"`);
  // Every operator gets state access in its runtime context (state-context.ts).
  return (ctx) => createWithState(kind, f, ctx);
}
