/**
 * The fuzz cases for the cluster's two binary protocols: random bytes, random frames, mutated
 * well-formed streams, and "valid prefix, hostile body" frames (right version and length, then
 * garbage msgpack, lying lengths, replayed handshakes, frames for jobs, workers and channels that do
 * not exist). Each case says what the server must do with it.
 *
 * The cluster under test has no secret, so a peer that completes the handshake is trusted: it could
 * legitimately stop a TaskManager or inject records into a real channel. The fuzzer therefore never
 * sends such a frame on purpose, and every generated stream is screened (rpcStreamIsSafe,
 * dataStreamIsSafe) so that a random mutation cannot turn into one either.
 */
import { FrameDecoder, createPackr } from "../../../src/cluster/rpc/tcp/frame-codec.js";
import { parseRequest } from "../../../src/cluster/rpc/tcp/messages.js";
import { BlobServer } from "../../../src/cluster/blob/blob-server.js";
import { TaskExecutor } from "../../../src/cluster/taskexecutor/task-executor.js";
import { DataFrameDecoder, encodeDataFrame } from "../../../src/cluster/network/data-wire.js";
import type { DataFrame } from "../../../src/runtime/network/frames.js";
import { dataFrame, f64, mutate, pack, rpcFrame, split, str16, u32, type Random } from "./wire-bytes.js";

/** What the server must do with a case. */
export type Expectation =
  /** Close the connection (a protocol violation). */
  | { kind: "close" }
  /** Answer every call id (with ok or err) and keep the connection open. */
  | { kind: "answer"; ids: number[] }
  /** Reply to the handshake and keep the connection open (data frames nobody is waiting for are dropped). */
  | { kind: "open" }
  /** Anything but dying: close, answer, or wait for more bytes. */
  | { kind: "any" };

export interface WireCase {
  protocol: "rpc" | "data";
  name: string;
  chunks: Buffer[];
  expect: Expectation;
}

export interface ClusterFacts {
  taskManagerIds: string[];
  /** Real data addresses: a fuzz connection never claims to be one of them. */
  dataAddresses: string[];
}

const MAX_FRAME = 64 * 1024 * 1024;
/** Ghost channels use attempt numbers no job of the test reaches. */
const GHOST_ATTEMPT = 100_000;
/** An address nothing listens on, announced as the fuzzer's own data address. */
const NOWHERE = "tcp://127.0.0.1:9";

/** A mutation of `base` that passes `isSafe`; the unmutated prefix up to the first frame if none does soon. */
function safeMutation(random: Random, base: Buffer, isSafe: (b: Buffer) => boolean): Buffer {
  for (let attempt = 0; attempt < 50; attempt++) {
    const stream = mutate(random, base);
    if (isSafe(stream)) return stream;
  }
  return base.subarray(0, 3);
}

// ---- RPC -----------------------------------------------------------------------------------------

const rpcHello = (): Buffer => rpcFrame(pack({ t: "hello", nonce: null }));

/** Decodable msgpack that is not a message of the protocol, or not decodable at all. */
function hostileRpcBodies(random: Random, afterHandshake: boolean): Buffer[] {
  const call = { t: "call", id: 1, ep: "taskexecutor", m: "cancelTask", a: ["x"] };
  return [
    Buffer.from([0xc1]), // the one byte msgpack never uses
    Buffer.from([0xdb, 0xff, 0xff, 0xff, 0xff, 0x61]), // a string claiming 4 GiB
    Buffer.from([0xc6, 0xff, 0xff, 0xff, 0xff]), // binary claiming 4 GiB
    Buffer.from([0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0]), // an array claiming 4 G elements
    Buffer.from([0xdf, 0xff, 0xff, 0xff, 0xff]), // a map claiming 4 G entries
    Buffer.concat([Buffer.alloc(100_000, 0x91), Buffer.from([0xc0])]), // 100 000 nested arrays
    Buffer.from([0xc9, 0xff, 0xff, 0xff, 0xff, 0x01]), // an extension claiming 4 GiB
    Buffer.from([0xd4, 0x7f, 0x00]), // an unknown extension type
    Buffer.from([0xd6, 0xff, 0xff, 0xff, 0xff, 0xff]), // a timestamp: decodes to a Date
    Buffer.alloc(0), // nothing after the version byte
    random.bytes(random.int(1, 64)),
    pack(42),
    pack("hello"),
    pack([call]),
    pack({ ...call, id: -1 }),
    pack({ ...call, id: 1.5 }),
    pack({ ...call, id: 2 ** 60 }),
    pack({ ...call, ep: 7 }),
    pack({ ...call, a: "not an array" }),
    pack({ ...call, tok: 5 }),
    pack({ ...call, t: "CALL" }),
    pack({ t: "ok", id: 1, v: null }), // a response, sent to a server
    pack({ t: "err", id: 1, e: { name: "x" } }),
    pack({ t: "auth", proof: random.bytes(32) }), // a proof nobody asked for
    pack({ t: "probe", id: "1", ep: "taskexecutor" }),
    // A second hello on a ready connection: a replayed handshake.
    ...(afterHandshake ? [pack({ t: "hello", nonce: null }), pack({ t: "hello", nonce: random.bytes(32) })] : [pack({ t: "hello", nonce: 5 })]),
  ];
}

