import { AsyncTimeoutError } from "../../../api/async/async-function.js";
import { streamingContext } from "../state-context.js";
import { StreamOperator } from "../stream-operator.js";
import { AsyncQueue } from "./async-queue.js";
import { ListStateDescriptor } from "../../../api/state/state-descriptors.js";
const BUFFER_STATE = new ListStateDescriptor("_async-wait-buffer");
export class AsyncWaitOperator extends StreamOperator {
    user;
    capacity;
    timeoutMs;
    queue;
    /** Input not yet admitted to the queue, in arrival order (elements and watermarks). */
    pending = [];
    failure;
    waiters = [];
    /** Largest number of elements in the queue at once (for tests and metrics). */
    maxInFlight = 0;
    constructor(ctx) {
        super(ctx);
        this.user = ctx.fns.fn;
        const c = ctx.descriptor.config;
        this.capacity = Number(c.capacity ?? 100);
        this.timeoutMs = Number(c.timeout ?? 0);
        if (!(this.capacity >= 1))
            throw new RangeError("async I/O capacity must be at least 1");
        this.queue = new AsyncQueue(c.ordered === true, {
            emit: (v, ts) => this.output.collect(v, ts),
            emitWatermark: (wm) => this.output.emitWatermark(wm),
        });
    }
    restoredInputs = [];
    bufferState() {
        return streamingContext(this.ctx).getOperatorStateStore().getListState(BUFFER_STATE);
    }
    initializeState(restored) {
        if (restored)
            this.restoredInputs = [...this.bufferState().get()];
    }
    async open() {
        if (typeof this.user !== "function")
            await this.user.open?.(streamingContext(this.ctx));
        // Elements that were in flight at the checkpoint: call again, in their original order.
        for (const { value, timestamp } of this.restoredInputs)
            this.processElement(value, timestamp);
        this.restoredInputs = [];
    }
    snapshotState() {
        const waiting = this.pending.flatMap((p) => ("watermark" in p ? [] : [{ value: p.value, timestamp: p.timestamp }]));
        this.bufferState().update([...this.queue.inputs(), ...waiting]);
    }
    get isBackpressured() {
        return this.pending.length > 0 || this.queue.elements >= this.capacity;
    }
    whenNotBackpressured() {
        if (!this.isBackpressured)
            return Promise.resolve();
        return new Promise((resolve) => this.waiters.push(resolve));
    }
    processElement(value, timestamp) {
        this.throwIfFailed();
        if (this.pending.length > 0 || this.queue.elements >= this.capacity)
            this.pending.push({ value, timestamp });
        else
            this.start(value, timestamp);
    }
    processWatermark(watermark) {
        if (watermark <= this.currentWatermark)
            return;
        this.currentWatermark = watermark;
        if (this.pending.length > 0)
            this.pending.push({ watermark });
        else
            this.queue.addWatermark(watermark);
    }
    start(value, timestamp) {
        const entry = this.queue.addElement(value, timestamp);
        this.maxInFlight = Math.max(this.maxInFlight, this.queue.elements);
        let cancelTimeout;
        const complete = (results) => {
            if (entry.done)
                return; // late results after a timeout, or a second completion
            cancelTimeout?.();
            if (results instanceof Error)
                return this.fail(results);
            this.queue.complete(entry, [...results]);
            this.admitPending();
        };
        const future = { complete: (r) => complete(r), completeExceptionally: (e) => complete(e) };
        if (this.timeoutMs > 0) {
            const time = this.ctx.processingTime;
            cancelTimeout = time.setTimer(time.now() + this.timeoutMs, () => this.onTimeout(value, entry, future));
        }
        try {
            if (typeof this.user === "function") {
                this.user(value).then((r) => complete([r]), (e) => complete(e instanceof Error ? e : new Error(String(e))));
            }
            else {
                const r = this.user.asyncInvoke(value, future);
                if (r instanceof Promise)
                    r.catch((e) => complete(e instanceof Error ? e : new Error(String(e))));
            }
        }
        catch (e) {
            complete(e instanceof Error ? e : new Error(String(e)));
        }
    }
    onTimeout(value, entry, future) {
        if (entry.done)
            return;
        const handler = typeof this.user === "function" ? undefined : this.user.timeout;
        if (handler)
            handler.call(this.user, value, future);
        else
            future.completeExceptionally(new AsyncTimeoutError(`async call timed out after ${this.timeoutMs} ms`));
    }
    /** Moves waiting input into the queue as far as capacity allows. */
    admitPending() {
        while (this.pending.length > 0) {
            const next = this.pending[0];
            if ("watermark" in next) {
                this.pending.shift();
                this.queue.addWatermark(next.watermark);
                continue;
            }
            if (this.queue.elements >= this.capacity)
                break;
            this.pending.shift();
            this.start(next.value, next.timestamp);
        }
        if (!this.isBackpressured)
            this.wake();
    }
    wake() {
        const w = this.waiters;
        this.waiters = [];
        for (const resolve of w)
            resolve();
    }
    /** A failed call fails the task: through a timer, the task's channel for errors outside input processing. */
    fail(error) {
        if (this.failure)
            return;
        this.failure = error;
        this.queue.notifyChanged();
        this.ctx.processingTime.setTimer(this.ctx.processingTime.now(), () => {
            throw error;
        });
        this.wake();
    }
    throwIfFailed() {
        if (this.failure)
            throw this.failure;
    }
    /** End of input: wait until every element has completed and been emitted. */
    async finish() {
        while (this.pending.length > 0 || this.queue.size > 0) {
            this.throwIfFailed();
            await this.queue.whenChanged();
        }
        this.throwIfFailed();
    }
    async close() {
        this.wake();
        if (typeof this.user !== "function")
            await this.user.close?.();
    }
}
//# sourceMappingURL=async-wait-operator.js.map