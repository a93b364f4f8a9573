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

export class TimeWindow implements Window {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}

  maxTimestamp(): number {
    return this.end - 1;
  }

  /** Overlapping or adjacent windows intersect (Flink's rule: adjacent sessions merge). */
  intersects(other: TimeWindow): boolean {
    return this.start <= other.end && this.end >= other.start;
  }

  cover(other: TimeWindow): TimeWindow {
    return new TimeWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  equals(other: TimeWindow): boolean {
    return this.start === other.start && this.end === other.end;
  }

  toString(): string {
    return `TimeWindow{start=${this.start}, end=${this.end}}`;
  }

  /** The start of the window of `size` (shifted by `offset`) that contains `timestamp`. */
  static getWindowStartWithOffset(timestamp: number, offset: number, windowSize: number): number {
    const r = (timestamp - offset) % windowSize;
    return timestamp - (r < 0 ? r + windowSize : r);
  }

  /**
   * Merges overlapping windows (Flink's TimeWindow.mergeWindows): sorts by start and sweeps;
   * calls `merge(members, result)` for every group of more than one window.
   */
  static mergeWindows(windows: readonly TimeWindow[], merge: (members: TimeWindow[], result: TimeWindow) => void): void {
    const sorted = [...windows].sort((a, b) => a.start - b.start);
    let current: { cover: TimeWindow; members: TimeWindow[] } | undefined;
    const groups: { cover: TimeWindow; members: TimeWindow[] }[] = [];
    for (const w of sorted) {
      if (current && current.cover.intersects(w)) {
        current.cover = current.cover.cover(w);
        current.members.push(w);
      } else {
        current = { cover: w, members: [w] };
        groups.push(current);
      }
    }
    for (const g of groups) if (g.members.length > 1) merge(g.members, g.cover);
  }
}

export class GlobalWindow implements Window {
  static readonly INSTANCE = new GlobalWindow();
  private constructor() {}
  maxTimestamp(): number {
    return Number.POSITIVE_INFINITY;
  }
  toString(): string {
    return "GlobalWindow";
  }
}

/** A namespace for any window: TimeWindows by start and end, the global window as 0. */
export function windowNamespace(w: Window): Namespace {
  if (w instanceof TimeWindow) return `${w.start}:${w.end}`;
  if (w instanceof GlobalWindow) return 0;
  return JSON.stringify(w);
}

/**
 * A window read back from a snapshot, where it is a plain object: TimeWindows and the global
 * window get their class back; other windows are returned as they are.
 */
export function rehydrateWindow(w: Window): Window {
  if (w instanceof TimeWindow || w instanceof GlobalWindow) return w;
  const o = w as unknown as { start?: unknown; end?: unknown };
  if (typeof o.start === "number" && typeof o.end === "number") return new TimeWindow(o.start, o.end);
  if (typeof w === "object" && w !== null && Object.keys(w).length === 0) return GlobalWindow.INSTANCE;
  return w;
}
