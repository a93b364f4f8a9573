import assert from "node:assert/strict";
import { test } from "node:test";
import { FrameDecoder, FrameError, createPackr, decodeBody, encodeFrame } from "../../src/cluster/rpc/tcp/frame-codec.js";
const packr = createPackr();
const messages = [{ t: "call", id: 1, a: ["x".repeat(3000)] }, { t: "ok", id: 2, v: new Map([[1, 2]]) }, { t: "ready" }];
const stream = Buffer.concat(messages.flatMap((message) => encodeFrame(packr, message, 1 << 20)));
test("frames are reassembled however the stream is split", () => {
    for (const chunkSize of [1, 2, 5, 7, 100, 4096, stream.length]) {
        const decoder = new FrameDecoder(1 << 20);
        const decoded = [];
        for (let offset = 0; offset < stream.length; offset += chunkSize) {
            for (const body of decoder.push(stream.subarray(offset, offset + chunkSize)))
                decoded.push(decodeBody(packr, body));
        }
        assert.deepEqual(decoded, messages, `chunk size ${chunkSize}`);
    }
});
test("a frame over the limit is refused from its header alone", () => {
    const decoder = new FrameDecoder(1024);
    assert.throws(() => decoder.push(stream.subarray(0, 5)), (error) => error instanceof FrameError && /exceeds/.test(error.message));
});
test("the sender refuses to build an oversized frame", () => {
    assert.throws(() => encodeFrame(packr, { big: "y".repeat(2000) }, 1024), FrameError);
});
test("trailing bytes after a message are a protocol error", () => {
    assert.throws(() => decodeBody(packr, Buffer.concat([packr.pack(1), Buffer.from([1])])), FrameError);
});
//# sourceMappingURL=frame-codec.test.js.map