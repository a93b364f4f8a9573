/** Functions over two connected streams (connect()): one method per input. */
import type { Collector, Key, ProcessContext, RichFunction } from "../functions.js";
import type { KeyedProcessContext, OnTimerContext } from "./keyed-process-function.js";

export interface CoMapFunction<I1, I2, O> extends RichFunction {
  map1: (value: I1) => O;
  map2: (value: I2) => O;
}

export interface CoFlatMapFunction<I1, I2, O> extends RichFunction {
  flatMap1: (value: I1, out: Collector<O>) => void;
  flatMap2: (value: I2, out: Collector<O>) => void;
}

/** On non-keyed connected streams: no keyed state and no timers. */
export interface CoProcessFunction<I1, I2, O> extends RichFunction {
  processElement1: (value: I1, ctx: ProcessContext, out: Collector<O>) => void;
  processElement2: (value: I2, ctx: ProcessContext, out: Collector<O>) => void;
}

/** On connected keyed streams: both inputs keyed the same way; keyed state and timers per key. */
export interface KeyedCoProcessFunction<K extends Key, I1, I2, O> extends RichFunction {
  processElement1: (value: I1, ctx: KeyedProcessContext<K>, out: Collector<O>) => void;
  processElement2: (value: I2, ctx: KeyedProcessContext<K>, out: Collector<O>) => void;
  onTimer?: (timestamp: number, ctx: OnTimerContext<K>, out: Collector<O>) => void;
}
