/**
 * WindowedStream (keyBy(...).window(...)) and AllWindowedStream (windowAll(...)): collect the
 * trigger, evictor, allowed lateness and late-data tag, then a window function makes the
 * operator. windowAll is a window over a constant key at parallelism 1, as in Flink.
 */
import type { JsonObject } from "../../graph/stream-graph.js";
import type { DataStream, SingleOutputStreamOperator, StreamInput } from "../data-stream.js";
import type { StreamExecutionEnvironment } from "../environment.js";
import type { Key, ReduceFunction } from "../functions.js";
import type { OutputTag } from "../output-tag.js";
import type { AggregateFunction } from "../state/aggregate-function.js";
import type { Evictor } from "./evictors.js";
import type { Trigger } from "./trigger.js";
import type { WindowAssigner } from "./window-assigner.js";
import type { AllWindowFunction, ProcessAllWindowFunction, ProcessWindowFunction, WindowFunction } from "./window-functions.js";
import type { Window } from "./windows.js";

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
  reduce<R>(fn: ReduceFunction<T>, windowFn?: ProcessWindowFunction<T, R, K, W>): SingleOutputStreamOperator<R | T> {
    return this.build("Window(Reduce)", { kind: "reduce", reduce: fn }, windowFn ? "process" : "pass", windowFn);
  }

  /** Incremental aggregation per window; with a process function, that gets the result. */
  aggregate<ACC, V>(fn: AggregateFunction<T, ACC, V>): SingleOutputStreamOperator<V>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFn: ProcessWindowFunction<V, R, K, W>): SingleOutputStreamOperator<R>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFn?: ProcessWindowFunction<V, R, K, W>): SingleOutputStreamOperator<V | R> {
    return this.build("Window(Aggregate)", { kind: "aggregate", aggregate: fn }, windowFn ? "process" : "pass", windowFn);
  }

  /** All elements of the window at once, with the window and state in the context. */
  process<R>(fn: ProcessWindowFunction<T, R, K, W>): SingleOutputStreamOperator<R> {
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
  reduce<R>(fn: ReduceFunction<T>, windowFn?: ProcessAllWindowFunction<T, R, W>): SingleOutputStreamOperator<R | T> {
    return this.build("WindowAll(Reduce)", { kind: "reduce", reduce: fn }, windowFn ? "process-all" : "pass", windowFn);
  }

  aggregate<ACC, V>(fn: AggregateFunction<T, ACC, V>): SingleOutputStreamOperator<V>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFn: ProcessAllWindowFunction<V, R, W>): SingleOutputStreamOperator<R>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFn?: ProcessAllWindowFunction<V, R, W>): SingleOutputStreamOperator<V | R> {
    return this.build("WindowAll(Aggregate)", { kind: "aggregate", aggregate: fn }, windowFn ? "process-all" : "pass", windowFn);
  }

  process<R>(fn: ProcessAllWindowFunction<T, R, W>): SingleOutputStreamOperator<R> {
    return this.build("WindowAll(Process)", { kind: "list" }, "process-all", fn);
  }

  apply<R>(fn: AllWindowFunction<T, R, W>): SingleOutputStreamOperator<R> {
    return this.build("WindowAll(Apply)", { kind: "list" }, "apply-all", fn);
  }
}