/** Headers that lie: too long, empty, another version, or TLS where a frame should be. */
function lyingRpcHeaders(random: Random): Buffer[] {
  const body = pack({ t: "hello", nonce: null });
  return [
    rpcFrame(body, { length: 0xffffffff }),
    rpcFrame(body, { length: MAX_FRAME + 1 }),
    rpcFrame(Buffer.alloc(0), { length: 0 }),
    rpcFrame(body, { version: 0 }),
    rpcFrame(body, { version: random.int(2, 255) }),
    Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]), // a TLS ClientHello
  ];
}

/** Arguments of odd shapes: what structured-clone msgpack can carry. */
function oddArgument(random: Random): unknown {
  return random.pick<() => unknown>([
    () => new Map([[1, { a: [1, 2] }]]),
    () => new Set(["a", 1, null]),
    () => new Date(8.64e15),
    () => new Error("not really an error"),
    () => new Uint8Array(random.int(0, 512)),
    () => "x".repeat(random.int(0, 20_000)),
    () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown,
    () => [[[[[[[[[[[]]]]]]]]]]],
    () => Number.NaN,
    () => -Infinity,
    () => null,
  ])();
}

/** Calls for jobs, executions, slots, bundles and endpoints that do not exist, and methods nobody may call. */
function ghostCall(random: Random, role: "jm" | "tm"): { ep: string; m: string; a: unknown[]; tok?: string } {
  const ghost = (): string => random.hex(32);
  const common = [
    { ep: `jobmaster-${ghost()}`, m: "updateTaskExecutionState", a: [ghost(), "FAILED"] },
    { ep: `jobmaster-${ghost()}`, m: "acknowledgeCheckpoint", a: [ghost(), 1, {}], tok: ghost() },
    { ep: "no-such-endpoint", m: "anything", a: [] },
    { ep: random.hex(random.int(0, 40)), m: random.hex(8), a: [] },
  ];
  const jm = [
    { ep: "dispatcher", m: "cancelJob", a: [ghost()] }, // fenced: no token
    { ep: "dispatcher", m: "listJobs", a: [], tok: ghost() }, // fenced: a wrong token
    { ep: "dispatcher", m: "submitJob", a: [{}, {}], tok: ghost() },
    { ep: "resourcemanager", m: "registerTaskExecutor", a: [{ taskManagerId: "fuzz" }] },
    { ep: "resourcemanager", m: "declareRequiredResources", a: [ghost(), 99], tok: "" },
    { ep: "blobserver", m: "getBundle", a: ["../../../../etc/passwd"] },
    { ep: "blobserver", m: "getBundle", a: [random.hex(64)] },
    { ep: "blobserver", m: "getBundle", a: [oddArgument(random)] },
    { ep: "dispatcher", m: random.pick(["constructor", "__proto__", "toString", "hasOwnProperty", "__defineGetter__"]), a: [] },
  ];
  const tm = [
    { ep: "taskexecutor", m: "cancelTask", a: [`${ghost()}-0-0-0`] },
    { ep: "taskexecutor", m: "triggerCheckpoint", a: [ghost(), { barrier: { checkpointId: 1, timestamp: 0, savepoint: false, dir: "/tmp" } }] },
    { ep: "taskexecutor", m: "notifyCheckpointComplete", a: [ghost(), 7] },
    { ep: "taskexecutor", m: "notifyCheckpointAborted", a: [oddArgument(random), oddArgument(random)] },
    { ep: "taskexecutor", m: "freeSlot", a: [ghost(), "fuzz"] },
    { ep: "taskexecutor", m: "heartbeatFromJobManager", a: [ghost()] },
    { ep: "taskexecutor", m: "disconnectJobManager", a: [ghost(), "fuzz"] },
    { ep: "taskexecutor", m: "requestSlot", a: [random.int(1000, 99_999), ghost(), ghost(), NOWHERE] },
    { ep: "taskexecutor", m: "submitTask", a: [random.pick([{}, null, oddArgument(random)])] },
    { ep: "taskexecutor", m: random.pick(["constructor", "__proto__", "toString", "valueOf", "noSuchMethod"]), a: [] },
  ];
  return random.pick([...common, ...(role === "jm" ? jm : tm)]);
}

