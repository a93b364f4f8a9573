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
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import type { DataEvent, DataFrame, WorkerKey } from "../../runtime/network/frames.js";

export const DATA_PROTOCOL_VERSION = 1;
const LENGTH_BYTES = 4;
/** Version and kind. */
const PREFIX_BYTES = 2;

export const enum FrameKind {
  Handshake = 0,
  Buffer = 1,
  Event = 2,
  Credit = 3,
}

const enum EventType {
  Watermark = 1,
  StreamStatus = 2,
  Barrier = 3,
  EndOfPartition = 4,
  EndOfData = 5,
}

/** A peer broke the data protocol; the connection must be closed. */
export class DataWireError extends SluiceError {}
registerErrorClass(DataWireError);

/** `<taskManagerId>#<slot>` and `<attempt key>/<edge>/<producer>/<consumer>`, as the runtime makes them (frames.ts). */
const WORKER_KEY = /^[\w.:-]{1,200}#\d{1,6}$/;
const CHANNEL_ID = /^[\w-]{1,64}\/\d{1,9}\/\d{1,9}\/\d{1,9}$/;

export interface RelayedFrame {
  to: WorkerKey;
  frame: DataFrame;
}

/** A handshake frame around an already encoded (msgpack) message. */
export function encodeHandshake(body: Uint8Array): Buffer {
  const head = Buffer.allocUnsafe(LENGTH_BYTES + PREFIX_BYTES);
  head.writeUInt32BE(PREFIX_BYTES + body.length, 0);
  head.writeUInt8(DATA_PROTOCOL_VERSION, 4);
  head.writeUInt8(FrameKind.Handshake, 5);
  return Buffer.concat([head, body]);
}

/**
 * Encodes one data frame as one or two buffers (a buffer's bytes are not copied: the second chunk
 * is a view of the frame's ArrayBuffer). Throws DataWireError when the frame cannot travel.
 */
export function encodeDataFrame(to: WorkerKey, frame: DataFrame, maxFrameBytes: number): Buffer[] {
  const toBytes = Buffer.from(to, "utf8");
  const chBytes = Buffer.from(frame.ch, "utf8");
  let kind: FrameKind;
  let tail: Buffer;
  let data: Buffer | undefined;
  switch (frame.t) {
    case "buffer":
      kind = FrameKind.Buffer;
      tail = Buffer.allocUnsafe(4);
      tail.writeUInt32BE(frame.records, 0);
      data = Buffer.from(frame.data);
      break;
    case "event":
      kind = FrameKind.Event;
      tail = encodeEvent(frame.event);
      break;
    case "credit":
      kind = FrameKind.Credit;
      tail = Buffer.allocUnsafe(4);
      tail.writeUInt32BE(frame.credits, 0);
      break;
    case "records":
      // Unserialized batches only ever go to a consumer in the same worker.
      throw new DataWireError(`a "records" frame (channel ${frame.ch}) cannot leave its worker`);
  }
  const headLength = LENGTH_BYTES + PREFIX_BYTES + 2 + toBytes.length + 2 + chBytes.length + tail.length;
  const length = headLength - LENGTH_BYTES + (data?.length ?? 0);
  if (length > maxFrameBytes) throw new DataWireError(`frame of ${length} bytes exceeds the maximum frame size of ${maxFrameBytes}`);
  const head = Buffer.allocUnsafe(headLength);
  let o = head.writeUInt32BE(length, 0);
  o = head.writeUInt8(DATA_PROTOCOL_VERSION, o);
  o = head.writeUInt8(kind, o);
  o = head.writeUInt16BE(toBytes.length, o);
  o += toBytes.copy(head, o);
  o = head.writeUInt16BE(chBytes.length, o);
  o += chBytes.copy(head, o);
  tail.copy(head, o);
  return data ? [head, data] : [head];
}

function encodeEvent(event: DataEvent): Buffer {
  switch (event.kind) {
    case "watermark": {
      const b = Buffer.allocUnsafe(9);
      b.writeUInt8(EventType.Watermark, 0);
      b.writeDoubleBE(event.timestamp, 1);
      return b;
    }
    case "stream-status":
      return Buffer.from([EventType.StreamStatus, event.idle ? 1 : 0]);
    case "barrier": {
      const dir = Buffer.from(event.dir, "utf8");
      const b = Buffer.allocUnsafe(1 + 8 + 8 + 1 + 2 + dir.length);
      let o = b.writeUInt8(EventType.Barrier, 0);
      o = b.writeDoubleBE(event.checkpointId, o);
      o = b.writeDoubleBE(event.timestamp, o);
      // Bit 0: savepoint; bit 1: the savepoint stops the job without draining.
      o = b.writeUInt8((event.savepoint ? 1 : 0) | (event.stopping ? 2 : 0), o);
      o = b.writeUInt16BE(dir.length, o);
      dir.copy(b, o);
      return b;
    }
    case "end-of-partition":
      return Buffer.from([EventType.EndOfPartition, event.stopped ? 1 : 0]);
    case "end-of-data":
      return Buffer.from([EventType.EndOfData]);
  }
}

export type DecodedFrame = { kind: FrameKind.Handshake; body: Buffer } | ({ kind: FrameKind.Buffer | FrameKind.Event | FrameKind.Credit } & RelayedFrame);

/**
 * Splits a byte stream into frames. The announced length is checked against the current maximum
 * before any of the frame is buffered, so an unauthenticated peer cannot make us hold more than
 * the small handshake limit.
 */
