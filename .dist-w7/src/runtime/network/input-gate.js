/**
 * The consumer side of a task's inputs: one channel per upstream subtask. It grants each channel
 * `buffersPerChannel` credits, queues what arrives, and returns a credit for every buffer the task
 * has processed, so at most that many buffers per channel are ever in flight. It also tracks each
 * channel's watermark and status (Flink's StatusWatermarkValve): an input's watermark is the
 * minimum over its active channels; ended channels no longer hold it back.
 */
import { isDataFrame } from "./frames.js";
export class InputGate {
    endpoint;
    numInputs;
    buffersPerChannel;
    onArrival;
    channels = [];
    queue = [];
    head = 0;
    /** Channels blocked by checkpoint alignment, and what arrived on them meanwhile (in order). */
    blocked = new Set();
    held = [];
    /** Combined watermark per input index. */
    inputWatermarks;
    inputIdle;
    constructor(endpoint, numInputs, buffersPerChannel, onArrival) {
        this.endpoint = endpoint;
        this.numInputs = numInputs;
        this.buffersPerChannel = buffersPerChannel;
        this.onArrival = onArrival;
        this.inputWatermarks = new Array(numInputs).fill(Number.NEGATIVE_INFINITY);
        this.inputIdle = new Array(numInputs).fill(false);
    }
    addChannel(id, inputIndex, producer, credits = this.buffersPerChannel) {
        const channel = { id, inputIndex, producer, credits, watermark: Number.NEGATIVE_INFINITY, idle: false, ended: false };
        this.channels.push(channel);
        this.endpoint.registerConsumer(id, (frame) => {
            this.queue.push({ channel, frame });
            this.onArrival();
        });
    }
    /** Opens the channels for data: the producers may send once they have credit. */
    grantInitialCredits() {
        for (const c of this.channels)
            this.endpoint.send(c.producer, { t: "credit", ch: c.id, credits: c.credits });
    }
    next() {
        for (;;) {
            if (this.head >= this.queue.length)
                return undefined;
            const item = this.queue[this.head++];
            if (this.head > 1024 && this.head * 2 > this.queue.length) {
                this.queue = this.queue.slice(this.head);
                this.head = 0;
            }
            if (this.blocked.size > 0 && this.blocked.has(item.channel)) {
                this.held.push(item);
                continue;
            }
            return item;
        }
    }
    /** Holds back what arrives on `channel` until unblockAll() (exactly-once barrier alignment). */
    block(channel) {
        this.blocked.add(channel);
    }
    /** Releases every blocked channel; what they held is processed first, in arrival order. */
    unblockAll() {
        this.blocked.clear();
        if (this.held.length === 0)
            return;
        this.queue = [...this.held, ...this.queue.slice(this.head)];
        this.head = 0;
        this.held = [];
    }
    get queuedBuffers() {
        let n = 0;
        for (let i = this.head; i < this.queue.length; i++)
            if (isDataFrame(this.queue[i].frame))
                n++;
        for (const h of this.held)
            if (isDataFrame(h.frame))
                n++;
        return n;
    }
    /** The task processed a buffer from `channel`: give the producer one more credit. */
    returnCredit(channel) {
        this.endpoint.send(channel.producer, { t: "credit", ch: channel.id, credits: 1 });
    }
    get allEnded() {
        return this.channels.every((c) => c.ended);
    }
    inputEnded(inputIndex) {
        return this.channels.every((c) => c.inputIndex !== inputIndex || c.ended);
    }
    /**
     * Applies a watermark or status event; returns the input's new combined watermark when it
     * advanced, or its new idleness when that changed.
     */
    applyEvent(channel, event) {
        if (event.kind === "watermark") {
            if (event.timestamp > channel.watermark)
                channel.watermark = event.timestamp;
            if (channel.idle)
                channel.idle = false;
        }
        else if (event.kind === "stream-status") {
            channel.idle = event.idle;
        }
        else if (event.kind === "end-of-partition") {
            channel.ended = true;
        }
        return this.recompute(channel.inputIndex);
    }
    recompute(input) {
        let min = Number.POSITIVE_INFINITY;
        let anyActive = false;
        let anyOpen = false;
        for (const c of this.channels) {
            if (c.inputIndex !== input || c.ended)
                continue;
            anyOpen = true;
            if (c.idle)
                continue;
            anyActive = true;
            if (c.watermark < min)
                min = c.watermark;
        }
        const result = {};
        const idle = anyOpen && !anyActive;
        if (idle !== this.inputIdle[input]) {
            this.inputIdle[input] = idle;
            result.idle = idle;
        }
        // All channels ended: the input is complete, its watermark is the end of time.
        if (!anyOpen)
            min = Number.POSITIVE_INFINITY;
        if (anyActive || !anyOpen) {
            if (min > this.inputWatermarks[input]) {
                this.inputWatermarks[input] = min;
                result.watermark = min;
            }
        }
        return result;
    }
    currentWatermark() {
        const m = Math.min(...this.inputWatermarks);
        return Number.isFinite(m) ? m : null;
    }
    close() {
        for (const c of this.channels)
            this.endpoint.unregister(c.id);
    }
}
//# sourceMappingURL=input-gate.js.map