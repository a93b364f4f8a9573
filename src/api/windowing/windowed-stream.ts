/**
 * WindowedStream (keyBy(...).window(...)) and AllWindowedStream (windowAll(...)): collect the
 * trigger, evictor, allowed lateness and late-data tag, then a window function makes the
 * operator. windowAll is a window over a constant key at parallelism 1, as in Flink.
 */
import type { JsonObject } from "../../graph/stream-graph.js";
import type { DataStream, SingleOutputStreamOperator, StreamInput } from "../data-stream.js";
import type { StreamExecutionEnvironment } from "../environment.js";
import type { Key, ReduceFunction } from "../functions.js";
import { aggregationFieldSpec, aggregationReducer, type AggregationField, type AggregationKind, type NumericField } from "../aggregation.js";
import type { OutputTag } from "../output-tag.js";
import type { AggregateFunction } from "../state/aggregate-function.js";
import type { Evictor } from "./evictors.js";
import type { Trigger } from "./trigger.js";
import type { WindowAssigner } from "./window-assigner.js";
import type { AllWindowFunction, ProcessAllWindowFunction, ProcessWindowFunction, WindowFunction } from "./window-functions.js";
import type { Window } from "./windows.js";

/** The object form of WindowFunction / AllWindowFunction: what tells apply-style apart from process-style. */
type WindowFunctionObject<IN, OUT, K extends Key, W extends Window> = Exclude<WindowFunction<IN, OUT, K, W>, (...a: never[]) => unknown>;
type AllWindowFunctionObject<IN, OUT, W extends Window> = Exclude<AllWindowFunction<IN, OUT, W>, (...a: never[]) => unknown>;

/**
 * How the window operator calls the function after reduce/aggregate: plain functions are
 * ProcessWindowFunctions (a plain WindowFunction has the same arity and cannot be told apart at
 * run time); an object with apply() and no process() is an old-style WindowFunction.
 */
function windowFunctionKind(fn: unknown, all: boolean): "pass" | "process" | "process-all" | "apply" | "apply-all" {
  if (fn === undefined) return "pass";
  const isApply = typeof fn === "object" && fn !== null && typeof (fn as { apply?: unknown }).apply === "function" && typeof (fn as { process?: unknown }).process !== "function";
  if (isApply) return all ? "apply-all" : "apply";
  return all ? "process-all" : "process";
}

type ContentsSpec = { kind: "reduce"; reduce: unknown } | { kind: "aggregate"; aggregate: unknown } | { kind: "list" };

/** Settings shared by keyed and all-windows. */
abstract class WindowedStreamBase<T, W extends Window> {
  private triggerFn: Trigger<T, W> | undefined;
  private evictorFn: Evictor<T, W> | undefined;
  private lateness = 0;
  private lateTag: OutputTag<T> | undefined;

  protected constructor(
    protected readonly env: StreamExecutionEnvironment,
    protected readonly inputs: readonly StreamInput[],
    protected readonly assigner: WindowAssigner<T, W>,
    private readonly allWindows: boolean,
  ) {}

  /** Replaces the assigner's default trigger. */
  trigger(trigger: Trigger<T, W>): this {
    this.triggerFn = trigger;
    return this;
  }

  /** Removes elements before/after the window function (keeps all elements in state). */
  evictor(evictor: Evictor<T, W>): this {
    this.evictorFn = evictor;
    return this;
  }

  /** Keeps event-time windows for this long after their end; late elements then fire them again. */
  allowedLateness(ms: number): this {
    if (!(ms >= 0)) throw new RangeError(`allowed lateness must be >= 0, got ${ms}`);
    this.lateness = ms;
    return this;
  }

  /** Elements too late for every window go to this side output instead of being dropped. */
  sideOutputLateData(tag: OutputTag<T>): this {
    this.lateTag = tag;
    return this;
  }

  /**
   * sum/min/max/minBy/maxBy over a window: an incremental reduce with the same semantics as
   * KeyedStream's rolling aggregations (docs/architecture.md, "Built-in aggregations").
   */
  protected fieldAggregation(kind: AggregationKind, field: unknown, first = true): SingleOutputStreamOperator<T> {
    const reduce = aggregationReducer(kind, aggregationFieldSpec(field), first);
    const label = kind[0]!.toUpperCase() + kind.slice(1);
    return this.build(`${this.allWindows ? "WindowAll" : "Window"}(${label})`, { kind: "reduce", reduce }, "pass");
  }

  /** Sum of a numeric field per window (of the value itself for numbers); other fields from the window's first element. */
  sum(...field: AggregationField<T>): SingleOutputStreamOperator<T> {
    return this.fieldAggregation("sum", field[0]);
  }
  /** Minimum of a field per window; the other fields keep the window's first element's values (Flink's min). */
  min(...field: AggregationField<T>): SingleOutputStreamOperator<T> {
    return this.fieldAggregation("min", field[0]);
  }
  max(...field: AggregationField<T>): SingleOutputStreamOperator<T> {
    return this.fieldAggregation("max", field[0]);
  }
  /** The whole element with the smallest field value per window (on ties the first, or the last with first = false). */
  minBy(field: NumericField<T>, first?: boolean): SingleOutputStreamOperator<T>;
  minBy(...field: AggregationField<T>): SingleOutputStreamOperator<T>;
  minBy(field?: NumericField<T>, first = true): SingleOutputStreamOperator<T> {
    return this.fieldAggregation("minBy", field, first);
  }
  maxBy(field: NumericField<T>, first?: boolean): SingleOutputStreamOperator<T>;
  maxBy(...field: AggregationField<T>): SingleOutputStreamOperator<T>;
  maxBy(field?: NumericField<T>, first = true): SingleOutputStreamOperator<T> {
    return this.fieldAggregation("maxBy", field, first);
  }

