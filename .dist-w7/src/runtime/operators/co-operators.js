import { KeyedProcessContextImpl, KeyedTimers } from "./keyed-timers.js";
import { streamingContext } from "./state-context.js";
import { StreamOperator } from "./stream-operator.js";
/** Binds two methods of a user object (co-functions are always objects: one method per input). */
function twoMethods(fn, m1, m2) {
    const o = fn;
    if (typeof o !== "object" || o === null || typeof o[m1] !== "function" || typeof o[m2] !== "function") {
        throw new TypeError(`expected an object with ${m1}() and ${m2}() methods`);
    }
    return [o[m1].bind(o), o[m2].bind(o)];
}
class TwoInputUserOperator extends StreamOperator {
    user;
    constructor(ctx) {
        super(ctx);
        this.user = ctx.fns.fn;
    }
    async open() {
        await this.user.open?.(streamingContext(this.ctx));
    }
    async close() {
        await this.user.close?.();
    }
}
export class CoMapOperator extends TwoInputUserOperator {
    maps;
    constructor(ctx) {
        super(ctx);
        this.maps = twoMethods(this.user, "map1", "map2");
    }
    processElement(value, timestamp, input) {
        this.output.collect(this.maps[input](value), timestamp);
    }
}
export class CoFlatMapOperator extends TwoInputUserOperator {
    fns;
    timestamp = 0;
    out = { collect: (v) => this.output.collect(v, this.timestamp) };
    constructor(ctx) {
        super(ctx);
        this.fns = twoMethods(this.user, "flatMap1", "flatMap2");
    }
    processElement(value, timestamp, input) {
        this.timestamp = timestamp;
        this.fns[input](value, this.out);
    }
}
/** CoProcessFunction on non-keyed streams, or KeyedCoProcessFunction (with timers) on keyed ones. */
export class CoProcessOperator extends TwoInputUserOperator {
    fns;
    context;
    backend;
    keys;
    timers;
    constructor(ctx) {
        super(ctx);
        this.fns = twoMethods(this.user, "processElement1", "processElement2");
        this.backend = ctx.keyedState;
        this.keys = ctx.keySelectors;
        const onTimer = this.user.onTimer;
        if (this.backend) {
            this.timers = new KeyedTimers(this.backend, ctx.processingTime, () => this.currentWatermark, (ts, domain) => {
                if (!onTimer)
                    return;
                this.context.forTimer(ts, domain);
                onTimer.call(this.user, ts, this.context, this.context.out);
            });
        }
        this.context = new KeyedProcessContextImpl(() => this.output, ctx.processingTime, this.timers?.service, this.backend);
    }
    processElement(value, timestamp, input) {
        const key = this.keys[input];
        if (this.backend) {
            if (!key)
                throw new Error(`${this.ctx.descriptor.name}: both inputs of a keyed co-process must be keyed`);
            this.backend.setCurrentKey(key(value));
        }
        this.context.currentTimestamp = timestamp;
        this.fns[input](value, this.context, this.context.out);
    }
    initializeState(restored) {
        if (restored)
            this.timers?.restore();
    }
    onWatermark(watermark) {
        this.timers?.event.advance(watermark);
    }
    finish() {
        this.timers?.fireRemainingProcessingTime();
    }
    async close() {
        this.timers?.stop();
        await super.close();
    }
}
//# sourceMappingURL=co-operators.js.map