/**
 * KeyedProcessFunction: the lowest-level keyed operator. Per element it sees the key, may keep
 * keyed state, emit to side outputs, and register timers; onTimer runs when a timer fires, with
 * that timer's key as the current key.
 */
import type { Collector, Key, ProcessContext, RichFunction } from "../functions.js";
/** The two clocks: event time (watermarks) and processing time (the wall clock). */
export type TimeDomain = "event-time" | "processing-time";
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
export interface KeyedProcessContext<K extends Key> extends ProcessContext {
    timerService(): TimerService;
    getCurrentKey(): K;
}
export interface OnTimerContext<K extends Key> extends KeyedProcessContext<K> {
    /** Which clock fired the timer. */
    timeDomain(): TimeDomain;
}
export interface KeyedProcessFunction<K extends Key, I, O> extends RichFunction {
    processElement(value: I, ctx: KeyedProcessContext<K>, out: Collector<O>): void;
    onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<O>): void;
}
