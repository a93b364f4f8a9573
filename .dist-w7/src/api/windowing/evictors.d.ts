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
export declare class CountEvictor implements Evictor<unknown, Window> {
    private readonly maxCount;
    private readonly doEvictAfter;
    private constructor();
    static of(maxCount: number, doEvictAfter?: boolean): CountEvictor;
    evictBefore(elements: TimestampedValue<unknown>[]): void;
    evictAfter(elements: TimestampedValue<unknown>[]): void;
    private evict;
}
/** Keeps the elements at most `windowSizeMs` older than the newest element of the window. */
export declare class TimeEvictor implements Evictor<unknown, Window> {
    private readonly windowSize;
    private readonly doEvictAfter;
    private constructor();
    static of(windowSizeMs: number, doEvictAfter?: boolean): TimeEvictor;
    evictBefore(elements: TimestampedValue<unknown>[]): void;
    evictAfter(elements: TimestampedValue<unknown>[]): void;
    private evict;
}