export class DataFrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private sawFirstFrame = false;

  constructor(public maxFrameBytes: number) {}

  push(chunk: Buffer): DecodedFrame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: DecodedFrame[] = [];
    while (this.buffered >= LENGTH_BYTES + PREFIX_BYTES) {
      const head = this.peek(LENGTH_BYTES + PREFIX_BYTES);
      if (!this.sawFirstFrame && (head[0] === 0x16 || head[0] === 0x15) && head[1] === 0x03) {
        throw new DataWireError("peer speaks TLS but this side is not configured for TLS");
      }
      const length = head.readUInt32BE(0);
      if (length > this.maxFrameBytes) throw new DataWireError(`frame of ${length} bytes exceeds the maximum frame size of ${this.maxFrameBytes}`);
      if (length < PREFIX_BYTES) throw new DataWireError(`frame of ${length} bytes is shorter than its header`);
      const version = head.readUInt8(LENGTH_BYTES);
      if (version !== DATA_PROTOCOL_VERSION) {
        throw new DataWireError(`unsupported data protocol version ${version} (this side speaks ${DATA_PROTOCOL_VERSION})`);
      }
      if (this.buffered < LENGTH_BYTES + length) break;
      const frame = this.take(LENGTH_BYTES + length);
      this.sawFirstFrame = true;
      frames.push(decodeFrame(frame.subarray(LENGTH_BYTES + 1)));
    }
    return frames;
  }

  private peek(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first;
    return Buffer.concat(this.chunks).subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return all.subarray(0, n);
  }
}

/** Reads fields with bounds checks: a short frame is a DataWireError, never a RangeError or garbage. */
class Reader {
  private o = 0;
  constructor(private readonly b: Buffer) {}
  need(n: number): void {
    if (this.o + n > this.b.length) throw new DataWireError("truncated data frame");
  }
  u8(): number {
    this.need(1);
    return this.b.readUInt8(this.o++);
  }
  u16(): number {
    this.need(2);
    const v = this.b.readUInt16BE(this.o);
    this.o += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.b.readUInt32BE(this.o);
    this.o += 4;
    return v;
  }
  f64(): number {
    this.need(8);
    const v = this.b.readDoubleBE(this.o);
    this.o += 8;
    return v;
  }
  str(): string {
    const n = this.u16();
    this.need(n);
    const s = this.b.toString("utf8", this.o, this.o + n);
    this.o += n;
    return s;
  }
  rest(): Buffer {
    const r = this.b.subarray(this.o);
    this.o = this.b.length;
    return r;
  }
  end(): void {
    if (this.o !== this.b.length) throw new DataWireError("data frame has trailing bytes");
  }
}

/** `body` starts at the kind byte. */
function decodeFrame(body: Buffer): DecodedFrame {
  const r = new Reader(body);
  const kind = r.u8();
  if (kind === FrameKind.Handshake) return { kind, body: r.rest() };
  if (kind !== FrameKind.Buffer && kind !== FrameKind.Event && kind !== FrameKind.Credit) {
    throw new DataWireError(`unknown data frame kind ${kind}`);
  }
  const to = r.str();
  const ch = r.str();
  if (!WORKER_KEY.test(to)) throw new DataWireError(`invalid destination worker ${JSON.stringify(to.slice(0, 64))}`);
  if (!CHANNEL_ID.test(ch)) throw new DataWireError(`invalid channel id ${JSON.stringify(ch.slice(0, 64))}`);
  if (kind === FrameKind.Buffer) {
    const records = r.u32();
    const bytes = r.rest();
    if (records === 0 || bytes.length === 0) throw new DataWireError("empty data buffer");
    // A fresh ArrayBuffer: it is transferred to the consuming worker, so it must not share the
    // socket's memory.
    const data = new ArrayBuffer(bytes.length);
    new Uint8Array(data).set(bytes);
    return { kind, to, frame: { t: "buffer", ch, data, records } };
  }
  if (kind === FrameKind.Credit) {
    const credits = r.u32();
    r.end();
    if (credits === 0) throw new DataWireError("credit frame without credits");
    return { kind, to, frame: { t: "credit", ch, credits } };
  }
  const event = decodeEvent(r);
  r.end();
  return { kind, to, frame: { t: "event", ch, event } };
}

function decodeEvent(r: Reader): DataEvent {
  const type = r.u8();
  switch (type) {
    case EventType.Watermark: {
      const timestamp = r.f64();
      if (Number.isNaN(timestamp)) throw new DataWireError("watermark is NaN");
      return { kind: "watermark", timestamp };
    }
    case EventType.StreamStatus:
      return { kind: "stream-status", idle: flag(r.u8()) };
    case EventType.Barrier: {
      const checkpointId = r.f64();
      const timestamp = r.f64();
      const flags = r.u8();
      if (flags > 3) throw new DataWireError(`invalid barrier flags ${flags}`);
      const dir = r.str();
      if (!Number.isSafeInteger(checkpointId) || checkpointId < 0 || !Number.isFinite(timestamp)) throw new DataWireError("invalid checkpoint barrier");
      return { kind: "barrier", checkpointId, timestamp, savepoint: (flags & 1) !== 0, dir, ...((flags & 2) !== 0 ? { stopping: true } : {}) };
    }
    case EventType.EndOfPartition:
      return flag(r.u8()) ? { kind: "end-of-partition", stopped: true } : { kind: "end-of-partition" };
    case EventType.EndOfData:
      return { kind: "end-of-data" };
    default:
      throw new DataWireError(`unknown event type ${type}`);
  }
}

function flag(v: number): boolean {
  if (v > 1) throw new DataWireError(`invalid flag ${v}`);
  return v === 1;
}