  protected build<R>(name: string, contents: ContentsSpec, windowFunction: string, windowFn?: unknown): SingleOutputStreamOperator<R> {
    const config: JsonObject = {
      ...this.assigner.describe(),
      allowedLateness: this.lateness,
      windowFunction,
      contents: contents.kind,
      trigger: (this.triggerFn ?? this.assigner.getDefaultTrigger()).toString(),
      evictor: this.evictorFn !== undefined,
    };
    if (this.lateTag) config.lateDataTag = this.lateTag.id;
    const fns = { assigner: this.assigner, trigger: this.triggerFn, evictor: this.evictorFn, contents, windowFn };
    const op = this.env.addOperator<R>("window", name, this.inputs, fns, config);
    return this.allWindows ? op.setParallelism(1) : op;
  }
}

export class WindowedStream<T, K extends Key, W extends Window> extends WindowedStreamBase<T, W> {
  constructor(env: StreamExecutionEnvironment, inputs: readonly StreamInput[], assigner: WindowAssigner<T, W>) {
    super(env, inputs, assigner, false);
  }

  /** Incremental reduce per window; with a process function, that gets the reduced value. */
  reduce(fn: ReduceFunction<T>): SingleOutputStreamOperator<T>;
  reduce<R>(fn: ReduceFunction<T>, windowFn: ProcessWindowFunction<T, R, K, W>): SingleOutputStreamOperator<R>;
  /** With an old-style WindowFunction (an object with apply(key, window, elements, out)). */
  reduce<R>(fn: ReduceFunction<T>, windowFn: WindowFunctionObject<T, R, K, W>): SingleOutputStreamOperator<R>;
  reduce<R>(fn: ReduceFunction<T>, windowFn?: ProcessWindowFunction<T, R, K, W> | WindowFunctionObject<T, R, K, W>): SingleOutputStreamOperator<R | T> {
    return this.build("Window(Reduce)", { kind: "reduce", reduce: fn }, windowFunctionKind(windowFn, false), windowFn);
  }

  /** Incremental aggregation per window; with a process function, that gets the result. */
  aggregate<ACC, V>(fn: AggregateFunction<T, ACC, V>): SingleOutputStreamOperator<V>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFn: ProcessWindowFunction<V, R, K, W>): SingleOutputStreamOperator<R>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFn: WindowFunctionObject<V, R, K, W>): SingleOutputStreamOperator<R>;
  aggregate<ACC, V, R>(
    fn: AggregateFunction<T, ACC, V>,
    windowFn?: ProcessWindowFunction<V, R, K, W> | WindowFunctionObject<V, R, K, W>,
  ): SingleOutputStreamOperator<V | R> {
    return this.build("Window(Aggregate)", { kind: "aggregate", aggregate: fn }, windowFunctionKind(windowFn, false), windowFn);
  }

  /** All elements of the window at once, with the window and state in the context. */
  process<R = never>(fn: ProcessWindowFunction<T, R, K, W>): SingleOutputStreamOperator<R> {
    return this.build("Window(Process)", { kind: "list" }, "process", fn);
  }

  apply<R>(fn: WindowFunction<T, R, K, W>): SingleOutputStreamOperator<R> {
    return this.build("Window(Apply)", { kind: "list" }, "apply", fn);
  }
}

export class AllWindowedStream<T, W extends Window> extends WindowedStreamBase<T, W> {
  constructor(input: DataStream<T>, assigner: WindowAssigner<T, W>) {
    // One constant key: every element meets in the same (single) instance.
    const keyed = input.keyBy(() => 0);
    super(input.env, keyed.inputs, assigner, true);
  }

  reduce(fn: ReduceFunction<T>): SingleOutputStreamOperator<T>;
  reduce<R>(fn: ReduceFunction<T>, windowFn: ProcessAllWindowFunction<T, R, W>): SingleOutputStreamOperator<R>;
  /** With an old-style AllWindowFunction (an object with apply(window, elements, out)). */
  reduce<R>(fn: ReduceFunction<T>, windowFn: AllWindowFunctionObject<T, R, W>): SingleOutputStreamOperator<R>;
  reduce<R>(fn: ReduceFunction<T>, windowFn?: ProcessAllWindowFunction<T, R, W> | AllWindowFunctionObject<T, R, W>): SingleOutputStreamOperator<R | T> {
    return this.build("WindowAll(Reduce)", { kind: "reduce", reduce: fn }, windowFunctionKind(windowFn, true), windowFn);
  }

  aggregate<ACC, V>(fn: AggregateFunction<T, ACC, V>): SingleOutputStreamOperator<V>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFn: ProcessAllWindowFunction<V, R, W>): SingleOutputStreamOperator<R>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFn: AllWindowFunctionObject<V, R, W>): SingleOutputStreamOperator<R>;
  aggregate<ACC, V, R>(
    fn: AggregateFunction<T, ACC, V>,
    windowFn?: ProcessAllWindowFunction<V, R, W> | AllWindowFunctionObject<V, R, W>,
  ): SingleOutputStreamOperator<V | R> {
    return this.build("WindowAll(Aggregate)", { kind: "aggregate", aggregate: fn }, windowFunctionKind(windowFn, true), windowFn);
  }

  process<R = never>(fn: ProcessAllWindowFunction<T, R, W>): SingleOutputStreamOperator<R> {
    return this.build("WindowAll(Process)", { kind: "list" }, "process-all", fn);
  }

  apply<R>(fn: AllWindowFunction<T, R, W>): SingleOutputStreamOperator<R> {
    return this.build("WindowAll(Apply)", { kind: "list" }, "apply-all", fn);
  }
}
