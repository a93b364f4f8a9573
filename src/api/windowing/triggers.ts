/** The built-in triggers (Flink's org.apache.flink.streaming.api.windowing.triggers). */
import { ReducingStateDescriptor } from "../state/state-descriptors.js";
import { Trigger, type OnMergeContext, type TriggerContext, type TriggerResult } from "./trigger.js";
import type { Window } from "./windows.js";

/** One of the two time domains a trigger's timers run in: their clock, and how to set and delete them. */
interface TimeDomain {
  now(ctx: TriggerContext): number;
  register(ctx: TriggerContext, time: number): void;
  delete(ctx: TriggerContext, time: number): void;
}

const EVENT_TIME: TimeDomain = {
  now: (ctx) => ctx.getCurrentWatermark(),
  register: (ctx, time) => ctx.registerEventTimeTimer(time),
  delete: (ctx, time) => ctx.deleteEventTimeTimer(time),
};

const PROCESSING_TIME: TimeDomain = {
  now: (ctx) => ctx.getCurrentProcessingTime(),
  register: (ctx, time) => ctx.registerProcessingTimeTimer(time),
  delete: (ctx, time) => ctx.deleteProcessingTimeTimer(time),
};

/**
 * Fires when the domain's time passes the window's end: one timer per window at its end, and, where the
 * domain allows late elements (event time), at once for an element of a window already past its end.
 */
abstract class WindowEndTrigger extends Trigger<unknown, Window> {
  protected constructor(
    private readonly domain: TimeDomain,
    private readonly lateElementsFire: boolean,
  ) {
    super();
  }
  static create<T extends WindowEndTrigger>(this: new () => T): T {
    return new this();
  }
  onElement(_e: unknown, _ts: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (this.lateElementsFire && window.maxTimestamp() <= this.domain.now(ctx)) return "FIRE";
    this.domain.register(ctx, window.maxTimestamp());
    return "CONTINUE";
  }
  override canMerge(): boolean {
    return true;
  }
  override onMerge(window: Window, ctx: OnMergeContext): void {
    // Only a timer still in the future: a merged window already behind the domain's time fires via onElement.
    if (window.maxTimestamp() > this.domain.now(ctx)) this.domain.register(ctx, window.maxTimestamp());
  }
  clear(window: Window, ctx: TriggerContext): void {
    this.domain.delete(ctx, window.maxTimestamp());
  }
}

/** Fires once the watermark passes the window's end; fires again per late element (allowed lateness). */
export class EventTimeTrigger extends WindowEndTrigger {
  constructor() {
    super(EVENT_TIME, true);
  }
  onEventTime(time: number, window: Window): TriggerResult {
    return time === window.maxTimestamp() ? "FIRE" : "CONTINUE";
  }
  onProcessingTime(): TriggerResult {
    return "CONTINUE";
  }
}

/** Fires when the wall clock passes the window's end. */
export class ProcessingTimeTrigger extends WindowEndTrigger {
  constructor() {
    super(PROCESSING_TIME, false);
  }
  onEventTime(): TriggerResult {
    return "CONTINUE";
  }
  onProcessingTime(): TriggerResult {
    return "FIRE";
  }
}

const sum = (a: number, b: number): number => a + b;
const min = (a: number, b: number): number => Math.min(a, b);

/** A trigger that decides on elements alone: timers never make it fire. */
abstract class ElementTrigger extends Trigger<unknown, Window> {
  onEventTime(): TriggerResult {
    return "CONTINUE";
  }
  onProcessingTime(): TriggerResult {
    return "CONTINUE";
  }
  override canMerge(): boolean {
    return true;
  }
}

/** Fires every `maxCount` elements of a window (the count restarts after each firing). */
export class CountTrigger extends ElementTrigger {
  private readonly count = new ReducingStateDescriptor<number>("count", sum);
  private constructor(private readonly maxCount: number) {
    super();
  }
  static of(maxCount: number): CountTrigger {
    if (!(maxCount >= 1)) throw new RangeError("CountTrigger needs a count of at least 1");
    return new CountTrigger(maxCount);
  }
  onElement(_e: unknown, _ts: number, _w: Window, ctx: TriggerContext): TriggerResult {
    const count = ctx.getPartitionedState(this.count);
    count.add(1);
    if ((count.get() ?? 0) >= this.maxCount) {
      count.clear();
      return "FIRE";
    }
    return "CONTINUE";
  }
  override onMerge(_w: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.count);
  }
  clear(_w: Window, ctx: TriggerContext): void {
    ctx.getPartitionedState(this.count).clear();
  }
  override toString(): string {
    return `CountTrigger(${this.maxCount})`;
  }
}

/**
 * Fires every `interval` ms of the domain's time while the window has elements. The next firing time is
 * kept in reducing state (the earliest wins when windows merge).
 */
