/**
 * Wire framing: `[u32 big-endian length][u8 protocol version][msgpack body]`, where length counts the
 * version byte and the body. The length is checked before any body byte is buffered, so a peer cannot
 * make us allocate more than maxFrameBytes by announcing a huge frame.
 */
import { Packr } from "msgpackr";
import { registerErrorClass, SluiceError } from "../../../errors/sluice-error.js";

export const PROTOCOL_VERSION = 1;
const LENGTH_BYTES = 4;

/** A peer broke the protocol; the connection it came on must be closed. */
export class FrameError extends SluiceError {}
registerErrorClass(FrameError);

/**
 * One codec per connection side. `structuredClone: true` keeps Maps, Sets, Dates, Errors, typed arrays
 * and cycles, close to what the in-process transport's structuredClone keeps. Record structures are
 * written inline in every message, so no state is shared between the two ends.
 */
export function createPackr(): Packr {
  return new Packr({ structuredClone: true });
}

/** Header and body as two buffers, so the body is written to the socket without a copy. */
export function encodeFrame(packr: Packr, message: unknown, maxFrameBytes: number): [Buffer, Buffer] {
  const body = packr.pack(message);
  const length = body.length + 1;
  if (length > maxFrameBytes) {
    throw new FrameError(`message of ${length} bytes exceeds the maximum frame size of ${maxFrameBytes}`);
  }
  const header = Buffer.allocUnsafe(LENGTH_BYTES + 1);
  header.writeUInt32BE(length, 0);
  header.writeUInt8(PROTOCOL_VERSION, LENGTH_BYTES);
  return [header, body];
}

/** Decodes one frame body; anything msgpackr cannot read fully is a protocol error. */
export function decodeBody(packr: Packr, body: Buffer): unknown {
  try {
    return packr.unpack(body);
  } catch (error) {
    throw new FrameError(`undecodable frame: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Splits a byte stream into frame bodies. Throws FrameError on the first bad frame. The limit is
 * checked frame by frame (next()), so a server can keep it small until the peer has authenticated
 * and raise it for the frames that follow, even when they arrived in the same read.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private sawFirstFrame = false;

  constructor(public maxFrameBytes: number) {}

  /** Every complete frame body in the stream so far. */
  push(chunk: Buffer): Buffer[] {
    this.append(chunk);
    const bodies: Buffer[] = [];
    for (let body = this.next(); body !== undefined; body = this.next()) bodies.push(body);
    return bodies;
  }

  append(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** The next complete frame body, or undefined until more bytes arrive. */
  next(): Buffer | undefined {
    if (this.buffered < LENGTH_BYTES + 1) return undefined;
    const head = this.peek(LENGTH_BYTES + 1);
    if (!this.sawFirstFrame && looksLikeTls(head)) {
      throw new FrameError("peer speaks TLS but this side is not configured for TLS");
    }
    const length = head.readUInt32BE(0);
    if (length > this.maxFrameBytes) {
      throw new FrameError(`frame of ${length} bytes exceeds the maximum frame size of ${this.maxFrameBytes}`);
    }
    if (length === 0) throw new FrameError("empty frame (no version byte)");
    const version = head.readUInt8(LENGTH_BYTES);
    if (version !== PROTOCOL_VERSION) {
      throw new FrameError(`unsupported protocol version ${version} (this side speaks ${PROTOCOL_VERSION})`);
    }
    if (this.buffered < LENGTH_BYTES + length) return undefined;
    const frame = this.take(LENGTH_BYTES + length);
    this.sawFirstFrame = true;
    return frame.subarray(LENGTH_BYTES + 1);
  }

  /** The first n buffered bytes, joining only as many chunks as needed. */
  private peek(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first;
    return Buffer.concat(this.chunks, Math.min(this.buffered, n * 2)).subarray(0, n);
  }

  /** Removes and returns the first n bytes; joins chunks once per frame (no quadratic copying). */
  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    const frame = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return frame;
  }
}

/** A TLS record header (handshake 0x16 or alert 0x15, major version 3) where a frame should start. */
function looksLikeTls(head: Buffer): boolean {
  return (head[0] === 0x16 || head[0] === 0x15) && head[1] === 0x03;
}
