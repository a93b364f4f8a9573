import { KeyedStateRegistry } from "../state/keyed-state-registry.js";
import { fromStateKey } from "../state/state-key.js";
import { KeyedProcessContextImpl, KeyedTimers } from "./keyed-timers.js";
import { streamingContext, withStateAccess } from "./state-context.js";
import { StreamOperator } from "./stream-operator.js";
function readOnly(s) {
    return {
        get: (k) => s.get(k),
        contains: (k) => s.contains(k),
        entries: () => s.entries(),
        keys: () => s.keys(),
        values: () => s.values(),
        isEmpty: () => s.isEmpty(),
    };
}
export class BroadcastProcessOperator extends StreamOperator {
    user;
    processElementFn;
    processBroadcastFn;
    operatorState;
    declared;
    backend;
    key;
    timers;
    /** Main-side context (read-only broadcast state) and broadcast-side context (writable). */
    elementCtx;
    broadcastCtx;
    views = new Map();
    constructor(ctx) {
        super(ctx);
        this.user = ctx.fns.fn;
        const m1 = this.user.processElement;
        const m2 = this.user.processBroadcastElement;
        if (typeof m1 !== "function" || typeof m2 !== "function")
            throw new TypeError("expected an object with processElement() and processBroadcastElement()");
        this.processElementFn = m1.bind(this.user);
        this.processBroadcastFn = m2.bind(this.user);
        this.operatorState = withStateAccess(ctx).operatorState;
        this.declared = new Set((ctx.fns.descriptors ?? []).map((d) => d.name));
        this.backend = ctx.keyedState;
        this.key = ctx.keySelectors[0];
        const onTimer = this.user.onTimer;
        if (this.backend) {
            this.timers = new KeyedTimers(this.backend, ctx.processingTime, () => this.currentWatermark, (ts, domain) => {
                if (!onTimer)
                    return;
                this.elementCtx.forTimer(ts, domain);
                onTimer.call(this.user, ts, this.elementCtx, this.elementCtx.out);
            });
        }
        const make = () => new KeyedProcessContextImpl(() => this.output, ctx.processingTime, this.timers?.service, this.backend);
        this.elementCtx = make();
        this.elementCtx.getBroadcastState = (d) => this.readOnlyState(d);
        this.broadcastCtx = make();
        this.broadcastCtx.getBroadcastState = (d) => this.state(d);
        this.broadcastCtx.getCurrentKey = () => {
            throw new Error("the broadcast side has no current key: use applyToKeyedState()");
        };
        if (this.backend) {
            const registry = new KeyedStateRegistry(this.backend, () => ctx.processingTime.now());
            this.broadcastCtx.applyToKeyedState = (d, fn) => this.applyToKeyedState(registry, d, fn);
        }
    }
    state(d) {
        if (!this.declared.has(d.name))
            throw new Error(`broadcast state "${d.name}" was not declared in broadcast(...descriptors)`);
        return this.operatorState.getBroadcastState(d);
    }
    readOnlyState(d) {
        let v = this.views.get(d.name);
        if (!v)
            this.views.set(d.name, (v = readOnly(this.state(d))));
        return v;
    }
    applyToKeyedState(registry, d, fn) {
        const backend = this.backend;
        const table = backend.table(registry.tableName(d.name));
        // Keys first: fn may clear the state it is given, which changes the maps being walked.
        const keys = table.groups.flatMap((g) => [...g.keys()]);
        for (const sk of keys) {
            backend.setCurrentKey(fromStateKey(sk));
            fn(backend.getCurrentKey(), registry.getAny(d));
        }
    }
    async open() {
        await this.user.open?.(streamingContext(this.ctx));
    }
    processElement(value, timestamp, input) {
        if (input === 1) {
            this.broadcastCtx.currentTimestamp = timestamp;
            this.processBroadcastFn(value, this.broadcastCtx, this.broadcastCtx.out);
            return;
        }
        if (this.backend)
            this.backend.setCurrentKey(this.key(value));
        this.elementCtx.currentTimestamp = timestamp;
        this.processElementFn(value, this.elementCtx, this.elementCtx.out);
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
        await this.user.close?.();
    }
}
//# sourceMappingURL=broadcast-process-operator.js.map