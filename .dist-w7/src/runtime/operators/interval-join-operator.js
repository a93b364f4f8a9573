/**
 * Interval join (Flink's IntervalJoinOperator): joins left l and right r of the same key when
 * lower <= r.ts − l.ts <= upper. Both sides are buffered per key and timestamp in the keyed
 * backend; a cleanup timer drops an element once no future element of the other side can match.
 *
 * Lateness: an element is late when its timestamp is <= the watermark (Flink uses <). With <=,
 * an element is only cleaned up once every element that could still match it would itself be
 * late, so the result is exactly "all pairs of non-late elements within the bounds", whatever
 * the arrival order.
 */
import { richFunction } from "../../api/functions.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { TimerService } from "../state/timer-service.js";
import { streamingContext } from "./state-context.js";
import { StreamOperator } from "./stream-operator.js";
export class IntervalJoinOperator extends StreamOperator {
    backend;
    keys;
    lower;
    upper;
    lateTags;
    buffers;
    timers;
    fn;
    leftTs = 0;
    rightTs = 0;
    context;
    out;
    constructor(ctx) {
        super(ctx);
        const [k1, k2] = ctx.keySelectors;
        if (!ctx.keyedState || !k1 || !k2)
            throw new Error(`${ctx.descriptor.name}: an interval join needs two keyed streams`);
        this.backend = ctx.keyedState;
        this.keys = [k1, k2];
        const c = ctx.descriptor.config;
        // Exclusive bounds become inclusive ones one ms further in.
        this.lower = Number(c.lowerBound) + (c.lowerExclusive === true ? 1 : 0);
        this.upper = Number(c.upperBound) - (c.upperExclusive === true ? 1 : 0);
        if (this.lower > this.upper)
            throw new Error(`interval join: lower bound ${this.lower} is above upper bound ${this.upper}`);
        this.lateTags = [c.leftLateDataTag, c.rightLateDataTag];
        this.buffers = { left: this.backend.table("_interval-join:left"), right: this.backend.table("_interval-join:right") };
        this.timers = new TimerService(this.backend, "event", (t) => this.cleanup(t), (s) => s);
        this.fn = richFunction(ctx.fns.fn, "processElement");
        const out = { timestamp: 0 };
        this.out = { collect: (v) => this.output.collect(v, out.timestamp) };
        this.context = {
            leftTimestamp: () => this.leftTs,
            rightTimestamp: () => this.rightTs,
            timestamp: () => Math.max(this.leftTs, this.rightTs),
            currentProcessingTime: () => ctx.processingTime.now(),
            output: (tag, value) => this.output.collectSide(tag.id, value, Math.max(this.leftTs, this.rightTs)),
        };
        this.emitAt = (ts) => (out.timestamp = ts);
    }
    emitAt;
    async open() {
        await this.fn.open?.(streamingContext(this.ctx));
    }
    processElement(value, timestamp, input) {
        if (timestamp === NO_TIMESTAMP)
            throw new Error("interval join: elements need event timestamps (assignTimestampsAndWatermarks)");
        this.backend.setCurrentKey(this.keys[input](value));
        if (timestamp <= this.currentWatermark) {
            const tag = this.lateTags[input];
            if (tag !== undefined)
                this.output.collectSide(tag, value, timestamp);
            return;
        }
        const isLeft = input === 0;
        const ours = isLeft ? "left" : "right";
        // Relative to our element: the other side's timestamps that match.
        const relLower = isLeft ? this.lower : -this.upper;
        const relUpper = isLeft ? this.upper : -this.lower;
        const group = this.backend.currentGroup(this.buffers[ours]);
        const sk = this.backend.currentStateKey;
        let mine = group.get(sk);
        if (!mine)
            group.set(sk, (mine = new Map()));
        const atTs = mine.get(timestamp);
        if (atTs)
            atTs.push(value);
        else
            mine.set(timestamp, [value]);
        const other = this.backend.currentGroup(this.buffers[isLeft ? "right" : "left"]).get(sk);
        if (other) {
            for (const [ts, values] of other) {
                if (ts < timestamp + relLower || ts > timestamp + relUpper)
                    continue;
                for (const v of values) {
                    if (isLeft)
                        this.join(value, timestamp, v, ts);
                    else
                        this.join(v, ts, value, timestamp);
                }
            }
        }
        this.timers.register(ours, relUpper > 0 ? timestamp + relUpper : timestamp);
    }
    join(left, leftTs, right, rightTs) {
        this.leftTs = leftTs;
        this.rightTs = rightTs;
        this.emitAt(Math.max(leftTs, rightTs));
        this.fn.call(left, right, this.context, this.out);
    }
    /** A cleanup timer: the buffered elements at the corresponding timestamp can no longer match. */
    cleanup(timer) {
        const side = timer.namespace;
        const ts = side === "left" ? (this.upper > 0 ? timer.timestamp - this.upper : timer.timestamp) : this.lower < 0 ? timer.timestamp + this.lower : timer.timestamp;
        const group = this.backend.currentGroup(this.buffers[side]);
        const sk = this.backend.currentStateKey;
        const buffer = group.get(sk);
        if (!buffer)
            return;
        buffer.delete(ts);
        if (buffer.size === 0)
            group.delete(sk);
    }
    initializeState(restored) {
        if (restored)
            this.timers.restore();
    }
    onWatermark(watermark) {
        this.timers.advance(watermark);
    }
    async close() {
        await this.fn.close?.();
    }
}
//# sourceMappingURL=interval-join-operator.js.map