/** Methods of unfenced endpoints that are harmless with any arguments a mutation can produce. */
const HARMLESS = new Set(["cancelTask", "triggerCheckpoint", "notifyCheckpointComplete", "notifyCheckpointAborted", "freeSlot", "heartbeatFromJobManager", "disconnectJobManager", "getBundle"]);

/** False when some frame of the stream is a call a trusted peer could hurt the cluster with. */
export function rpcStreamIsSafe(stream: Buffer): boolean {
  for (let at = 0; at + 5 <= stream.length; ) {
    const length = stream.readUInt32BE(at);
    if (length === 0 || at + 4 + length > stream.length) break;
    const frame = stream.subarray(at, at + 4 + length);
    at += 4 + length;
    let bodies: Buffer[];
    try {
      bodies = new FrameDecoder(MAX_FRAME).push(frame);
    } catch {
      break; // the server closes here
    }
    for (const body of bodies) {
      let request;
      try {
        request = parseRequest(createPackr().unpack(body));
      } catch {
        continue;
      }
      if (request.t !== "call") continue;
      const served = request.ep === "taskexecutor" ? TaskExecutor.prototype : request.ep === "blobserver" ? BlobServer.prototype : undefined;
      if (served && typeof (served as unknown as Record<string, unknown>)[request.m] === "function" && !HARMLESS.has(request.m)) return false;
      if (request.ep === "taskexecutor" && request.m === "requestSlot") return false;
    }
  }
  return true;
}

let nextCallId = 1;

export function rpcCase(random: Random, role: "jm" | "tm"): WireCase {
  const r = random();
  const withHello = random.chance(0.5);
  const prefix = withHello ? [rpcHello()] : [];
  let c: WireCase;
  if (r < 0.15) {
    c = { protocol: "rpc", name: "random bytes", chunks: [random.bytes(random.int(1, 300))], expect: { kind: "any" } };
  } else if (r < 0.28) {
    c = { protocol: "rpc", name: `random frame${withHello ? " after the handshake" : ""}`, chunks: [...prefix, rpcFrame(random.bytes(random.int(0, 200)))], expect: { kind: "any" } };
  } else if (r < 0.5) {
    const body = random.pick(hostileRpcBodies(random, withHello));
    c = { protocol: "rpc", name: `hostile body${withHello ? " after the handshake" : ""}`, chunks: [...prefix, rpcFrame(body)], expect: { kind: "close" } };
  } else if (r < 0.58) {
    c = { protocol: "rpc", name: "lying header", chunks: [...prefix, random.pick(lyingRpcHeaders(random))], expect: { kind: "close" } };
  } else if (r < 0.6) {
    // A valid, large announced length with a short body: the server waits, holding only what came.
    c = { protocol: "rpc", name: "large frame cut short", chunks: [rpcHello(), rpcFrame(random.bytes(100), { length: 8 * 1024 * 1024 })], expect: { kind: "any" } };
  } else if (r < 0.62) {
    // Before the handshake nobody gets more than a few KiB: the announced length alone is refused.
    c = { protocol: "rpc", name: "large frame before the handshake", chunks: [rpcFrame(random.bytes(100), { length: random.int(4097, MAX_FRAME) })], expect: { kind: "close" } };
  } else if (r < 0.64) {
    c = { protocol: "rpc", name: "handshake replay", chunks: [rpcHello(), rpcHello()], expect: { kind: "close" } };
  } else if (r < 0.8) {
    const ids: number[] = [];
    const frames = Array.from({ length: random.int(1, 5) }, () => {
      const id = nextCallId++;
      ids.push(id);
      if (random.chance(0.2)) return rpcFrame(pack({ t: "probe", id, ep: random.pick(["no-such-endpoint", `jobmaster-${random.hex(32)}`]) }));
      return rpcFrame(pack({ t: "call", id, ...ghostCall(random, role) }));
    });
    c = { protocol: "rpc", name: "calls for things that do not exist", chunks: [rpcHello(), ...frames], expect: { kind: "answer", ids } };
  } else {
    const base = Buffer.concat([rpcHello(), ...Array.from({ length: random.int(1, 3) }, () => rpcFrame(pack({ t: "call", id: nextCallId++, ...ghostCall(random, role) })))]);
    c = { protocol: "rpc", name: "mutated stream", chunks: [safeMutation(random, base, rpcStreamIsSafe)], expect: { kind: "any" } };
  }
  // Some cases arrive in pieces: a frame split anywhere must be reassembled (or refused) the same way.
  if (random.chance(0.2)) c.chunks = split(random, Buffer.concat(c.chunks));
  return c;
}

