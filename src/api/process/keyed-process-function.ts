/**
 * KeyedProcessFunction: the lowest-level keyed operator. Per element it sees the key, may keep
 * keyed state, emit to side outputs, and register timers; onTimer runs when a timer fires, with
 * that timer's key as the current key.
 */
import type { Collector, Key, ProcessContext, RichFunction, TimeDomain } from "../functions.js";

export type { TimeDomain, TimerService } from "../functions.js";

export interface KeyedProcessContext<K extends Key> extends ProcessContext {
  getCurrentKey(): K;
}

export interface OnTimerContext<K extends Key> extends KeyedProcessContext<K> {
  /** Which clock fired the timer. */
  timeDomain(): TimeDomain;
}

export interface KeyedProcessFunction<K extends Key, I, O> extends RichFunction {
  processElement: (value: I, ctx: KeyedProcessContext<K>, out: Collector<O>) => void;
  onTimer?: (timestamp: number, ctx: OnTimerContext<K>, out: Collector<O>) => void;
}