abstract class ContinuousTrigger extends Trigger<unknown, Window> {
  private readonly fireTime = new ReducingStateDescriptor<number>("fire-time", min);
  protected constructor(
    private readonly interval: number,
    private readonly domain: TimeDomain,
  ) {
    super();
    if (!(interval > 0)) throw new RangeError("the interval must be positive");
  }
  static of<T extends ContinuousTrigger>(this: new (intervalMs: number) => T, intervalMs: number): T {
    return new this(intervalMs);
  }
  /** Schedules the first firing, at the end of the interval that holds `time`, unless one is scheduled. */
  protected startAt(time: number, ctx: TriggerContext): void {
    if (ctx.getPartitionedState(this.fireTime).get() !== undefined) return;
    this.schedule(ctx, time - (((time % this.interval) + this.interval) % this.interval) + this.interval);
  }
  /** A timer of the domain went off: fires, and schedules the next firing, when it is the scheduled one. */
  protected onTimer(time: number, ctx: TriggerContext): TriggerResult {
    const fire = ctx.getPartitionedState(this.fireTime);
    if (fire.get() !== time) return "CONTINUE";
    fire.clear();
    this.schedule(ctx, time + this.interval);
    return "FIRE";
  }
  private schedule(ctx: TriggerContext, time: number): void {
    ctx.getPartitionedState(this.fireTime).add(time);
    this.domain.register(ctx, time);
  }
  override canMerge(): boolean {
    return true;
  }
  override onMerge(_w: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.fireTime);
    const next = ctx.getPartitionedState(this.fireTime).get();
    if (next !== undefined) this.domain.register(ctx, next);
  }
  clear(_w: Window, ctx: TriggerContext): void {
    const fire = ctx.getPartitionedState(this.fireTime);
    const t = fire.get();
    if (t !== undefined) this.domain.delete(ctx, t);
    fire.clear();
  }
  override toString(): string {
    return `${this.constructor.name}(${this.interval})`;
  }
}

/** Fires every `interval` ms of event time within the window, and at the window's end. */
export class ContinuousEventTimeTrigger extends ContinuousTrigger {
  constructor(intervalMs: number) {
    super(intervalMs, EVENT_TIME);
  }
  onElement(_e: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return "FIRE";
    ctx.registerEventTimeTimer(window.maxTimestamp());
    this.startAt(timestamp, ctx);
    return "CONTINUE";
  }
  onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    return time === window.maxTimestamp() ? "FIRE" : this.onTimer(time, ctx);
  }
  onProcessingTime(): TriggerResult {
    return "CONTINUE";
  }
  override onMerge(window: Window, ctx: OnMergeContext): void {
    super.onMerge(window, ctx);
    if (window.maxTimestamp() > ctx.getCurrentWatermark()) ctx.registerEventTimeTimer(window.maxTimestamp());
  }
}

/** Fires every `interval` ms of processing time while the window has elements. */
export class ContinuousProcessingTimeTrigger extends ContinuousTrigger {
  constructor(intervalMs: number) {
    super(intervalMs, PROCESSING_TIME);
  }
  onElement(_e: unknown, _ts: number, _w: Window, ctx: TriggerContext): TriggerResult {
    this.startAt(ctx.getCurrentProcessingTime(), ctx);
    return "CONTINUE";
  }
  onEventTime(): TriggerResult {
    return "CONTINUE";
  }
  onProcessingTime(time: number, _w: Window, ctx: TriggerContext): TriggerResult {
    return this.onTimer(time, ctx);
  }
}

/** Turns every FIRE of the nested trigger into FIRE_AND_PURGE: each firing starts the window afresh. */
export class PurgingTrigger<T, W extends Window> extends Trigger<T, W> {
  private constructor(private readonly nested: Trigger<T, W>) {
    super();
  }
  static of<T, W extends Window>(nested: Trigger<T, W>): PurgingTrigger<T, W> {
    return new PurgingTrigger(nested);
  }
  private purge(r: TriggerResult): TriggerResult {
    return r === "FIRE" ? "FIRE_AND_PURGE" : r;
  }
  onElement(e: T, ts: number, w: W, ctx: TriggerContext): TriggerResult {
    return this.purge(this.nested.onElement(e, ts, w, ctx));
  }
  onEventTime(time: number, w: W, ctx: TriggerContext): TriggerResult {
    return this.purge(this.nested.onEventTime(time, w, ctx));
  }
  onProcessingTime(time: number, w: W, ctx: TriggerContext): TriggerResult {
    return this.purge(this.nested.onProcessingTime(time, w, ctx));
  }
  override canMerge(): boolean {
    return this.nested.canMerge();
  }
  override onMerge(w: W, ctx: OnMergeContext): void {
    this.nested.onMerge(w, ctx);
  }
  clear(w: W, ctx: TriggerContext): void {
    this.nested.clear(w, ctx);
  }
  override toString(): string {
    return `PurgingTrigger(${this.nested.toString()})`;
  }
}

/** Never fires: the default of GlobalWindows, which needs a trigger of its own. */
export class NeverTrigger extends ElementTrigger {
  onElement(): TriggerResult {
    return "CONTINUE";
  }
  override onMerge(): void {}
  clear(): void {}
}
