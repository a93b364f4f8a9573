/**
 * Two-input operators and keyed timers over the same out-of-order stream: window join, coGroup,
 * interval join, co-map, keyed co-process with event-time timers, a keyed process function with
 * timers, and the broadcast state pattern. Both sides are split off the single (parallelism 1)
 * source at parallelism 1, so every operator sees each event after exactly the watermarks before
 * it (see epoch-source.ts). Args: [seed]
 */
import {
  MapStateDescriptor,
  TumblingEventTimeWindows,
  ValueStateDescriptor,
  defineJob,
  type Collector,
  type KeyedBroadcastContext,
  type KeyedBroadcastProcessFunction,
  type KeyedCoProcessFunction,
  type KeyedProcessContext,
  type KeyedProcessFunction,
  type OnTimerContext,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";
import { generateEvents, type Ev } from "./support/events.js";
import { epochStream } from "./support/epoch-source.js";
import { collectAs } from "./support/collect.js";

export const TIMER_BUCKET = 500;
const bucketEnd = (ts: number): number => Math.ceil((ts + 1) / TIMER_BUCKET) * TIMER_BUCKET - 1;

export interface TimerFiring {
  key: string;
  at: number;
  sum: number;
}

/** Per key: a running sum; a timer at the end of each element's bucket reports the sum then. */
class SumAtBucketEnd implements KeyedCoProcessFunction<string, Ev, Ev, TimerFiring>, KeyedProcessFunction<string, Ev, TimerFiring> {
  private sum!: ValueState<number>;
  open(ctx: StreamingRuntimeContext): void {
    this.sum = ctx.getState(new ValueStateDescriptor<number>("sum", 0));
  }
  private add(e: Ev, ctx: KeyedProcessContext<string>): void {
    this.sum.update(this.sum.value()! + e.v);
    ctx.timerService().registerEventTimeTimer(bucketEnd(e.ts));
  }
  processElement(e: Ev, ctx: KeyedProcessContext<string>): void {
    this.add(e, ctx);
  }
  processElement1(e: Ev, ctx: KeyedProcessContext<string>): void {
    this.add(e, ctx);
  }
  processElement2(e: Ev, ctx: KeyedProcessContext<string>): void {
    this.add(e, ctx);
  }
  onTimer(at: number, ctx: OnTimerContext<string>, out: Collector<TimerFiring>): void {
    out.collect({ key: ctx.getCurrentKey(), at, sum: this.sum.value()! });
  }
}

export const RULES = new MapStateDescriptor<string, number>("rules");

export interface BroadcastView {
  subtask: number;
  rules: [string, number][];
}

/** Keeps the last rule id per key in broadcast state and reports the whole state after each rule. */
class RuleKeeper implements KeyedBroadcastProcessFunction<string, Ev, Ev, BroadcastView | { id: number; rule: number | undefined }> {
  private subtask = -1;
  open(ctx: StreamingRuntimeContext): void {
    this.subtask = ctx.subtaskIndex;
  }
  processElement(): void {}
  processBroadcastElement(rule: Ev, ctx: KeyedBroadcastContext, out: Collector<BroadcastView>): void {
    const state = ctx.getBroadcastState(RULES);
    state.put(rule.key, rule.id);
    out.collect({ subtask: this.subtask, rules: [...state.entries()].sort() });
  }
}

export default defineJob((env, args) => {
  const events = generateEvents(Number(args[0] ?? 1));
  const src = epochStream(env, events);
  const left = src.filter((e) => e.side === "L").setParallelism(1).name("Left");
  const right = src.filter((e) => e.side === "R").setParallelism(1).name("Right");

  collectAs(
    left.join(right).where((e) => e.key).equalTo((e) => e.key).window(TumblingEventTimeWindows.of(100)).apply((a, b) => ({ key: a.key, a: a.id, b: b.id })),
    "window-join",
  );
  collectAs(
    left
      .coGroup(right)
      .where((e) => e.key)
      .equalTo((e) => e.key)
      .window(TumblingEventTimeWindows.of(100))
      .apply((as: Ev[], bs: Ev[], out: Collector<{ a: number[]; b: number[] }>) => out.collect({ a: as.map((e) => e.id).sort((x, y) => x - y), b: bs.map((e) => e.id).sort((x, y) => x - y) })),
    "cogroup",
  );
  collectAs(
    left
      .keyBy((e) => e.key)
      .intervalJoin(right.keyBy((e) => e.key))
      .between(-30, 20)
      .process((l: Ev, r: Ev, ctx, out: Collector<{ a: number; b: number; ts: number | undefined }>) => out.collect({ a: l.id, b: r.id, ts: ctx.timestamp() })),
    "interval-join",
  );
  collectAs(left.connect(right).map({ map1: (e: Ev) => `L${e.id}`, map2: (e: Ev) => `R${e.id}` }), "co-map");
  collectAs(left.keyBy((e) => e.key).connect(right.keyBy((e) => e.key)).process(new SumAtBucketEnd()), "keyed-co-process-timers");
  collectAs(src.keyBy((e) => e.key).process(new SumAtBucketEnd()), "keyed-process-timers");

  const rules = src.filter((e) => e.v >= 8).setParallelism(1).broadcast(RULES);
  collectAs(src.keyBy((e) => e.key).connect(rules).process(new RuleKeeper()), "broadcast-state");
});
