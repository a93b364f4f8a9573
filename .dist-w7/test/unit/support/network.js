/** Helpers for the network tests: capture what subpartitions send and decode it back. */
import { isDataFrame } from "../../../src/runtime/network/frames.js";
import { RecordBatchDecoder, RecordBatchEncoder } from "../../../src/runtime/network/record-batch-codec.js";
import { ResultSubpartition } from "../../../src/runtime/network/result-subpartition.js";
export class CapturingChannel {
    frames = [];
    counters = { records: 0, bytes: 0, buffers: 0 };
    subpartition;
    decoder = new RecordBatchDecoder();
    /** `local`: the consumer is in the same worker, batches are handed over unserialized. */
    constructor(name, flushEveryRecord, local = false) {
        this.subpartition = new ResultSubpartition(name, { send: (f) => this.frames.push(f) }, new RecordBatchEncoder(), this.counters, flushEveryRecord, local);
    }
    /** Frames that carry records (and took a credit). */
    get buffersSent() {
        return this.frames.filter(isDataFrame).length;
    }
    /** Everything received so far, records unpacked from their buffers, in order. */
    received() {
        const out = [];
        for (const f of this.frames) {
            if (f.t === "event")
                out.push({ kind: "event", event: f.event });
            else if (f.t === "buffer") {
                const { values, timestamps } = this.decoder.decode(f.data);
                if (values.length !== f.records)
                    throw new Error("frame record count differs from its buffer");
                values.forEach((value, i) => out.push({ kind: "record", value, timestamp: timestamps ? timestamps[i] : Number.NEGATIVE_INFINITY }));
            }
            else if (f.t === "records") {
                f.values.forEach((value, i) => out.push({ kind: "record", value, timestamp: f.timestamps ? f.timestamps[i] : Number.NEGATIVE_INFINITY }));
            }
        }
        return out;
    }
    values() {
        return this.received().flatMap((r) => (r.kind === "record" ? [r.value] : []));
    }
}
//# sourceMappingURL=network.js.map