/**
 * The wire format of the data plane between TaskManagers. Every frame is
 *
 *   [u32 BE length of the rest][u8 version][u8 kind][kind-specific payload]
 *
 * kinds: 0 handshake (msgpack, only before the connection is authenticated), 1 buffer, 2 event,
 * 3 credit. Data frames carry the destination worker and the channel id:
 *
 *   [u16 len][to][u16 len][channel] then  buffer: [u32 records][raw record bytes]
 *                                          event:  [u8 event type][fields]
 *                                          credit: [u32 credits]
 *
 * Buffers travel as the raw bytes the producer's encoder wrote (no re-encoding); events are binary,
 * not JSON, because a watermark may be +Infinity. A frame that is too large, of another version,
 * truncated or otherwise not one of these is a DataWireError: the connection it came on is closed.
 */
import type { DataFrame, WorkerKey } from "../../runtime/network/frames.js";
export declare const DATA_PROTOCOL_VERSION = 1;
export declare const enum FrameKind {
    Handshake = 0,
    Buffer = 1,
    Event = 2,
    Credit = 3
}
/** A peer broke the data protocol; the connection must be closed. */
export declare class DataWireError extends Error {
    name: string;
}
export interface RelayedFrame {
    to: WorkerKey;
    frame: DataFrame;
}
/** A handshake frame around an already encoded (msgpack) message. */
export declare function encodeHandshake(body: Uint8Array): Buffer;
/**
 * Encodes one data frame as one or two buffers (a buffer's bytes are not copied: the second chunk
 * is a view of the frame's ArrayBuffer). Throws DataWireError when the frame cannot travel.
 */
export declare function encodeDataFrame(to: WorkerKey, frame: DataFrame, maxFrameBytes: number): Buffer[];
export type DecodedFrame = {
    kind: FrameKind.Handshake;
    body: Buffer;
} | ({
    kind: FrameKind.Buffer | FrameKind.Event | FrameKind.Credit;
} & RelayedFrame);
/**
 * Splits a byte stream into frames. The announced length is checked against the current maximum
 * before any of the frame is buffered, so an unauthenticated peer cannot make us hold more than
 * the small handshake limit.
 */
export declare class DataFrameDecoder {
    maxFrameBytes: number;
    private chunks;
    private buffered;
    private sawFirstFrame;
    constructor(maxFrameBytes: number);
    push(chunk: Buffer): DecodedFrame[];
    private peek;
    private take;
}
