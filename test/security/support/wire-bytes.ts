/**
 * Byte-level building blocks of the protocol fuzzer: a seeded random source, the two wire framings
 * (RPC: `[u32 length][u8 version][msgpack]`; data: `[u32 length][u8 version][u8 kind][payload]`)
 * with every header field overridable, and mutations of well-formed byte streams.
 */
import { createPackr } from "../../../src/cluster/rpc/tcp/frame-codec.js";

export interface Random {
  (): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  bytes(n: number): Buffer;
  hex(n: number): string;
}

/** mulberry32: the same cases for the same seed, so a failure can be replayed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return Object.assign(next, {
    int,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
    bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => int(0, 255))),
    hex: (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[int(0, 15)]).join(""),
  });
}

/** msgpack as the cluster writes it (same options as the RPC codec). */
export function pack(value: unknown): Buffer {
  return createPackr().pack(value);
}

/** An RPC frame around `body`; `length` and `version` default to the correct values. */
export function rpcFrame(body: Buffer, header: { length?: number; version?: number } = {}): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(header.length ?? body.length + 1, 0);
  head.writeUInt8(header.version ?? 1, 4);
  return Buffer.concat([head, body]);
}

/** A data-plane frame of `kind` around `payload`. */
export function dataFrame(kind: number, payload: Buffer, header: { length?: number; version?: number } = {}): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt32BE(header.length ?? payload.length + 2, 0);
  head.writeUInt8(header.version ?? 1, 4);
  head.writeUInt8(kind, 5);
  return Buffer.concat([head, payload]);
}

/** `[u16 length][utf-8]`, the data plane's string encoding; `length` may lie. */
export function str16(s: string, length?: number): Buffer {
  const b = Buffer.from(s, "utf8");
  const head = Buffer.alloc(2);
  head.writeUInt16BE(length ?? b.length, 0);
  return Buffer.concat([head, b]);
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}

export function f64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n, 0);
  return b;
}

/** One to three random edits of a well-formed stream: what a buggy or hostile peer might send. */
export function mutate(random: Random, input: Buffer): Buffer {
  let b = Buffer.from(input);
  for (let n = random.int(1, 3); n > 0; n--) {
    const at = random.int(0, Math.max(0, b.length - 1));
    switch (random.int(0, 6)) {
      case 0: // flip one bit
        if (b.length) b[at] = b[at]! ^ (1 << random.int(0, 7));
        break;
      case 1: // overwrite a byte
        if (b.length) b[at] = random.int(0, 255);
        break;
      case 2: // cut the stream short
        b = b.subarray(0, at);
        break;
      case 3: // insert random bytes
        b = Buffer.concat([b.subarray(0, at), random.bytes(random.int(1, 16)), b.subarray(at)]);
        break;
      case 4: // repeat a slice (a replayed or duplicated piece)
        b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + random.int(1, 64)), b.subarray(at)]);
        break;
      case 5: // drop a slice
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + random.int(1, 16))]);
        break;
      default: // an interesting value in a length-sized field
        if (b.length >= at + 4) b.writeUInt32BE(random.pick([0, 1, 0x7fffffff, 0xffffffff, 4096, 4097, 64 * 1024 * 1024 + 1]), at);
    }
  }
  return b;
}

/** Splits a stream into 1..n pieces written one after the other (exercises frame reassembly). */
export function split(random: Random, b: Buffer, maxPieces = 8): Buffer[] {
  const pieces: Buffer[] = [];
  let rest = b;
  for (let n = random.int(1, maxPieces); n > 1 && rest.length > 1; n--) {
    const at = random.int(1, rest.length - 1);
    pieces.push(rest.subarray(0, at));
    rest = rest.subarray(at);
  }
  pieces.push(rest);
  return pieces;
}
