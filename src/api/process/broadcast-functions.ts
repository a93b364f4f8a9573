/**
 * The broadcast state pattern: a low-volume stream (rules, configuration) is broadcast to every
 * instance of an operator and kept in broadcast state; the main stream reads it. Only the
 * broadcast side may write broadcast state, and it must do so deterministically, so that all
 * instances hold the same state.
 */
import type { Collector, Key, ProcessContext, RichFunction } from "../functions.js";
import type { MapStateDescriptor, StateDescriptor } from "../state/state-descriptors.js";
import type { BroadcastState, ReadOnlyBroadcastState, StateOf } from "../state/state.js";
import type { KeyedProcessContext, OnTimerContext } from "./keyed-process-function.js";

export interface ReadOnlyBroadcastContext extends ProcessContext {
  /** The operator's current watermark (-Infinity before the first one), as in Flink's broadcast contexts. */
  currentWatermark(): number;
  getBroadcastState<UK extends Key, UV>(descriptor: MapStateDescriptor<UK, UV>): ReadOnlyBroadcastState<UK, UV>;
}

export interface BroadcastContext extends ProcessContext {
  /** The operator's current watermark (-Infinity before the first one); the broadcast side has no timers. */
  currentWatermark(): number;
  getBroadcastState<UK extends Key, UV>(descriptor: MapStateDescriptor<UK, UV>): BroadcastState<UK, UV>;
}

export interface BroadcastProcessFunction<I, B, O> extends RichFunction {
  processElement: (value: I, ctx: ReadOnlyBroadcastContext, out: Collector<O>) => void;
  processBroadcastElement: (value: B, ctx: BroadcastContext, out: Collector<O>) => void;
}

export interface KeyedReadOnlyBroadcastContext<K extends Key> extends ReadOnlyBroadcastContext, KeyedProcessContext<K> {}

export interface KeyedBroadcastContext extends BroadcastContext {
  /** Runs `fn` for every key that has state under `descriptor` (in this instance). */
  applyToKeyedState<D extends StateDescriptor>(descriptor: D, fn: (key: Key, state: StateOf<D>) => void): void;
}

export interface KeyedBroadcastProcessFunction<K extends Key, I, B, O> extends RichFunction {
  processElement: (value: I, ctx: KeyedReadOnlyBroadcastContext<K>, out: Collector<O>) => void;
  processBroadcastElement: (value: B, ctx: KeyedBroadcastContext, out: Collector<O>) => void;
  onTimer?: (timestamp: number, ctx: OnTimerContext<K> & ReadOnlyBroadcastContext, out: Collector<O>) => void;
}
