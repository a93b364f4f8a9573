/**
 * Plain reference computations of window results: a direct simulation of the documented
 * semantics (Flink's), with no triggers, timers or state backends. Each event is processed after
 * the watermarks before it (watermarksAt); the end of input is a watermark at +Infinity.
 */
import { type Ev } from "../../jobs/windowing/support/events.js";
export interface Firing {
    key: string;
    start: number;
    end: number;
    els: Ev[];
}
export type TriggerModel = {
    kind: "event";
} | {
    kind: "count";
    n: number;
    purge: boolean;
} | {
    kind: "continuous";
    interval: number;
};
export interface WindowCase {
    size: number;
    /** Sliding windows; tumbling when absent. */
    slide?: number;
    lateness: number;
    trigger: TriggerModel;
    /** Applied to the window's elements before each firing; what it keeps stays in the window. */
    evict?: (els: Ev[]) => Ev[];
    keyOf?: (e: Ev) => string;
}
export declare function referenceWindows(events: readonly Ev[], c: WindowCase): {
    firings: Firing[];
    late: Ev[];
};
/** Event-time session windows with the default trigger: merging, firing, late firings, cleanup. */
export declare function referenceSessions(events: readonly Ev[], gap: number, lateness: number): {
    firings: Firing[];
    late: Ev[];
    bridges: number;
};
/** Sorted JSON lines: results compared as multisets, whatever the order they arrived in. */
export declare function canonical(values: readonly unknown[]): string[];
