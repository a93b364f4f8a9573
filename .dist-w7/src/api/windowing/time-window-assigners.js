import { EventTimeTrigger, NeverTrigger, ProcessingTimeTrigger } from "./triggers.js";
import { MergingWindowAssigner, requireTimestamp, WindowAssigner } from "./window-assigner.js";
import { GlobalWindow, TimeWindow } from "./windows.js";
function checkSize(size, what) {
    if (!(size > 0) || !Number.isFinite(size))
        throw new RangeError(`${what} must be a positive number of ms, got ${size}`);
}
class TumblingWindows extends WindowAssigner {
    size;
    offset;
    constructor(size, offset) {
        super();
        this.size = size;
        this.offset = offset;
        checkSize(size, "window size");
    }
    /** The last assignment: consecutive elements mostly fall into the same window (no allocation then). */
    last = [new TimeWindow(Number.NaN, Number.NaN)];
    windowFor(timestamp) {
        const start = TimeWindow.getWindowStartWithOffset(timestamp, this.offset, this.size);
        if (this.last[0].start !== start)
            this.last = [new TimeWindow(start, start + this.size)];
        return this.last;
    }
    namespace(w) {
        return w.start;
    }
    describe() {
        return { assigner: this.constructor.name, size: this.size, offset: this.offset };
    }
}
export class TumblingEventTimeWindows extends TumblingWindows {
    static of(sizeMs, offsetMs = 0) {
        return new TumblingEventTimeWindows(sizeMs, offsetMs);
    }
    assignWindows(_e, timestamp) {
        requireTimestamp(timestamp, "TumblingEventTimeWindows");
        return this.windowFor(timestamp);
    }
    getDefaultTrigger() {
        return EventTimeTrigger.create();
    }
    isEventTime() {
        return true;
    }
}
export class TumblingProcessingTimeWindows extends TumblingWindows {
    static of(sizeMs, offsetMs = 0) {
        return new TumblingProcessingTimeWindows(sizeMs, offsetMs);
    }
    assignWindows(_e, _ts, ctx) {
        return this.windowFor(ctx.getCurrentProcessingTime());
    }
    getDefaultTrigger() {
        return ProcessingTimeTrigger.create();
    }
    isEventTime() {
        return false;
    }
}
class SlidingWindows extends WindowAssigner {
    size;
    slide;
    offset;
    constructor(size, slide, offset) {
        super();
        this.size = size;
        this.slide = slide;
        this.offset = offset;
        checkSize(size, "window size");
        checkSize(slide, "window slide");
    }
    lastStart = Number.NaN;
    lastWindows = [];
    windowsFor(timestamp) {
        const last = TimeWindow.getWindowStartWithOffset(timestamp, this.offset, this.slide);
        // The windows of a timestamp depend only on the last window start at or before it.
        if (last === this.lastStart)
            return this.lastWindows;
        const windows = [];
        for (let start = last; start > last - this.size; start -= this.slide)
            windows.push(new TimeWindow(start, start + this.size));
        this.lastStart = last;
        this.lastWindows = windows;
        return windows;
    }
    namespace(w) {
        return w.start;
    }
    describe() {
        return { assigner: this.constructor.name, size: this.size, slide: this.slide, offset: this.offset };
    }
}
export class SlidingEventTimeWindows extends SlidingWindows {
    static of(sizeMs, slideMs, offsetMs = 0) {
        return new SlidingEventTimeWindows(sizeMs, slideMs, offsetMs);
    }
    assignWindows(_e, timestamp) {
        requireTimestamp(timestamp, "SlidingEventTimeWindows");
        return this.windowsFor(timestamp);
    }
    getDefaultTrigger() {
        return EventTimeTrigger.create();
    }
    isEventTime() {
        return true;
    }
}
export class SlidingProcessingTimeWindows extends SlidingWindows {
    static of(sizeMs, slideMs, offsetMs = 0) {
        return new SlidingProcessingTimeWindows(sizeMs, slideMs, offsetMs);
    }
    assignWindows(_e, _ts, ctx) {
        return this.windowsFor(ctx.getCurrentProcessingTime());
    }
    getDefaultTrigger() {
        return ProcessingTimeTrigger.create();
    }
    isEventTime() {
        return false;
    }
}
class SessionWindows extends MergingWindowAssigner {
    gap;
    constructor(gap) {
        super();
        this.gap = gap;
    }
    windowFor(element, timestamp) {
        const gap = this.gap(element);
        checkSize(gap, "session gap");
        return [new TimeWindow(timestamp, timestamp + gap)];
    }
    mergeWindows(windows, merge) {
        TimeWindow.mergeWindows(windows, merge);
    }
    describe() {
        return { assigner: this.constructor.name };
    }
}
export class EventTimeSessionWindows extends SessionWindows {
    static withGap(gapMs) {
        checkSize(gapMs, "session gap");
        return new EventTimeSessionWindows(() => gapMs);
    }
    static withDynamicGap(extractor) {
        return new EventTimeSessionWindows(extractor);
    }
    assignWindows(element, timestamp) {
        requireTimestamp(timestamp, "EventTimeSessionWindows");
        return this.windowFor(element, timestamp);
    }
    getDefaultTrigger() {
        return EventTimeTrigger.create();
    }
    isEventTime() {
        return true;
    }
}
export class ProcessingTimeSessionWindows extends SessionWindows {
    static withGap(gapMs) {
        checkSize(gapMs, "session gap");
        return new ProcessingTimeSessionWindows(() => gapMs);
    }
    static withDynamicGap(extractor) {
        return new ProcessingTimeSessionWindows(extractor);
    }
    assignWindows(element, _ts, ctx) {
        return this.windowFor(element, ctx.getCurrentProcessingTime());
    }
    getDefaultTrigger() {
        return ProcessingTimeTrigger.create();
    }
    isEventTime() {
        return false;
    }
}
/** One window for everything per key; it never fires unless given a trigger (e.g. CountTrigger). */
export class GlobalWindows extends WindowAssigner {
    static WINDOWS = [GlobalWindow.INSTANCE];
    static create() {
        return new GlobalWindows();
    }
    assignWindows() {
        return GlobalWindows.WINDOWS;
    }
    getDefaultTrigger() {
        return new NeverTrigger();
    }
    isEventTime() {
        return false;
    }
    namespace() {
        return 0;
    }
}
//# sourceMappingURL=time-window-assigners.js.map