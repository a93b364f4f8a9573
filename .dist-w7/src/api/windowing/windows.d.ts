/**
 * Windows: finite slices of a stream. A TimeWindow is [start, end) in ms; its last timestamp is
 * end − 1. The GlobalWindow holds everything and ends only at the end of time.
 */
/** A window's identity as a primitive, for state and timer lookups that compare by value. */
export type Namespace = string | number;
export interface Window {
    /** The largest timestamp that still belongs to the window. */
    maxTimestamp(): number;
}
export declare class TimeWindow implements Window {
    readonly start: number;
    readonly end: number;
    constructor(start: number, end: number);
    maxTimestamp(): number;
    /** Overlapping or adjacent windows intersect (Flink's rule: adjacent sessions merge). */
    intersects(other: TimeWindow): boolean;
    cover(other: TimeWindow): TimeWindow;
    equals(other: TimeWindow): boolean;
    toString(): string;
    /** The start of the window of `size` (shifted by `offset`) that contains `timestamp`. */
    static getWindowStartWithOffset(timestamp: number, offset: number, windowSize: number): number;
    /**
     * Merges overlapping windows (Flink's TimeWindow.mergeWindows): sorts by start and sweeps;
     * calls `merge(members, result)` for every group of more than one window.
     */
    static mergeWindows(windows: readonly TimeWindow[], merge: (members: TimeWindow[], result: TimeWindow) => void): void;
}
export declare class GlobalWindow implements Window {
    static readonly INSTANCE: GlobalWindow;
    private constructor();
    maxTimestamp(): number;
    toString(): string;
}
/** A namespace for any window: TimeWindows by start and end, the global window as 0. */
export declare function windowNamespace(w: Window): Namespace;
/**
 * A window read back from a snapshot, where it is a plain object: TimeWindows and the global
 * window get their class back; other windows are returned as they are.
 */
export declare function rehydrateWindow(w: Window): Window;
