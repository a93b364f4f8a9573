/**
 * Wire framing: `[u32 big-endian length][u8 protocol version][msgpack body]`, where length counts the
 * version byte and the body. The length is checked before any body byte is buffered, so a peer cannot
 * make us allocate more than maxFrameBytes by announcing a huge frame.
 */
import { Packr } from "msgpackr";
export declare const PROTOCOL_VERSION = 1;
/** A peer broke the protocol; the connection it came on must be closed. */
export declare class FrameError extends Error {
    name: string;
}
/**
 * One codec per connection side. `structuredClone: true` keeps Maps, Sets, Dates, Errors, typed arrays
 * and cycles, close to what the in-process transport's structuredClone keeps. Record structures are
 * written inline in every message, so no state is shared between the two ends.
 */
export declare function createPackr(): Packr;
/** Header and body as two buffers, so the body is written to the socket without a copy. */
export declare function encodeFrame(packr: Packr, message: unknown, maxFrameBytes: number): [Buffer, Buffer];
/** Decodes one frame body; anything msgpackr cannot read fully is a protocol error. */
export declare function decodeBody(packr: Packr, body: Buffer): unknown;
/** Splits a byte stream into frame bodies. Throws FrameError on the first bad frame. */
export declare class FrameDecoder {
    private readonly maxFrameBytes;
    private chunks;
    private buffered;
    private sawFirstFrame;
    constructor(maxFrameBytes: number);
    push(chunk: Buffer): Buffer[];
    /** The first n buffered bytes, joining only as many chunks as needed. */
    private peek;
    /** Removes and returns the first n bytes; joins chunks once per frame (no quadratic copying). */
    private take;
}
