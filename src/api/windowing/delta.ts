/**
 * Windows driven by how far elements drift apart (Flink's DeltaTrigger and DeltaEvictor): a
 * DeltaFunction measures the distance between two elements, e.g. the difference of a price.
 */
import { ValueStateDescriptor } from "../state/state-descriptors.js";
import type { Evictor, TimestampedValue } from "./evictors.js";
import { Trigger, type TriggerContext, type TriggerResult } from "./trigger.js";
import type { Window } from "./windows.js";

/** The distance between two elements (older first). */
export type DeltaFunction<T> = (oldPoint: T, newPoint: T) => number;

/**
 * Fires when an element is more than `threshold` away from the element of the last firing (the
 * first element of a window only sets the reference). Timers never make it fire.
 */
export class DeltaTrigger<T, W extends Window = Window> extends Trigger<T, W> {
  private readonly lastElement = new ValueStateDescriptor<T>("delta-trigger-last-element");
  private constructor(
    private readonly threshold: number,
    private readonly delta: DeltaFunction<T>,
  ) {
    super();
  }
  static of<T, W extends Window = Window>(threshold: number, deltaFunction: DeltaFunction<T>): DeltaTrigger<T, W> {
    if (Number.isNaN(threshold)) throw new RangeError("DeltaTrigger needs a numeric threshold");
    return new DeltaTrigger<T, W>(threshold, deltaFunction);
  }
  onElement(element: T, _ts: number, _w: W, ctx: TriggerContext): TriggerResult {
    const last = ctx.getPartitionedState(this.lastElement);
    const reference = last.value();
    if (reference === undefined) {
      last.update(element);
      return "CONTINUE";
    }
    if (this.delta(reference, element) > this.threshold) {
      last.update(element);
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
  clear(_w: W, ctx: TriggerContext): void {
    ctx.getPartitionedState(this.lastElement).clear();
  }
  override toString(): string {
    return `DeltaTrigger(${this.threshold})`;
  }
}

/**
 * Evicts every element at least `threshold` away from the window's last element, before (default)
 * or after the window function.
 */
export class DeltaEvictor<T> implements Evictor<T, Window> {
  private constructor(
    private readonly threshold: number,
    private readonly delta: DeltaFunction<T>,
    private readonly doEvictAfter: boolean,
  ) {}
  static of<T>(threshold: number, deltaFunction: DeltaFunction<T>, doEvictAfter = false): DeltaEvictor<T> {
    if (Number.isNaN(threshold)) throw new RangeError("DeltaEvictor needs a numeric threshold");
    return new DeltaEvictor(threshold, deltaFunction, doEvictAfter);
  }
  evictBefore(elements: TimestampedValue<T>[]): void {
    if (!this.doEvictAfter) this.evict(elements);
  }
  evictAfter(elements: TimestampedValue<T>[]): void {
    if (this.doEvictAfter) this.evict(elements);
  }
  private evict(elements: TimestampedValue<T>[]): void {
    const last = elements[elements.length - 1];
    if (last === undefined) return;
    let w = 0;
    for (const e of elements) if (!(this.delta(e.value, last.value) >= this.threshold)) elements[w++] = e;
    elements.length = w;
  }
}
