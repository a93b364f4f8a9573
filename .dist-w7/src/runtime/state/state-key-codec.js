const NUMBER = 0x01;
const STRING = 0x02;
const FALSE = 0x03;
const TRUE = 0x04;
const BIGINT = 0x05;
/** Upper bound of the encoded size of `key`. */
export function maxEncodedStateKeyLength(key) {
    switch (typeof key) {
        case "number":
            return 9;
        case "string":
            return 1 + key.length * 3;
        case "boolean":
            return 1;
        default:
            return 1 + key.toString().length;
    }
}
/** Writes `key` at `offset` of `target` (which must have room for maxEncodedStateKeyLength); returns the end. */
export function writeStateKey(key, target, offset) {
    switch (typeof key) {
        case "number":
            target[offset] = NUMBER;
            // SameValueZero: -0 and 0 are one key, all NaNs are one key.
            target.writeDoubleBE(key === 0 ? 0 : Number.isNaN(key) ? Number.NaN : key, offset + 1);
            return offset + 9;
        case "string":
            target[offset] = STRING;
            return offset + 1 + target.write(key, offset + 1, "utf8");
        case "boolean":
            target[offset] = key ? TRUE : FALSE;
            return offset + 1;
        default:
            target[offset] = BIGINT;
            return offset + 1 + target.write(key.toString(), offset + 1, "latin1");
    }
}
export function encodeStateKey(key) {
    const buf = Buffer.allocUnsafe(maxEncodedStateKeyLength(key));
    return buf.subarray(0, writeStateKey(key, buf, 0));
}
/** The StateKey of bytes [start, end) of `source`. */
export function readStateKey(source, start = 0, end = source.length) {
    const buf = Buffer.isBuffer(source) ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    switch (buf[start]) {
        case NUMBER:
            return buf.readDoubleBE(start + 1);
        case STRING:
            return buf.toString("utf8", start + 1, end);
        case FALSE:
            return false;
        case TRUE:
            return true;
        case BIGINT:
            return BigInt(buf.toString("latin1", start + 1, end));
        default:
            throw new Error(`not an encoded state key (tag ${buf[start]})`);
    }
}
//# sourceMappingURL=state-key-codec.js.map