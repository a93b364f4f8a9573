/**
 * Evictors remove elements from a window before and/or after the window function runs (Flink's
 * evictors). A window with an evictor keeps all its elements, not an incremental aggregate.
 */
import type { Window } from "./windows.js";

export interface TimestampedValue<T> {
  readonly value: T;
  /** The element's event timestamp, undefined when it has none. */
  readonly timestamp: number | undefined;
}

export interface EvictorContext {
  getCurrentProcessingTime(): number;
  getCurrentWatermark(): number;
}

export interface Evictor<T, W extends Window> {
  /** Removes elements from `elements` in place (e.g. with splice). */
  evictBefore(elements: TimestampedValue<T>[], size: number, window: W, ctx: EvictorContext): void;
  evictAfter(elements: TimestampedValue<T>[], size: number, window: W, ctx: EvictorContext): void;
}

/** Keeps the last `maxCount` elements. */
export class CountEvictor implements Evictor<unknown, Window> {
  private constructor(
    private readonly maxCount: number,
    private readonly doEvictAfter: boolean,
  ) {}
  static of(maxCount: number, doEvictAfter = false): CountEvictor {
    if (!(maxCount >= 0)) throw new RangeError("CountEvictor needs a count >= 0");
    return new CountEvictor(maxCount, doEvictAfter);
  }
  evictBefore(elements: TimestampedValue<unknown>[]): void {
    if (!this.doEvictAfter) this.evict(elements);
  }
  evictAfter(elements: TimestampedValue<unknown>[]): void {
    if (this.doEvictAfter) this.evict(elements);
  }
  private evict(elements: TimestampedValue<unknown>[]): void {
    if (elements.length > this.maxCount) elements.splice(0, elements.length - this.maxCount);
  }
}

/** Keeps the elements at most `windowSizeMs` older than the newest element of the window. */
export class TimeEvictor implements Evictor<unknown, Window> {
  private constructor(
    private readonly windowSize: number,
    private readonly doEvictAfter: boolean,
  ) {}
  static of(windowSizeMs: number, doEvictAfter = false): TimeEvictor {
    return new TimeEvictor(windowSizeMs, doEvictAfter);
  }
  evictBefore(elements: TimestampedValue<unknown>[]): void {
    if (!this.doEvictAfter) this.evict(elements);
  }
  evictAfter(elements: TimestampedValue<unknown>[]): void {
    if (this.doEvictAfter) this.evict(elements);
  }
  private evict(elements: TimestampedValue<unknown>[]): void {
    let newest = Number.NEGATIVE_INFINITY;
    for (const e of elements) if (e.timestamp !== undefined && e.timestamp > newest) newest = e.timestamp;
    if (newest === Number.NEGATIVE_INFINITY) return; // no timestamps: nothing to compare
    const cutoff = newest - this.windowSize;
    let w = 0;
    for (const e of elements) if (e.timestamp === undefined || e.timestamp > cutoff) elements[w++] = e;
    elements.length = w;
  }
}
