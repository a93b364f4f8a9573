/** The built-in triggers (Flink's org.apache.flink.streaming.api.windowing.triggers). */
import { ReducingStateDescriptor } from "../state/state-descriptors.js";
import { Trigger } from "./trigger.js";
/** Fires once the watermark passes the window's end; fires again per late element (allowed lateness). */
export class EventTimeTrigger extends Trigger {
    static create() {
        return new EventTimeTrigger();
    }
    onElement(_e, _ts, window, ctx) {
        if (window.maxTimestamp() <= ctx.getCurrentWatermark())
            return "FIRE";
        ctx.registerEventTimeTimer(window.maxTimestamp());
        return "CONTINUE";
    }
    onEventTime(time, window) {
        return time === window.maxTimestamp() ? "FIRE" : "CONTINUE";
    }
    onProcessingTime() {
        return "CONTINUE";
    }
    canMerge() {
        return true;
    }
    onMerge(window, ctx) {
        // Only a timer still in the future: a merged window already behind the watermark fires via onElement.
        if (window.maxTimestamp() > ctx.getCurrentWatermark())
            ctx.registerEventTimeTimer(window.maxTimestamp());
    }
    clear(window, ctx) {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
    }
}
/** Fires when the wall clock passes the window's end. */
export class ProcessingTimeTrigger extends Trigger {
    static create() {
        return new ProcessingTimeTrigger();
    }
    onElement(_e, _ts, window, ctx) {
        ctx.registerProcessingTimeTimer(window.maxTimestamp());
        return "CONTINUE";
    }
    onEventTime() {
        return "CONTINUE";
    }
    onProcessingTime() {
        return "FIRE";
    }
    canMerge() {
        return true;
    }
    onMerge(window, ctx) {
        if (window.maxTimestamp() > ctx.getCurrentProcessingTime())
            ctx.registerProcessingTimeTimer(window.maxTimestamp());
    }
    clear(window, ctx) {
        ctx.deleteProcessingTimeTimer(window.maxTimestamp());
    }
}
const sum = (a, b) => a + b;
const min = (a, b) => Math.min(a, b);
/** Fires every `maxCount` elements of a window (the count restarts after each firing). */
export class CountTrigger extends Trigger {
    maxCount;
    count = new ReducingStateDescriptor("count", sum);
    constructor(maxCount) {
        super();
        this.maxCount = maxCount;
    }
    static of(maxCount) {
        if (!(maxCount >= 1))
            throw new RangeError("CountTrigger needs a count of at least 1");
        return new CountTrigger(maxCount);
    }
    onElement(_e, _ts, _w, ctx) {
        const count = ctx.getPartitionedState(this.count);
        count.add(1);
        if ((count.get() ?? 0) >= this.maxCount) {
            count.clear();
            return "FIRE";
        }
        return "CONTINUE";
    }
    onEventTime() {
        return "CONTINUE";
    }
    onProcessingTime() {
        return "CONTINUE";
    }
    canMerge() {
        return true;
    }
    onMerge(_w, ctx) {
        ctx.mergePartitionedState(this.count);
    }
    clear(_w, ctx) {
        ctx.getPartitionedState(this.count).clear();
    }
    toString() {
        return `CountTrigger(${this.maxCount})`;
    }
}
/** Fires every `interval` ms of event time within the window, and at the window's end. */
export class ContinuousEventTimeTrigger extends Trigger {
    interval;
    fireTime = new ReducingStateDescriptor("fire-time", min);
    constructor(interval) {
        super();
        this.interval = interval;
    }
    static of(intervalMs) {
        if (!(intervalMs > 0))
            throw new RangeError("the interval must be positive");
        return new ContinuousEventTimeTrigger(intervalMs);
    }
    onElement(_e, timestamp, window, ctx) {
        if (window.maxTimestamp() <= ctx.getCurrentWatermark())
            return "FIRE";
        ctx.registerEventTimeTimer(window.maxTimestamp());
        const fire = ctx.getPartitionedState(this.fireTime);
        if (fire.get() === undefined)
            this.schedule(ctx, timestamp - (((timestamp % this.interval) + this.interval) % this.interval) + this.interval);
        return "CONTINUE";
    }
    onEventTime(time, window, ctx) {
        if (time === window.maxTimestamp())
            return "FIRE";
        const fire = ctx.getPartitionedState(this.fireTime);
        if (fire.get() === time) {
            fire.clear();
            this.schedule(ctx, time + this.interval);
            return "FIRE";
        }
        return "CONTINUE";
    }
    onProcessingTime() {
        return "CONTINUE";
    }
    schedule(ctx, time) {
        ctx.getPartitionedState(this.fireTime).add(time);
        ctx.registerEventTimeTimer(time);
    }
    canMerge() {
        return true;
    }
    onMerge(window, ctx) {
        ctx.mergePartitionedState(this.fireTime);
        const next = ctx.getPartitionedState(this.fireTime).get();
        if (next !== undefined)
            ctx.registerEventTimeTimer(next);
        if (window.maxTimestamp() > ctx.getCurrentWatermark())
            ctx.registerEventTimeTimer(window.maxTimestamp());
    }
    clear(_w, ctx) {
        const fire = ctx.getPartitionedState(this.fireTime);
        const t = fire.get();
        if (t !== undefined)
            ctx.deleteEventTimeTimer(t);
        fire.clear();
    }
    toString() {
        return `ContinuousEventTimeTrigger(${this.interval})`;
    }
}
/** Fires every `interval` ms of processing time while the window has elements. */
export class ContinuousProcessingTimeTrigger extends Trigger {
    interval;
    fireTime = new ReducingStateDescriptor("fire-time", min);
    constructor(interval) {
        super();
        this.interval = interval;
    }
    static of(intervalMs) {
        if (!(intervalMs > 0))
            throw new RangeError("the interval must be positive");
        return new ContinuousProcessingTimeTrigger(intervalMs);
    }
    onElement(_e, _ts, _w, ctx) {
        const fire = ctx.getPartitionedState(this.fireTime);
        if (fire.get() === undefined) {
            const now = ctx.getCurrentProcessingTime();
            this.schedule(ctx, now - (now % this.interval) + this.interval);
        }
        return "CONTINUE";
    }
    onEventTime() {
        return "CONTINUE";
    }
    onProcessingTime(time, _w, ctx) {
        const fire = ctx.getPartitionedState(this.fireTime);
        if (fire.get() === time) {
            fire.clear();
            this.schedule(ctx, time + this.interval);
            return "FIRE";
        }
        return "CONTINUE";
    }
    schedule(ctx, time) {
        ctx.getPartitionedState(this.fireTime).add(time);
        ctx.registerProcessingTimeTimer(time);
    }
    canMerge() {
        return true;
    }
    onMerge(_w, ctx) {
        ctx.mergePartitionedState(this.fireTime);
        const next = ctx.getPartitionedState(this.fireTime).get();
        if (next !== undefined)
            ctx.registerProcessingTimeTimer(next);
    }
    clear(_w, ctx) {
        const fire = ctx.getPartitionedState(this.fireTime);
        const t = fire.get();
        if (t !== undefined)
            ctx.deleteProcessingTimeTimer(t);
        fire.clear();
    }
    toString() {
        return `ContinuousProcessingTimeTrigger(${this.interval})`;
    }
}
/** Turns every FIRE of the nested trigger into FIRE_AND_PURGE: each firing starts the window afresh. */
export class PurgingTrigger extends Trigger {
    nested;
    constructor(nested) {
        super();
        this.nested = nested;
    }
    static of(nested) {
        return new PurgingTrigger(nested);
    }
    purge(r) {
        return r === "FIRE" ? "FIRE_AND_PURGE" : r;
    }
    onElement(e, ts, w, ctx) {
        return this.purge(this.nested.onElement(e, ts, w, ctx));
    }
    onEventTime(time, w, ctx) {
        return this.purge(this.nested.onEventTime(time, w, ctx));
    }
    onProcessingTime(time, w, ctx) {
        return this.purge(this.nested.onProcessingTime(time, w, ctx));
    }
    canMerge() {
        return this.nested.canMerge();
    }
    onMerge(w, ctx) {
        this.nested.onMerge(w, ctx);
    }
    clear(w, ctx) {
        this.nested.clear(w, ctx);
    }
    toString() {
        return `PurgingTrigger(${this.nested.toString()})`;
    }
}
/** Never fires: the default of GlobalWindows, which needs a trigger of its own. */
export class NeverTrigger extends Trigger {
    onElement() {
        return "CONTINUE";
    }
    onEventTime() {
        return "CONTINUE";
    }
    onProcessingTime() {
        return "CONTINUE";
    }
    canMerge() {
        return true;
    }
    onMerge() { }
    clear() { }
}
//# sourceMappingURL=triggers.js.map