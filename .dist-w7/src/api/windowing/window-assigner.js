import { windowNamespace } from "./windows.js";
export class WindowAssigner {
    /** The window as a primitive key for state and timers. */
    namespace(window) {
        return windowNamespace(window);
    }
    /** What the JobGraph shows about this assigner. */
    describe() {
        return { assigner: this.constructor.name };
    }
}
/** Assigners whose windows can merge (sessions). */
export class MergingWindowAssigner extends WindowAssigner {
}
export function requireTimestamp(timestamp, assigner) {
    if (timestamp === Number.NEGATIVE_INFINITY) {
        throw new Error(`${assigner}: the record has no timestamp. Is the stream missing assignTimestampsAndWatermarks(...) ` +
            "or a WatermarkStrategy on its source? Use a processing-time assigner otherwise.");
    }
}
//# sourceMappingURL=window-assigner.js.map