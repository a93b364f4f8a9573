/**
 * Windows: finite slices of a stream. A TimeWindow is [start, end) in ms; its last timestamp is
 * end − 1. The GlobalWindow holds everything and ends only at the end of time.
 */
export class TimeWindow {
    start;
    end;
    constructor(start, end) {
        this.start = start;
        this.end = end;
    }
    maxTimestamp() {
        return this.end - 1;
    }
    /** Overlapping or adjacent windows intersect (Flink's rule: adjacent sessions merge). */
    intersects(other) {
        return this.start <= other.end && this.end >= other.start;
    }
    cover(other) {
        return new TimeWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
    }
    equals(other) {
        return this.start === other.start && this.end === other.end;
    }
    toString() {
        return `TimeWindow{start=${this.start}, end=${this.end}}`;
    }
    /** The start of the window of `size` (shifted by `offset`) that contains `timestamp`. */
    static getWindowStartWithOffset(timestamp, offset, windowSize) {
        const r = (timestamp - offset) % windowSize;
        return timestamp - (r < 0 ? r + windowSize : r);
    }
    /**
     * Merges overlapping windows (Flink's TimeWindow.mergeWindows): sorts by start and sweeps;
     * calls `merge(members, result)` for every group of more than one window.
     */
    static mergeWindows(windows, merge) {
        const sorted = [...windows].sort((a, b) => a.start - b.start);
        let current;
        const groups = [];
        for (const w of sorted) {
            if (current && current.cover.intersects(w)) {
                current.cover = current.cover.cover(w);
                current.members.push(w);
            }
            else {
                current = { cover: w, members: [w] };
                groups.push(current);
            }
        }
        for (const g of groups)
            if (g.members.length > 1)
                merge(g.members, g.cover);
    }
}
export class GlobalWindow {
    static INSTANCE = new GlobalWindow();
    constructor() { }
    maxTimestamp() {
        return Number.POSITIVE_INFINITY;
    }
    toString() {
        return "GlobalWindow";
    }
}
/** A namespace for any window: TimeWindows by start and end, the global window as 0. */
export function windowNamespace(w) {
    if (w instanceof TimeWindow)
        return `${w.start}:${w.end}`;
    if (w instanceof GlobalWindow)
        return 0;
    return JSON.stringify(w);
}
/**
 * A window read back from a snapshot, where it is a plain object: TimeWindows and the global
 * window get their class back; other windows are returned as they are.
 */
export function rehydrateWindow(w) {
    if (w instanceof TimeWindow || w instanceof GlobalWindow)
        return w;
    const o = w;
    if (typeof o.start === "number" && typeof o.end === "number")
        return new TimeWindow(o.start, o.end);
    if (typeof w === "object" && w !== null && Object.keys(w).length === 0)
        return GlobalWindow.INSTANCE;
    return w;
}
//# sourceMappingURL=windows.js.map