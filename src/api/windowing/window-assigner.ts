/** Window assigners put each element into zero or more windows (Flink's WindowAssigner). */
import type { JsonObject } from "../../graph/stream-graph.js";
import type { Trigger } from "./trigger.js";
import { windowNamespace, type Namespace, type Window } from "./windows.js";

export interface WindowAssignerContext {
  getCurrentProcessingTime(): number;
}

export abstract class WindowAssigner<T, W extends Window> {
  declare readonly __elementType?: (value: T) => W;
  /** `timestamp` is the element's event timestamp (-Infinity when it has none). */
  abstract assignWindows(element: T, timestamp: number, ctx: WindowAssignerContext): W[];
  abstract getDefaultTrigger(): Trigger<T, W>;
  /** Event-time windows are late once the watermark passes their end plus the allowed lateness. */
  abstract isEventTime(): boolean;
  /** The window as a primitive key for state and timers. */
  namespace(window: W): Namespace {
    return windowNamespace(window);
  }
  /** What the JobGraph shows about this assigner. */
  describe(): JsonObject {
    return { assigner: this.constructor.name };
  }
}

/** Assigners whose windows can merge (sessions). */
export abstract class MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {
  abstract mergeWindows(windows: readonly W[], merge: (members: W[], result: W) => void): void;
  /**
   * Whether the windows are TimeWindows that merge exactly when they intersect or touch
   * (TimeWindow.mergeWindows, as sessions do): the runtime then merges a key's windows
   * incrementally instead of calling mergeWindows() over all of them for every element.
   */
  mergesAsSessions(): boolean {
    return false;
  }
}

export function requireTimestamp(timestamp: number, assigner: string): void {
  if (timestamp === Number.NEGATIVE_INFINITY) {
    throw new Error(
      `${assigner}: the record has no timestamp. Is the stream missing assignTimestampsAndWatermarks(...) ` +
        "or a WatermarkStrategy on its source? Use a processing-time assigner otherwise.",
    );
  }
}
