/** Runs a KeyedProcessFunction: per element with its key set, and onTimer per fired timer. */
import { richFunction } from "../../api/functions.js";
import { KeyedProcessContextImpl, KeyedTimers } from "./keyed-timers.js";
import { streamingContext } from "./state-context.js";
import { StreamOperator } from "./stream-operator.js";
export class KeyedProcessOperator extends StreamOperator {
    backend;
    key;
    fn;
    onTimerFn;
    timers;
    context;
    constructor(ctx) {
        super(ctx);
        if (!ctx.keyedState || !ctx.keySelectors[0])
            throw new Error(`${ctx.descriptor.name}: a KeyedProcessFunction needs keyBy()`);
        this.backend = ctx.keyedState;
        this.key = ctx.keySelectors[0];
        const user = ctx.fns.fn;
        this.fn = richFunction(user, "processElement");
        this.onTimerFn = typeof user.onTimer === "function" ? user.onTimer.bind(user) : undefined;
        this.timers = new KeyedTimers(this.backend, ctx.processingTime, () => this.currentWatermark, (ts, domain) => {
            if (!this.onTimerFn)
                return;
            this.context.forTimer(ts, domain);
            this.onTimerFn(ts, this.context, this.context.out);
        });
        this.context = new KeyedProcessContextImpl(() => this.output, ctx.processingTime, this.timers.service, this.backend);
    }
    async open() {
        await this.fn.open?.(streamingContext(this.ctx));
    }
    processElement(value, timestamp) {
        this.backend.setCurrentKey(this.key(value));
        const c = this.context;
        c.currentTimestamp = timestamp;
        this.fn.call(value, c, c.out);
    }
    initializeState(restored) {
        if (restored)
            this.timers.restore();
    }
    onWatermark(watermark) {
        this.timers.event.advance(watermark);
    }
    finish() {
        this.timers.fireRemainingProcessingTime();
    }
    async close() {
        this.timers.stop();
        await this.fn.close?.();
    }
}
//# sourceMappingURL=keyed-process-operator.js.map