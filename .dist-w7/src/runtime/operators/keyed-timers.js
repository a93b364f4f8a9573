import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { TimerService } from "../state/timer-service.js";
/** Process functions' timers have no namespace: one per key and timestamp. */
const VOID = 0;
const voidNs = () => VOID;
export class KeyedTimers {
    event;
    processing;
    service;
    constructor(backend, clock, watermark, onTimer) {
        const event = new TimerService(backend, "event", (t) => onTimer(t.timestamp, "event-time"), voidNs);
        const processing = new TimerService(backend, "processing", (t) => onTimer(t.timestamp, "processing-time"), voidNs, clock);
        this.event = event;
        this.processing = processing;
        this.service = {
            currentProcessingTime: () => clock.now(),
            currentWatermark: watermark,
            registerEventTimeTimer: (t) => event.register(VOID, t),
            registerProcessingTimeTimer: (t) => processing.register(VOID, t),
            deleteEventTimeTimer: (t) => event.delete(VOID, t),
            deleteProcessingTimeTimer: (t) => processing.delete(VOID, t),
        };
    }
    /** After a restore: rebuild the timers' firing order from the keyed backend. */
    restore() {
        this.event.restore();
        this.processing.restore();
    }
    /** End of input: fire the remaining processing-time timers as if the clock reached the end of time. */
    fireRemainingProcessingTime() {
        this.processing.advance(Number.POSITIVE_INFINITY);
    }
    stop() {
        this.processing.stop();
    }
}
/**
 * The context of an element or timer: the record's (or timer's) timestamp, side outputs, timers
 * and the current key. Its `timestamp` is also the timestamp of what the function emits.
 */
export class KeyedProcessContextImpl {
    target;
    clock;
    timers;
    backend;
    /** NO_TIMESTAMP when the element has none (or for processing-time timers). */
    currentTimestamp = NO_TIMESTAMP;
    domain = "event-time";
    out;
    constructor(target, clock, timers, backend) {
        this.target = target;
        this.clock = clock;
        this.timers = timers;
        this.backend = backend;
        this.out = { collect: (v) => this.target().collect(v, this.currentTimestamp) };
    }
    timestamp() {
        return this.currentTimestamp === NO_TIMESTAMP ? undefined : this.currentTimestamp;
    }
    currentProcessingTime() {
        return this.clock.now();
    }
    output(tag, value) {
        this.target().collectSide(tag.id, value, this.currentTimestamp);
    }
    timerService() {
        if (!this.timers)
            throw new Error("timers are only available on keyed streams (after keyBy())");
        return this.timers;
    }
    getCurrentKey() {
        if (!this.backend)
            throw new Error("there is no key on a non-keyed stream");
        return this.backend.getCurrentKey();
    }
    timeDomain() {
        return this.domain;
    }
    /** Prepares the context for a timer: event-time output carries the timer's time, processing-time output none. */
    forTimer(timestamp, domain) {
        this.domain = domain;
        this.currentTimestamp = domain === "event-time" ? timestamp : NO_TIMESTAMP;
        return this;
    }
}
//# sourceMappingURL=keyed-timers.js.map