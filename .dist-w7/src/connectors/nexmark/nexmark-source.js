import { WatermarkStrategy } from "../../api/watermark-strategy.js";
import { eventRangeSize, nexmarkEvent, nexmarkEventTimestamp, splitEventRange } from "./generator.js";
import { createNexmarkConfig, validateNexmarkConfig } from "./generator-config.js";
import { nexmarkEventTime } from "./model.js";
/** The watermark of the Nexmark reference implementation: event time − 4 s. */
export const NEXMARK_OUT_OF_ORDERNESS_MS = 4000;
/** Events emitted per pollNext(): enough to amortize the call, few enough to keep the task responsive. */
const EVENTS_PER_POLL = 4;
export class NexmarkSource {
    boundedness;
    config;
    rateLimited;
    eventsPerSecond;
    constructor(options = {}) {
        const overrides = { ...options.config };
        if (options.events !== undefined)
            overrides.numEvents = options.events === Infinity ? 0 : options.events;
        const perSecond = options.eventsPerSecond;
        if (perSecond !== undefined) {
            if (!(perSecond > 0 && Number.isFinite(perSecond)))
                throw new RangeError(`eventsPerSecond must be a positive number, got ${perSecond}`);
            if (overrides.firstEventRate === undefined) {
                overrides.firstEventRate = perSecond;
                overrides.nextEventRate = perSecond;
            }
        }
        this.config = createNexmarkConfig(overrides);
        this.eventsPerSecond = perSecond;
        this.rateLimited = options.rateLimited === true;
        this.boundedness = this.config.numEvents > 0 ? "bounded" : "unbounded";
    }
    /** Total events over all subtasks (Infinity when unbounded). */
    get totalEvents() {
        return this.config.numEvents > 0 ? this.config.numEvents : Infinity;
    }
    createReader(ctx) {
        const pacing = this.eventsPerSecond !== undefined ? { kind: "rate", perSecond: this.eventsPerSecond / ctx.parallelism } : this.rateLimited ? { kind: "event-time" } : { kind: "none" };
        return new NexmarkSourceReader(this.config, pacing, [splitEventRange(this.totalEvents, ctx.parallelism, ctx.subtaskIndex)]);
    }
}
/** The standard Nexmark watermark strategy: bounded out-of-orderness of 4 s on the event's own time. */
export function nexmarkWatermarkStrategy(outOfOrdernessMs = NEXMARK_OUT_OF_ORDERNESS_MS) {
    return WatermarkStrategy.forBoundedOutOfOrderness(outOfOrdernessMs).withTimestampAssigner((event, recordTimestamp) => recordTimestamp ?? nexmarkEventTime(event));
}
export class NexmarkSourceReader {
    config;
    ranges;
    current = 0;
    /** Next event number of the current range, its step and end (copied out of the range: hot loop). */
    next = 0;
    step = 1;
    end = 0;
    /** Pacing: wall clock and event time of this reader's first event since (re)start, events since. */
    paceWall = 0;
    paceEventTime = 0;
    paced = 0;
    wakeAt = 0;
    pacing;
    constructor(config, pacing, ranges) {
        this.config = config;
        validateNexmarkConfig(config);
        this.pacing = typeof pacing === "boolean" ? (pacing ? { kind: "event-time" } : { kind: "none" }) : pacing;
        this.ranges = ranges;
        this.enter(0);
    }
    pollNext(output) {
        if (!this.advance())
            return "end-of-input";
        const config = this.config;
        const paced = this.pacing.kind !== "none";
        for (let i = 0; i < EVENTS_PER_POLL; i++) {
            if (paced && !this.due())
                return "nothing-available";
            const event = nexmarkEvent(this.next, config);
            this.next += this.step;
            output.collect(event, nexmarkEventTime(event));
            if (!this.advance())
                return "end-of-input";
        }
        return "more";
    }
    isAvailable() {
        return new Promise((resolve) => setTimeout(resolve, Math.max(0, this.wakeAt - Date.now())));
    }
    snapshotState() {
        const splits = [];
        if (this.next < this.end)
            splits.push(toSplit({ start: this.next, end: this.end, step: this.step }));
        for (let i = this.current + 1; i < this.ranges.length; i++) {
            const r = this.ranges[i];
            if (eventRangeSize(r) > 0)
                splits.push(toSplit(r));
        }
        return splits;
    }
    restoreState(splits) {
        this.ranges = splits.map(fromSplit);
        this.paceWall = 0;
        this.paced = 0;
        this.enter(0);
    }
    /** Moves to the next non-empty range when the current one is done; false at the end of all. */
    advance() {
        while (this.next >= this.end) {
            if (this.current + 1 >= this.ranges.length)
                return false;
            this.enter(this.current + 1);
        }
        return true;
    }
    enter(index) {
        this.current = index;
        const r = this.ranges[index];
        if (r) {
            this.next = r.start;
            this.step = r.step;
            this.end = r.end;
        }
        else {
            this.next = 0;
            this.end = 0;
        }
    }
    /** Whether the next event's time has come (pacing); counts it if so, else remembers when it will. */
    due() {
        const now = Date.now();
        const pacing = this.pacing;
        let dueAt;
        if (pacing.kind === "rate") {
            if (this.paceWall === 0)
                this.paceWall = now;
            dueAt = this.paceWall + (this.paced * 1000) / pacing.perSecond;
        }
        else {
            const eventTime = nexmarkEventTimestamp(this.next, this.config);
            if (this.paceWall === 0) {
                this.paceWall = now;
                this.paceEventTime = eventTime;
            }
            dueAt = this.paceWall + (eventTime - this.paceEventTime);
        }
        if (dueAt <= now) {
            this.paced++;
            return true;
        }
        this.wakeAt = dueAt;
        return false;
    }
}
function toSplit(r) {
    return { start: r.start, end: r.end === Infinity ? null : r.end, step: r.step };
}
function fromSplit(s) {
    return { start: s.start, end: s.end === null ? Infinity : s.end, step: s.step };
}
//# sourceMappingURL=nexmark-source.js.map