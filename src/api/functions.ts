/**
 * User function types. Every function can be a plain function or an object ("rich function") with
 * optional `open(ctx)` / `close()` lifecycle methods around the main method, as in Flink.
 */
import type { RuntimeContext, StreamingRuntimeContext } from "./runtime-context.js";
import type { OutputTag } from "./output-tag.js";
import type { Key } from "../graph/key-groups.js";
import type { CheckpointHooks } from "./checkpointed-function.js";

/**
 * Emits zero or more records from flatMap, process functions and windows. A function-typed
 * property, not a method, so that it is checked contravariantly (strictFunctionTypes): a
 * Collector<{ a }> cannot stand in for a Collector<{ a; b }>. Classes may still implement it
 * with a method.
 */
export interface Collector<T> {
  collect: (value: T) => void;
}

/** Rich functions may also take part in checkpoints (src/api/checkpointed-function.ts). */
export interface RichFunction extends CheckpointHooks {
  /** ctx gives task information and state (keyed state on keyed streams). */
  open?(ctx: StreamingRuntimeContext): void | Promise<void>;
  close?(): void | Promise<void>;
}

export type MapFunction<I, O> = ((value: I) => O) | (RichFunction & { map(value: I): O });
/**
 * Emits through the collector, or returns an iterable of results (which lets TypeScript infer the
 * output type: `flatMap((line: string) => line.split(" "))` is a stream of strings).
 */
export type FlatMapFunction<I, O> =
  | ((value: I, out: Collector<O>) => void | Iterable<O>)
  | (RichFunction & { flatMap(value: I, out: Collector<O>): void | Iterable<O> });
export type FilterFunction<T> = ((value: T) => boolean) | (RichFunction & { filter(value: T): boolean });
export type ReduceFunction<T> = ((a: T, b: T) => T) | (RichFunction & { reduce(a: T, b: T): T });
/** `finish()` is called once at end of input, before close() (not on failure or cancel), as in Flink. */
export type SinkFunction<T> = ((value: T) => void) | (RichFunction & { invoke(value: T): void; finish?(): void | Promise<void> });

export type { Key };
export type KeySelector<T, K extends Key> = (value: T) => K;

/** The two clocks: event time (watermarks) and processing time (the wall clock). */
export type TimeDomain = "event-time" | "processing-time";

/**
 * Time as a process function sees it. Everywhere: the current processing time and watermark.
 * Registering and deleting timers only on keyed streams (after keyBy()), as in Flink; elsewhere
 * those throw, naming the fix.
 */
export interface TimerService {
  currentProcessingTime(): number;
  /** The operator's current watermark (-Infinity before the first one). */
  currentWatermark(): number;
  /** Fires onTimer once the watermark reaches `time`. Registering the same time twice fires once. */
  registerEventTimeTimer(time: number): void;
  /** Fires onTimer once the wall clock reaches `time`. */
  registerProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
}

/** Context of one element in a ProcessFunction. */
export interface ProcessContext {
  /** The clocks (and, on keyed streams, timers). */
  timerService(): TimerService;
  /** Event timestamp of the current element, or undefined when it has none. */
  timestamp(): number | undefined;
  /** Current processing time in ms. */
  currentProcessingTime(): number;
  /** Emits to a side output, read downstream with getSideOutput(tag). */
  output<X>(tag: OutputTag<X>, value: X): void;
}

export interface ProcessFunction<I, O> extends RichFunction {
  processElement: (value: I, ctx: ProcessContext, out: Collector<O>) => void;
}

/** Partitions a key into one of `numPartitions` channels for partitionCustom. */
export type Partitioner<K> = (key: K, numPartitions: number) => number;

type Fn = (...args: never[]) => unknown;

/**
 * Normalizes a plain function or rich object into `{ call, open, close }` so the runtime
 * has one calling convention.
 */
export function richFunction<F extends Fn>(
  fn: F | (RichFunction & Record<string, unknown>),
  method: string,
): { call: F; open?: (ctx: RuntimeContext) => void | Promise<void>; close?: () => void | Promise<void> } {
  if (typeof fn === "function") return { call: fn };
  const m = fn[method];
  if (typeof m !== "function") {
    throw new TypeError(`expected a function or an object with a ${method}() method`);
  }
  return {
    call: (m as F).bind(fn) as F,
    // The runtime always passes a StreamingRuntimeContext (operator-registry wraps every context).
    open: fn.open?.bind(fn) as ((ctx: RuntimeContext) => void | Promise<void>) | undefined,
    close: fn.close?.bind(fn),
  };
}
