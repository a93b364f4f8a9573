import { MergingWindowAssigner } from "../../../api/windowing/window-assigner.js";
import { rehydrateWindow } from "../../../api/windowing/windows.js";
import { KeyedStateRegistry } from "../../state/keyed-state-registry.js";
import { TimerService } from "../../state/timer-service.js";
import { streamingContext } from "../state-context.js";
import { StreamOperator } from "../stream-operator.js";
import { createWindowContents } from "./window-contents.js";
import { adaptWindowFunction } from "./window-function-adapter.js";
import { MergingWindowSet } from "./merging-window-set.js";
import { WindowTriggerContext } from "./window-trigger-context.js";
const isFire = (r) => r === "FIRE" || r === "FIRE_AND_PURGE";
const isPurge = (r) => r === "PURGE" || r === "FIRE_AND_PURGE";
export class WindowOperator extends StreamOperator {
    backend;
    key;
    assigner;
    merging;
    trigger;
    lateness;
    lateTag;
    fn;
    contents;
    /** Namespace of the contents (the state window, for sessions). */
    contentScope = { namespace: 0 };
    /** Namespace of the actual window: trigger state and the window function's windowState(). */
    windowScope = { namespace: 0 };
    eventTimers;
    processingTimers;
    triggerCtx;
    processCtx;
    out;
    assignerCtx;
    mergingTable;
    emitTimestamp = 0;
    currentWindow;
    /** Late elements dropped because no side output was set (Flink's numLateRecordsDropped). */
    numLateRecordsDropped = 0;
    constructor(ctx) {
        super(ctx);
        if (!ctx.keyedState || !ctx.keySelectors[0])
            throw new Error(`${ctx.descriptor.name}: windows need a keyed stream (keyBy() or windowAll())`);
        this.backend = ctx.keyedState;
        this.key = ctx.keySelectors[0];
        const fns = ctx.fns;
        const config = ctx.descriptor.config;
        this.assigner = fns.assigner;
        this.merging = fns.assigner instanceof MergingWindowAssigner ? fns.assigner : undefined;
        this.trigger = fns.trigger ?? fns.assigner.getDefaultTrigger();
        if (this.merging && !this.trigger.canMerge())
            throw new Error(`${this.trigger.toString()} cannot be used with merging windows (sessions)`);
        this.lateness = Number(config.allowedLateness ?? 0);
        this.lateTag = typeof config.lateDataTag === "string" ? config.lateDataTag : undefined;
        this.fn = adaptWindowFunction((config.windowFunction ?? "pass"), fns.windowFn);
        const time = ctx.processingTime;
        const ns = (w) => this.assigner.namespace(w);
        this.eventTimers = new TimerService(this.backend, "event", (t) => this.onEventTime(t), ns);
        this.processingTimers = new TimerService(this.backend, "processing", (t) => this.onProcessingTime(t), ns, time);
        this.mergingTable = this.backend.table("_merging-windows");
        const clocks = { getCurrentProcessingTime: () => time.now(), getCurrentWatermark: () => this.currentWatermark };
        this.assignerCtx = clocks;
        this.contents = createWindowContents(fns.contents, this.backend, this.contentScope, fns.evictor, clocks);
        const now = () => time.now();
        this.triggerCtx = new WindowTriggerContext(this.eventTimers, this.processingTimers, new KeyedStateRegistry(this.backend, now, this.windowScope, "_trigger:"), this.windowScope, ns, clocks);
        const windowState = new KeyedStateRegistry(this.backend, now, this.windowScope, "_window-state:");
        const globalState = new KeyedStateRegistry(this.backend, now);
        this.processCtx = {
            window: () => this.currentWindow,
            currentProcessingTime: now,
            currentWatermark: () => this.currentWatermark,
            windowState: () => windowState,
            globalState: () => globalState,
            output: (tag, value) => this.output.collectSide(tag.id, value, this.emitTimestamp),
        };
        this.out = { collect: (v) => this.output.collect(v, this.emitTimestamp) };
    }
    /** Timers came back with the keyed state; rebuild their firing order. */
    initializeState(restored) {
        if (!restored)
            return;
        this.eventTimers.restore(rehydrateWindow);
        this.processingTimers.restore(rehydrateWindow);
    }
    async open() {
        await this.fn.open(streamingContext(this.ctx));
    }
    processElement(value, timestamp) {
        this.backend.setCurrentKey(this.key(value));
        const windows = this.assigner.assignWindows(value, timestamp, this.assignerCtx);
        const skipped = this.merging ? this.addToMergingWindows(value, timestamp, windows) : this.addToWindows(value, timestamp, windows);
        if (skipped && this.isElementLate(timestamp)) {
            if (this.lateTag !== undefined)
                this.output.collectSide(this.lateTag, value, timestamp);
            else
                this.numLateRecordsDropped++;
        }
    }
    /** Returns whether every window was already late. */
    addToWindows(value, timestamp, windows) {
        let skipped = true;
        for (const w of windows) {
            if (this.isWindowLate(w))
                continue;
            skipped = false;
            const ns = this.assigner.namespace(w);
            this.contentScope.namespace = ns;
            this.windowScope.namespace = ns;
            this.contents.add(value, timestamp);
            this.afterAdd(value, timestamp, w);
        }
        return skipped;
    }
    addToMergingWindows(value, timestamp, windows) {
        const set = new MergingWindowSet(this.merging, (w) => this.assigner.namespace(w), this.mergingTable, this.backend);
        let skipped = true;
        for (const w of windows) {
            const actual = set.addWindow(w, (result, mergedWindows, stateWindow, mergedStateWindows) => {
                if (this.assigner.isEventTime() && result.maxTimestamp() + this.lateness <= this.currentWatermark) {
                    throw new Error(`merging produced window ${String(result)} that ends before the watermark ${this.currentWatermark}`);
                }
                this.setWindow(result);
                this.triggerCtx.mergedWindows = mergedWindows;
                this.trigger.onMerge(result, this.triggerCtx);
                for (const m of mergedWindows) {
                    this.setWindow(m);
                    this.trigger.clear(m, this.triggerCtx);
                    this.deleteCleanupTimer(m);
                }
                this.contents.merge(this.assigner.namespace(stateWindow), mergedStateWindows.map((s) => this.assigner.namespace(s)));
            });
            if (this.isWindowLate(actual)) {
                set.retireWindow(actual);
                continue;
            }
            skipped = false;
            this.contentScope.namespace = this.assigner.namespace(set.getStateWindow(actual));
            this.windowScope.namespace = this.assigner.namespace(actual);
            this.contents.add(value, timestamp);
            this.afterAdd(value, timestamp, actual);
        }
        set.persist();
        return skipped;
    }
    afterAdd(value, timestamp, w) {
        this.triggerCtx.window = w;
        const result = this.trigger.onElement(value, timestamp, w, this.triggerCtx);
        if (isFire(result))
            this.emit(w);
        if (isPurge(result))
            this.contents.clear();
        this.registerCleanupTimer(w);
    }
    setWindow(w) {
        this.triggerCtx.window = w;
        this.windowScope.namespace = this.assigner.namespace(w);
    }
    onWatermark(watermark) {
        this.eventTimers.advance(watermark);
    }
    onEventTime(timer) {
        this.onTimer(timer, true);
    }
    onProcessingTime(timer) {
        this.onTimer(timer, false);
    }
    onTimer(timer, eventTime) {
        const w = timer.namespace;
        let set;
        if (this.merging) {
            set = new MergingWindowSet(this.merging, (x) => this.assigner.namespace(x), this.mergingTable, this.backend);
            const stateWindow = set.getStateWindow(w);
            // A timer of a window merged away: the merge deleted what it could; nothing to do.
            if (stateWindow === undefined)
                return;
            this.contentScope.namespace = this.assigner.namespace(stateWindow);
        }
        else {
            this.contentScope.namespace = timer.ns;
        }
        this.setWindow(w);
        const result = eventTime
            ? this.trigger.onEventTime(timer.timestamp, w, this.triggerCtx)
            : this.trigger.onProcessingTime(timer.timestamp, w, this.triggerCtx);
        if (isFire(result))
            this.emit(w);
        if (isPurge(result))
            this.contents.clear();
        if (eventTime === this.assigner.isEventTime() && timer.timestamp === this.cleanupTime(w))
            this.clearAllState(w, set);
        set?.persist();
    }
    emit(w) {
        this.contents.fire(w, (elements) => {
            this.currentWindow = w;
            this.emitTimestamp = w.maxTimestamp();
            this.fn.process(this.backend.getCurrentKey(), w, this.processCtx, elements, this.out);
        });
    }
    clearAllState(w, set) {
        this.contents.clear();
        this.setWindow(w);
        this.trigger.clear(w, this.triggerCtx);
        this.currentWindow = w;
        this.fn.clear(this.processCtx);
        set?.retireWindow(w);
    }
    /** When a window's state goes: its end plus the allowed lateness in event time, its end in processing time. */
    cleanupTime(w) {
        return this.assigner.isEventTime() ? w.maxTimestamp() + this.lateness : w.maxTimestamp();
    }
    registerCleanupTimer(w) {
        const t = this.cleanupTime(w);
        if (t === Number.POSITIVE_INFINITY)
            return; // the global window lives forever
        (this.assigner.isEventTime() ? this.eventTimers : this.processingTimers).register(w, t);
    }
    deleteCleanupTimer(w) {
        const t = this.cleanupTime(w);
        if (t === Number.POSITIVE_INFINITY)
            return;
        (this.assigner.isEventTime() ? this.eventTimers : this.processingTimers).delete(w, t);
    }
    isWindowLate(w) {
        return this.assigner.isEventTime() && this.cleanupTime(w) <= this.currentWatermark;
    }
    isElementLate(timestamp) {
        return this.assigner.isEventTime() && timestamp + this.lateness <= this.currentWatermark;
    }
    /**
     * End of input: event time already ended (the final watermark fired every event-time timer).
     * Processing-time windows fire too, as if the clock jumped to the end of time, so a bounded
     * job's processing-time windows are complete (Flink's batch-mode behaviour).
     */
    finish() {
        this.processingTimers.advance(Number.POSITIVE_INFINITY);
    }
    async close() {
        this.processingTimers.stop();
        await this.fn.close();
    }
}
//# sourceMappingURL=window-operator.js.map