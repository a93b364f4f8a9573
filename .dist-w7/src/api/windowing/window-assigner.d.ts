/** Window assigners put each element into zero or more windows (Flink's WindowAssigner). */
import type { JsonObject } from "../../graph/stream-graph.js";
import type { Trigger } from "./trigger.js";
import { type Namespace, type Window } from "./windows.js";
export interface WindowAssignerContext {
    getCurrentProcessingTime(): number;
}
export declare abstract class WindowAssigner<T, W extends Window> {
    readonly __elementType?: (value: T) => W;
    /** `timestamp` is the element's event timestamp (-Infinity when it has none). */
    abstract assignWindows(element: T, timestamp: number, ctx: WindowAssignerContext): W[];
    abstract getDefaultTrigger(): Trigger<T, W>;
    /** Event-time windows are late once the watermark passes their end plus the allowed lateness. */
    abstract isEventTime(): boolean;
    /** The window as a primitive key for state and timers. */
    namespace(window: W): Namespace;
    /** What the JobGraph shows about this assigner. */
    describe(): JsonObject;
}
/** Assigners whose windows can merge (sessions). */
export declare abstract class MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {
    abstract mergeWindows(windows: readonly W[], merge: (members: W[], result: W) => void): void;
}
export declare function requireTimestamp(timestamp: number, assigner: string): void;
