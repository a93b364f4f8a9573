/**
 * Tumbling, sliding and session windows in event and processing time, and global windows.
 * Fixed-size windows use their start as namespace: with one size per assigner, the start
 * identifies the window, and a number keys state faster than a string.
 */
import type { JsonObject } from "../../graph/stream-graph.js";
import type { Trigger } from "./trigger.js";
import { MergingWindowAssigner, WindowAssigner, type WindowAssignerContext } from "./window-assigner.js";
import { GlobalWindow, TimeWindow, type Namespace } from "./windows.js";
declare abstract class TumblingWindows extends WindowAssigner<unknown, TimeWindow> {
    protected readonly size: number;
    protected readonly offset: number;
    protected constructor(size: number, offset: number);
    /** The last assignment: consecutive elements mostly fall into the same window (no allocation then). */
    private last;
    protected windowFor(timestamp: number): TimeWindow[];
    namespace(w: TimeWindow): Namespace;
    describe(): JsonObject;
}
export declare class TumblingEventTimeWindows extends TumblingWindows {
    static of(sizeMs: number, offsetMs?: number): TumblingEventTimeWindows;
    assignWindows(_e: unknown, timestamp: number): TimeWindow[];
    getDefaultTrigger(): Trigger<unknown, TimeWindow>;
    isEventTime(): boolean;
}
export declare class TumblingProcessingTimeWindows extends TumblingWindows {
    static of(sizeMs: number, offsetMs?: number): TumblingProcessingTimeWindows;
    assignWindows(_e: unknown, _ts: number, ctx: WindowAssignerContext): TimeWindow[];
    getDefaultTrigger(): Trigger<unknown, TimeWindow>;
    isEventTime(): boolean;
}
declare abstract class SlidingWindows extends WindowAssigner<unknown, TimeWindow> {
    protected readonly size: number;
    protected readonly slide: number;
    protected readonly offset: number;
    protected constructor(size: number, slide: number, offset: number);
    private lastStart;
    private lastWindows;
    protected windowsFor(timestamp: number): TimeWindow[];
    namespace(w: TimeWindow): Namespace;
    describe(): JsonObject;
}
export declare class SlidingEventTimeWindows extends SlidingWindows {
    static of(sizeMs: number, slideMs: number, offsetMs?: number): SlidingEventTimeWindows;
    assignWindows(_e: unknown, timestamp: number): TimeWindow[];
    getDefaultTrigger(): Trigger<unknown, TimeWindow>;
    isEventTime(): boolean;
}
export declare class SlidingProcessingTimeWindows extends SlidingWindows {
    static of(sizeMs: number, slideMs: number, offsetMs?: number): SlidingProcessingTimeWindows;
    assignWindows(_e: unknown, _ts: number, ctx: WindowAssignerContext): TimeWindow[];
    getDefaultTrigger(): Trigger<unknown, TimeWindow>;
    isEventTime(): boolean;
}
/** Session gap per element, for sessions whose inactivity gap depends on the data. */
export type SessionGapExtractor<T> = (element: T) => number;
declare abstract class SessionWindows<T> extends MergingWindowAssigner<T, TimeWindow> {
    protected readonly gap: SessionGapExtractor<T>;
    protected constructor(gap: SessionGapExtractor<T>);
    protected windowFor(element: T, timestamp: number): TimeWindow[];
    mergeWindows(windows: readonly TimeWindow[], merge: (members: TimeWindow[], result: TimeWindow) => void): void;
    describe(): JsonObject;
}
export declare class EventTimeSessionWindows<T = unknown> extends SessionWindows<T> {
    static withGap(gapMs: number): EventTimeSessionWindows;
    static withDynamicGap<T>(extractor: SessionGapExtractor<T>): EventTimeSessionWindows<T>;
    assignWindows(element: T, timestamp: number): TimeWindow[];
    getDefaultTrigger(): Trigger<T, TimeWindow>;
    isEventTime(): boolean;
}
export declare class ProcessingTimeSessionWindows<T = unknown> extends SessionWindows<T> {
    static withGap(gapMs: number): ProcessingTimeSessionWindows;
    static withDynamicGap<T>(extractor: SessionGapExtractor<T>): ProcessingTimeSessionWindows<T>;
    assignWindows(element: T, _ts: number, ctx: WindowAssignerContext): TimeWindow[];
    getDefaultTrigger(): Trigger<T, TimeWindow>;
    isEventTime(): boolean;
}
/** One window for everything per key; it never fires unless given a trigger (e.g. CountTrigger). */
export declare class GlobalWindows extends WindowAssigner<unknown, GlobalWindow> {
    private static readonly WINDOWS;
    static create(): GlobalWindows;
    assignWindows(): GlobalWindow[];
    getDefaultTrigger(): Trigger<unknown, GlobalWindow>;
    isEventTime(): boolean;
    namespace(): Namespace;
}
export {};
