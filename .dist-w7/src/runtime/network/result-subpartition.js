/**
 * The producer side of one channel: collects records into a batch, turns full batches into
 * buffers, and sends a buffer only when the consumer has granted a credit (credit-based flow
 * control). Events queue behind buffers so nothing overtakes data. When buffers wait for credit
 * the subpartition is "blocked" and the task stops producing (backpressure).
 */
import { isDataFrame } from "./frames.js";
import { NO_TIMESTAMP } from "./record-batch-codec.js";
/** Target size of one network buffer (Flink's 32 KiB memory segment). */
export const TARGET_BUFFER_BYTES = 32 * 1024;
const MAX_BATCH_RECORDS = 8192;
/** Batch size for a consumer in the same worker (nothing is serialized, so no byte size to aim at). */
const LOCAL_BATCH_RECORDS = 1024;
export class ResultSubpartition {
    channel;
    sender;
    encoder;
    counters;
    flushEveryRecord;
    local;
    values = [];
    timestamps = null;
    credits = 0;
    backlog = [];
    batchLimit;
    blockedListener;
    constructor(channel, sender, encoder, counters, 
    /** With a buffer timeout of 0, every record is flushed at once. */
    flushEveryRecord, 
    /** The consumer runs in the same worker: batches are handed over without serialization. */
    local = false) {
        this.channel = channel;
        this.sender = sender;
        this.encoder = encoder;
        this.counters = counters;
        this.flushEveryRecord = flushEveryRecord;
        this.local = local;
        this.batchLimit = flushEveryRecord ? 1 : local ? LOCAL_BATCH_RECORDS : 64;
    }
    add(value, timestamp) {
        const n = this.values.length;
        this.values.push(value);
        if (timestamp !== NO_TIMESTAMP) {
            if (!this.timestamps)
                this.timestamps = new Array(n).fill(NO_TIMESTAMP);
            this.timestamps.push(timestamp);
        }
        else if (this.timestamps) {
            this.timestamps.push(NO_TIMESTAMP);
        }
        if (n + 1 >= this.batchLimit)
            this.flush();
    }
    /** Finishes the partly filled batch, if any, into a buffer. */
    flush() {
        const records = this.values.length;
        if (records === 0)
            return;
        if (this.local) {
            this.counters.records += records;
            this.counters.buffers++;
            this.enqueue({ t: "records", ch: this.channel, values: this.values, timestamps: this.timestamps });
            this.values = [];
            this.timestamps = null;
            return;
        }
        const data = this.encoder.encode(this.values, this.timestamps);
        this.values = [];
        this.timestamps = null;
        this.counters.records += records;
        this.counters.bytes += data.byteLength;
        this.counters.buffers++;
        if (!this.flushEveryRecord) {
            // Aim the next batch at the target buffer size from this batch's bytes per record.
            const perRecord = data.byteLength / records;
            // At least one record: records larger than a buffer get a buffer each (a floor above 1 would
            // multiply the bytes in flight per credit for large records).
            this.batchLimit = Math.max(1, Math.min(MAX_BATCH_RECORDS, Math.floor(TARGET_BUFFER_BYTES / perRecord)));
        }
        this.enqueue({ t: "buffer", ch: this.channel, data, records });
    }
    sendEvent(event) {
        this.flush();
        this.enqueue({ t: "event", ch: this.channel, event });
    }
    addCredits(n) {
        this.credits += n;
        this.drain();
        if (this.backlog.length === 0 && this.blockedListener) {
            const l = this.blockedListener;
            this.blockedListener = undefined;
            l();
        }
    }
    /** Buffers waiting for credit (the producer must pause while there are any). */
    get backlogBuffers() {
        let n = 0;
        for (const f of this.backlog)
            if (isDataFrame(f))
                n++;
        return n;
    }
    get isBlocked() {
        return this.backlog.length > 0;
    }
    /** Calls `listener` once when the backlog has drained. */
    whenUnblocked(listener) {
        if (!this.isBlocked)
            listener();
        else
            this.blockedListener = listener;
    }
    enqueue(frame) {
        this.backlog.push(frame);
        this.drain();
    }
    drain() {
        while (this.backlog.length > 0) {
            const f = this.backlog[0];
            if (isDataFrame(f)) {
                if (this.credits === 0)
                    return;
                this.credits--;
            }
            this.backlog.shift();
            this.sender.send(f);
        }
    }
}
//# sourceMappingURL=result-subpartition.js.map