import { DataStream } from "./data-stream.js";
import { BroadcastStream, ConnectedStreams, KeyedBroadcastConnectedStream, KeyedConnectedStreams, } from "./process/connected-streams.js";
import { IntervalJoin } from "./process/interval-join.js";
import { WindowedStream } from "./windowing/windowed-stream.js";
import { GlobalWindows } from "./windowing/time-window-assigners.js";
import { CountTrigger, PurgingTrigger } from "./windowing/triggers.js";
import { CountEvictor } from "./windowing/evictors.js";
export class KeyedStream extends DataStream {
    keySelector;
    constructor(env, inputs, 
    /** @internal */ keySelector) {
        super(env, inputs);
        this.keySelector = keySelector;
    }
    /** Running reduce per key: emits the updated value for every record. */
    reduce(fn) {
        return this.env.addOperator("keyed-reduce", "Keyed Reduce", this.inputs, { fn });
    }
    /** Running sum of a numeric field per key (or of the value itself for a stream of numbers). */
    sum(field) {
        return this.aggregate("sum", field);
    }
    /** Running minimum of a field; other fields keep the first record's values (as in Flink). */
    min(field) {
        return this.aggregate("min", field);
    }
    max(field) {
        return this.aggregate("max", field);
    }
    /** The whole record with the smallest value of the field so far (the first one on ties). */
    minBy(field) {
        return this.aggregate("minBy", field);
    }
    maxBy(field) {
        return this.aggregate("maxBy", field);
    }
    /** A KeyedProcessFunction: keyed state, timers and side outputs per key. */
    process(fn) {
        return this.env.addOperator("keyed-process", "KeyedProcess", this.inputs, { fn });
    }
    /** Windows per key. */
    window(assigner) {
        return new WindowedStream(this.env, this.inputs, assigner);
    }
    /** Windows of `size` elements per key (sliding by `slide` elements when given). */
    countWindow(size, slide) {
        const w = this.window(GlobalWindows.create());
        if (slide === undefined)
            return w.trigger(PurgingTrigger.of(CountTrigger.of(size)));
        return w.evictor(CountEvictor.of(size)).trigger(CountTrigger.of(slide));
    }
    connect(other) {
        if (other.env !== this.env)
            throw new Error("connect(): streams belong to different environments");
        if (other instanceof BroadcastStream)
            return new KeyedBroadcastConnectedStream(this.env, this.inputs, other);
        if (other instanceof KeyedStream)
            return new KeyedConnectedStreams(this.env, this.inputs, other.inputs);
        return new ConnectedStreams(this.env, this.inputs, other.inputs);
    }
    /** Joins with another keyed stream on equal keys and timestamps within an interval (then between()). */
    intervalJoin(other) {
        return new IntervalJoin(this.env, this.inputs, other.inputs);
    }
    aggregate(kind, field) {
        const f = field === undefined ? null : typeof field === "number" ? field : String(field);
        return this.env.addOperator("keyed-aggregation", `Keyed Aggregation (${kind})`, this.inputs, {}, { aggregation: kind, field: f });
    }
}
//# sourceMappingURL=keyed-stream.js.map