// ---- data plane ----------------------------------------------------------------------------------

function dataHello(random: Random): Buffer {
  const hello: Record<string, unknown> = { t: "hello", nonce: null };
  if (random.chance(0.7)) hello.from = NOWHERE;
  return dataFrame(0, pack(hello));
}

function ghostDataFrame(random: Random, facts: ClusterFacts): Buffer {
  const tm = random.pick(facts.taskManagerIds);
  const to = random.pick([`${tm}#${random.int(0, 3)}`, `${tm}#${random.int(50, 999)}`, `tm-ghost-${random.hex(6)}#0`]);
  const ch = `${random.int(GHOST_ATTEMPT, 999_999_999)}/${random.int(0, 9)}/${random.int(0, 9)}/${random.int(0, 9)}`;
  const frame = random.pick<() => DataFrame>([
    () => ({ t: "buffer", ch, records: random.int(1, 100), data: new Uint8Array(random.bytes(random.int(1, 2000))).buffer }),
    () => ({ t: "credit", ch, credits: random.int(1, 1000) }),
    () => ({ t: "event", ch, event: { kind: "watermark", timestamp: random.pick([0, -Infinity, Infinity, 1e15]) } }),
    () => ({ t: "event", ch, event: { kind: "stream-status", idle: random.chance(0.5) } }),
    () => ({ t: "event", ch, event: { kind: "barrier", checkpointId: random.int(0, 1e6), timestamp: 1, savepoint: random.chance(0.5), dir: "/tmp/../../etc" } }),
    () => ({ t: "event", ch, event: { kind: "end-of-partition" } }),
    () => ({ t: "event", ch, event: { kind: "end-of-data" } }),
  ])();
  return Buffer.concat(encodeDataFrame(to, frame, MAX_FRAME));
}

/** Before the handshake: anything but a well-formed hello closes the connection. */
function hostileDataBeforeHandshake(random: Random, facts: ClusterFacts): Buffer[] {
  const hello = (fields: Record<string, unknown>): Buffer => dataFrame(0, pack({ t: "hello", nonce: null, ...fields }));
  return [
    dataFrame(0, pack({}), { length: 4097 }), // more than an unauthenticated peer may send
    dataFrame(0, pack({}), { length: 0xffffffff }),
    dataFrame(0, Buffer.alloc(0), { length: 1 }), // shorter than its own header
    dataFrame(0, pack({ t: "hello", nonce: null }), { version: random.int(2, 255) }),
    Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc]), // TLS
    ghostDataFrame(random, facts), // data before the handshake
    dataFrame(0, random.pick(hostileRpcBodies(random, false))),
    hello({ from: 12 }),
    hello({ from: `tcp://${"a".repeat(400)}:1` }),
    hello({ from: "file:///etc/passwd" }),
    dataFrame(0, pack({ t: "auth", proof: random.bytes(32) })),
    dataFrame(random.int(4, 255), random.bytes(8)),
  ];
}

