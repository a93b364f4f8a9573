const TAG_BYTES = 0;
const TAG_JSON = 1;
export function encodePayload(payload) {
    if (payload instanceof Uint8Array) {
        const out = new Uint8Array(payload.byteLength + 1);
        out[0] = TAG_BYTES;
        out.set(payload, 1);
        return out;
    }
    const json = Buffer.from(JSON.stringify(payload), "utf8");
    const out = new Uint8Array(json.byteLength + 1);
    out[0] = TAG_JSON;
    out.set(json, 1);
    return out;
}
export function decodePayload(encoded) {
    if (encoded.byteLength === 0)
        throw new Error("empty HA payload");
    const body = encoded.subarray(1);
    switch (encoded[0]) {
        case TAG_BYTES:
            // A fresh copy, detached from any larger buffer that the read may have used.
            return new Uint8Array(body);
        case TAG_JSON:
            return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
        default:
            throw new Error(`unknown HA payload tag ${encoded[0]}`);
    }
}
/** A deep copy, so that a caller mutating its object after `put` cannot change what is stored. */
export function copyPayload(payload) {
    if (payload instanceof Uint8Array)
        return new Uint8Array(payload);
    return decodePayload(encodePayload(payload));
}
//# sourceMappingURL=payload.js.map