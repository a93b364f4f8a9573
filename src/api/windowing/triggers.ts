/** The built-in triggers (Flink's org.apache.flink.streaming.api.windowing.triggers). */
import { ReducingStateDescriptor } from "../state/state-descriptors.js";
import { Trigger, type OnMergeContext, type TriggerContext, type TriggerResult } from "./trigger.js";
import type { Window } from "./windows.js";

/** Fires once the watermark passes the window's end; fires again per late element (allowed lateness). */
export class EventTimeTrigger extends Trigger<unknown, Window> {
  static create(): EventTimeTrigger {
    return new EventTimeTrigger();
  }
  onElement(_e: unknown, _ts: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return "FIRE";
    ctx.registerEventTimeTimer(window.maxTimestamp());
    return "CONTINUE";
  }
  onEventTime(time: number, window: Window): TriggerResult {
    return time === window.maxTimestamp() ? "FIRE" : "CONTINUE";
  }
  onProcessingTime(): TriggerResult {
    return "CONTINUE";
  }
  override canMerge(): boolean {
    return true;
  }
  override onMerge(window: Window, ctx: OnMergeContext): void {
    // Only a timer still in the future: a merged window already behind the watermark fires via onElement.
    if (window.maxTimestamp() > ctx.getCurrentWatermark()) ctx.registerEventTimeTimer(window.maxTimestamp());
  }
  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }
}

/** Fires when the wall clock passes the window's end. */
export class ProcessingTimeTrigger extends Trigger<unknown, Window> {
  static create(): ProcessingTimeTrigger {
    return new ProcessingTimeTrigger();
  }
  onElement(_e: unknown, _ts: number, window: Window, ctx: TriggerContext): TriggerResult {
    ctx.registerProcessingTimeTimer(window.maxTimestamp());
    return "CONTINUE";
  }
  onEventTime(): TriggerResult {
    return "CONTINUE";
  }
  onProcessingTime(): TriggerResult {
    return "FIRE";
  }
  override canMerge(): boolean {
    return true;
  }
  override onMerge(window: Window, ctx: OnMergeContext): void {
    if (window.maxTimestamp() > ctx.getCurrentProcessingTime()) ctx.registerProcessingTimeTimer(window.maxTimestamp());
  }
  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteProcessingTimeTimer(window.maxTimestamp());
  }
}

const sum = (a: number, b: number): number => a + b;
const min = (a: number, b: number): number => Math.min(a, b);

/** Fires every `maxCount` elements of a window (the count restarts after each firing). */
export class CountTrigger extends Trigger<unknown, Window> {
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
  onEventTime(): TriggerResult {
    return "CONTINUE";
  }
  onProcessingTime(): TriggerResult {
    return "CONTINUE";
  }
  override canMerge(): boolean {
    return true;
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

/** Fires every `interval` ms of event time within the window, and at the window's end. */
export class ContinuousEventTimeTrigger extends Trigger<unknown, Window> {
  private readonly fireTime = new ReducingStateDescriptor<number>("fire-time", min);
  private constructor(private readonly interval: number) {
    super();
  }
  static of(intervalMs: number): ContinuousEventTimeTrigger {
    if (!(intervalMs > 0)) throw new RangeError("the interval must be positive");
    return new ContinuousEventTimeTrigger(intervalMs);
  }
  onElement(_e: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return "FIRE";
    ctx.registerEventTimeTimer(window.maxTimestamp());
    const fire = ctx.getPartitionedState(this.fireTime);
    if (fire.get() === undefined) this.schedule(ctx, timestamp - (((timestamp % this.interval) + this.interval) % this.interval) + this.interval);
    return "CONTINUE";
  }
  onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (time === window.maxTimestamp()) return "FIRE";
    const fire = ctx.getPartitionedState(this.fireTime);
    if (fire.get() === time) {
      fire.clear();
      this.schedule(ctx, time + this.interval);
      return "FIRE";
    }
    return "CONTINUE";
  }
  onProcessingTime(): TriggerResult {
    return "CONTINUE";
  }
  private schedule(ctx: TriggerContext, time: number): void {
    ctx.getPartitionedState(this.fireTime).add(time);
    ctx.registerEventTimeTimer(time);
  }
  override canMerge(): boolean {
    return true;
  }
  override onMerge(window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.fireTime);
    const next = ctx.getPartitionedState(this.fireTime).get();
    if (next !== undefined) ctx.registerEventTimeTimer(next);
    if (window.maxTimestamp() > ctx.getCurrentWatermark()) ctx.registerEventTimeTimer(window.maxTimestamp());
  }
  clear(_w: Window, ctx: TriggerContext): void {
    const fire = ctx.getPartitionedState(this.fireTime);
    const t = fire.get();
    if (t !== undefined) ctx.deleteEventTimeTimer(t);
    fire.clear();
  }
  override toString(): string {
    return `ContinuousEventTimeTrigger(${this.interval})`;
  }
}

/** Fires every `interval` ms of processing time while the window has elements. */
export class ContinuousProcessingTimeTrigger extends Trigger<unknown, Window> {
  private readonly fireTime = new ReducingStateDescriptor<number>("fire-time", min);
  private constructor(private readonly interval: number) {
    super();
  }
  static of(intervalMs: number): ContinuousProcessingTimeTrigger {
    if (!(intervalMs > 0)) throw new RangeError("the interval must be positive");
    return new ContinuousProcessingTimeTrigger(intervalMs);
  }
  onElement(_e: unknown, _ts: number, _w: Window, ctx: TriggerContext): TriggerResult {
    const fire = ctx.getPartitionedState(this.fireTime);
    if (fire.get() === undefined) {
      const now = ctx.getCurrentProcessingTime();
      this.schedule(ctx, now - (now % this.interval) + this.interval);
    }
    return "CONTINUE";
  }
  onEventTime(): TriggerResult {
    return "CONTINUE";
  }
  onProcessingTime(time: number, _w: Window, ctx: TriggerContext): TriggerResult {
    const fire = ctx.getPartitionedState(this.fireTime);
    if (fire.get() === time) {
      fire.clear();
      this.schedule(ctx, time + this.interval);
      return "FIRE";
    }
    return "CONTINUE";
  }
  private schedule(ctx: TriggerContext, time: number): void {
    ctx.getPartitionedState(this.fireTime).add(time);
    ctx.registerProcessingTimeTimer(time);
  }
  override canMerge(): boolean {
    return true;
  }
  override onMerge(_w: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.fireTime);
    const next = ctx.getPartitionedState(this.fireTime).get();
    if (next !== undefined) ctx.registerProcessingTimeTimer(next);
  }
  clear(_w: Window, ctx: TriggerContext): void {
    const fire = ctx.getPartitionedState(this.fireTime);
    const t = fire.get();
    if (t !== undefined) ctx.deleteProcessingTimeTimer(t);
    fire.clear();
  }
  override toString(): string {
    return `ContinuousProcessingTimeTrigger(${this.interval})`;
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
export class NeverTrigger extends Trigger<unknown, Window> {
  onElement(): TriggerResult {
    return "CONTINUE";
  }
  onEventTime(): TriggerResult {
    return "CONTINUE";
  }
  onProcessingTime(): TriggerResult {
    return "CONTINUE";
  }
  override canMerge(): boolean {
    return true;
  }
  override onMerge(): void {}
  clear(): void {}
}