/** After a correct handshake: frames of the right version and length whose content is wrong. */
function hostileDataAfterHandshake(random: Random, facts: ClusterFacts): Buffer[] {
  const to = str16(`${random.pick(facts.taskManagerIds)}#0`);
  const ch = str16(`${GHOST_ATTEMPT}/0/0/0`);
  const event = (...parts: Buffer[]): Buffer => dataFrame(2, Buffer.concat([to, ch, ...parts]));
  return [
    dataFrame(0, pack({ t: "hello", nonce: null, from: NOWHERE })), // a replayed handshake
    dataFrame(random.int(4, 255), Buffer.concat([to, ch, u32(1)])),
    dataFrame(1, Buffer.concat([str16("../../etc/passwd#0"), ch, u32(1), Buffer.from("x")])),
    dataFrame(1, Buffer.concat([to, str16("a/b/c/d"), u32(1), Buffer.from("x")])),
    dataFrame(1, Buffer.concat([to, ch, u32(0), Buffer.from("x")])), // no records
    dataFrame(1, Buffer.concat([to, ch, u32(3)])), // no bytes
    dataFrame(3, Buffer.concat([to, ch, u32(0)])), // no credits
    dataFrame(3, Buffer.concat([to, ch, u32(5), Buffer.from([1])])), // trailing bytes
    event(Buffer.from([1]), f64(Number.NaN)), // a NaN watermark
    event(Buffer.from([3]), f64(-1), f64(0), Buffer.from([0]), str16("")), // a negative checkpoint id
    event(Buffer.from([3]), f64(1.5), f64(0), Buffer.from([0]), str16("")),
    event(Buffer.from([3]), f64(1), f64(Infinity), Buffer.from([0]), str16("")),
    event(Buffer.from([2, 7])), // a flag that is neither 0 nor 1
    event(Buffer.from([99])), // an unknown event
    event(Buffer.from([3]), f64(1)), // cut short
    dataFrame(1, Buffer.concat([str16("x", 200), Buffer.from("abc")])), // a string longer than its frame
    dataFrame(1, Buffer.alloc(0), { length: 0xffffffff }),
    dataFrame(1, Buffer.alloc(0), { length: MAX_FRAME + 1 }),
  ];
}

/** False when the stream could touch a real channel or pose as a real TaskManager. */
export function dataStreamIsSafe(stream: Buffer, facts: ClusterFacts): boolean {
  for (let at = 0; at + 6 <= stream.length; ) {
    const length = stream.readUInt32BE(at);
    if (length < 2 || at + 4 + length > stream.length) break;
    const bytes = stream.subarray(at, at + 4 + length);
    at += 4 + length;
    let frames;
    try {
      frames = new DataFrameDecoder(MAX_FRAME).push(bytes);
    } catch {
      break; // the server closes here
    }
    for (const f of frames) {
      if (f.kind === 0) {
        let hello: unknown;
        try {
          hello = createPackr().unpack(f.body);
        } catch {
          continue;
        }
        const from = (hello as { from?: unknown } | null)?.from;
        if (typeof from === "string" && facts.dataAddresses.includes(from)) return false;
      } else if (Number(f.frame.ch.split("/")[0]) < GHOST_ATTEMPT) {
        return false;
      }
    }
  }
  return true;
}

export function dataCase(random: Random, facts: ClusterFacts): WireCase {
  const r = random();
  let c: WireCase;
  if (r < 0.12) {
    c = { protocol: "data", name: "random bytes", chunks: [random.bytes(random.int(1, 300))], expect: { kind: "any" } };
  } else if (r < 0.27) {
    const handshake = random.chance(0.5);
    c = {
      protocol: "data",
      name: `random frame${handshake ? " after the handshake" : ""}`,
      chunks: [...(handshake ? [dataHello(random)] : []), dataFrame(random.int(0, 4), random.bytes(random.int(0, 200)))],
      expect: { kind: "any" },
    };
  } else if (r < 0.4) {
    c = { protocol: "data", name: "hostile frame before the handshake", chunks: [random.pick(hostileDataBeforeHandshake(random, facts))], expect: { kind: "close" } };
  } else if (r < 0.6) {
    c = { protocol: "data", name: "hostile frame after the handshake", chunks: [dataHello(random), random.pick(hostileDataAfterHandshake(random, facts))], expect: { kind: "close" } };
  } else if (r < 0.78) {
    const frames = Array.from({ length: random.int(1, 8) }, () => ghostDataFrame(random, facts));
    c = { protocol: "data", name: "frames for channels and workers that do not exist", chunks: [dataHello(random), ...frames], expect: { kind: "open" } };
  } else {
    const base = Buffer.concat([dataHello(random), ...Array.from({ length: random.int(1, 4) }, () => ghostDataFrame(random, facts))]);
    c = { protocol: "data", name: "mutated stream", chunks: [safeMutation(random, base, (b) => dataStreamIsSafe(b, facts))], expect: { kind: "any" } };
  }
  if (random.chance(0.2)) c.chunks = split(random, Buffer.concat(c.chunks));
  return c;
}
