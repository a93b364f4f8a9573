import { Trigger, type OnMergeContext, type TriggerContext, type TriggerResult } from "./trigger.js";
import type { Window } from "./windows.js";
/** Fires once the watermark passes the window's end; fires again per late element (allowed lateness). */
export declare class EventTimeTrigger extends Trigger<unknown, Window> {
    static create(): EventTimeTrigger;
    onElement(_e: unknown, _ts: number, window: Window, ctx: TriggerContext): TriggerResult;
    onEventTime(time: number, window: Window): TriggerResult;
    onProcessingTime(): TriggerResult;
    canMerge(): boolean;
    onMerge(window: Window, ctx: OnMergeContext): void;
    clear(window: Window, ctx: TriggerContext): void;
}
/** Fires when the wall clock passes the window's end. */
export declare class ProcessingTimeTrigger extends Trigger<unknown, Window> {
    static create(): ProcessingTimeTrigger;
    onElement(_e: unknown, _ts: number, window: Window, ctx: TriggerContext): TriggerResult;
    onEventTime(): TriggerResult;
    onProcessingTime(): TriggerResult;
    canMerge(): boolean;
    onMerge(window: Window, ctx: OnMergeContext): void;
    clear(window: Window, ctx: TriggerContext): void;
}
/** Fires every `maxCount` elements of a window (the count restarts after each firing). */
export declare class CountTrigger extends Trigger<unknown, Window> {
    private readonly maxCount;
    private readonly count;
    private constructor();
    static of(maxCount: number): CountTrigger;
    onElement(_e: unknown, _ts: number, _w: Window, ctx: TriggerContext): TriggerResult;
    onEventTime(): TriggerResult;
    onProcessingTime(): TriggerResult;
    canMerge(): boolean;
    onMerge(_w: Window, ctx: OnMergeContext): void;
    clear(_w: Window, ctx: TriggerContext): void;
    toString(): string;
}
/** Fires every `interval` ms of event time within the window, and at the window's end. */
export declare class ContinuousEventTimeTrigger extends Trigger<unknown, Window> {
    private readonly interval;
    private readonly fireTime;
    private constructor();
    static of(intervalMs: number): ContinuousEventTimeTrigger;
    onElement(_e: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult;
    onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult;
    onProcessingTime(): TriggerResult;
    private schedule;
    canMerge(): boolean;
    onMerge(window: Window, ctx: OnMergeContext): void;
    clear(_w: Window, ctx: TriggerContext): void;
    toString(): string;
}
/** Fires every `interval` ms of processing time while the window has elements. */
export declare class ContinuousProcessingTimeTrigger extends Trigger<unknown, Window> {
    private readonly interval;
    private readonly fireTime;
    private constructor();
    static of(intervalMs: number): ContinuousProcessingTimeTrigger;
    onElement(_e: unknown, _ts: number, _w: Window, ctx: TriggerContext): TriggerResult;
    onEventTime(): TriggerResult;
    onProcessingTime(time: number, _w: Window, ctx: TriggerContext): TriggerResult;
    private schedule;
    canMerge(): boolean;
    onMerge(_w: Window, ctx: OnMergeContext): void;
    clear(_w: Window, ctx: TriggerContext): void;
    toString(): string;
}
/** Turns every FIRE of the nested trigger into FIRE_AND_PURGE: each firing starts the window afresh. */
export declare class PurgingTrigger<T, W extends Window> extends Trigger<T, W> {
    private readonly nested;
    private constructor();
    static of<T, W extends Window>(nested: Trigger<T, W>): PurgingTrigger<T, W>;
    private purge;
    onElement(e: T, ts: number, w: W, ctx: TriggerContext): TriggerResult;
    onEventTime(time: number, w: W, ctx: TriggerContext): TriggerResult;
    onProcessingTime(time: number, w: W, ctx: TriggerContext): TriggerResult;
    canMerge(): boolean;
    onMerge(w: W, ctx: OnMergeContext): void;
    clear(w: W, ctx: TriggerContext): void;
    toString(): string;
}
/** Never fires: the default of GlobalWindows, which needs a trigger of its own. */
export declare class NeverTrigger extends Trigger<unknown, Window> {
    onElement(): TriggerResult;
    onEventTime(): TriggerResult;
    onProcessingTime(): TriggerResult;
    canMerge(): boolean;
    onMerge(): void;
    clear(): void;
}
