/**
 * Encodes a batch of records (values plus optional event timestamps) into one ArrayBuffer that can
 * be transferred to another worker or written to a socket without further copies.
 *
 * Layout: u32 record count | u8 flags | 3 bytes padding | [f64 × count timestamps] | msgpack(values)
 * Values use msgpackr's record extension: an object shape is described once per buffer, so batches
 * of similar records are compact and every buffer still decodes on its own.
 * Limitation: msgpack writes -0 as the integer 0, so a -0 that crosses the network arrives as 0
 * (detecting it would mean walking every record before packing).
 */
import { Packr, Unpackr } from "msgpackr";
export const NO_TIMESTAMP = Number.NEGATIVE_INFINITY;
const HAS_TIMESTAMPS = 1;
const HEADER = 8;
export class RecordBatchEncoder {
    packr = new Packr({ useRecords: true, moreTypes: true });
    encode(values, timestamps) {
        const payload = this.packr.pack(values);
        const tsBytes = timestamps ? values.length * 8 : 0;
        const out = new ArrayBuffer(HEADER + tsBytes + payload.length);
        const view = new DataView(out);
        view.setUint32(0, values.length, true);
        view.setUint8(4, timestamps ? HAS_TIMESTAMPS : 0);
        if (timestamps)
            new Float64Array(out, HEADER, values.length).set(timestamps);
        new Uint8Array(out, HEADER + tsBytes).set(payload);
        return out;
    }
}
export class RecordBatchDecoder {
    unpackr = new Unpackr({ useRecords: true, moreTypes: true });
    decode(buffer) {
        if (buffer.byteLength < HEADER)
            throw new Error(`corrupt record batch: ${buffer.byteLength} bytes`);
        const view = new DataView(buffer);
        const count = view.getUint32(0, true);
        const hasTs = (view.getUint8(4) & HAS_TIMESTAMPS) !== 0;
        const tsBytes = hasTs ? count * 8 : 0;
        const timestamps = hasTs ? new Float64Array(buffer, HEADER, count) : null;
        const values = this.unpackr.unpack(new Uint8Array(buffer, HEADER + tsBytes));
        if (!Array.isArray(values) || values.length !== count)
            throw new Error("corrupt record batch: count mismatch");
        return { values, timestamps };
    }
}
//# sourceMappingURL=record-batch-codec.js.map