/**
 * Bad bytes from one peer close that peer's connection only: the server keeps serving everyone else,
 * and each bad connection is logged once.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { after, before, test } from "node:test";
import { TcpRpcService, parseTcpAddress, type RemoteGateway } from "../../src/cluster/rpc/index.js";
import { PROTOCOL_VERSION, createPackr, encodeFrame } from "../../src/cluster/rpc/tcp/frame-codec.js";
import { Calculator, RecordingLogger } from "./helpers.js";

const logger = new RecordingLogger();
const impl = new Calculator();
let server: TcpRpcService;
let client: TcpRpcService;
let good: RemoteGateway<Calculator>;

before(async () => {
  // A short handshake timeout bounds the one case where random bytes happen to look like the start
  // of a valid frame: the server then waits for the rest, and drops the silent peer after 1 s.
  server = await TcpRpcService.start({ logger, defaultTimeoutMs: 1_000 });
  client = await TcpRpcService.start({ logger });
  server.serve("calc", impl);
  good = await client.connect<Calculator>(server.address, "calc");
});
after(async () => {
  await client.stop();
  await server.stop();
});

/** Opens a raw socket, writes `bytes`, and resolves when the server has closed it. */
async function sendAndAwaitClose(bytes: Buffer[], beforeSend?: (socket: Socket) => Promise<void>): Promise<void> {
  const { host, port } = parseTcpAddress(server.address);
  const socket = connect({ host, port });
  socket.on("error", () => {}); // a reset is an acceptable way to be thrown out
  socket.resume();
  await once(socket, "connect");
  // Not events.once: it would reject on the ECONNRESET that writing to a dropped socket can cause.
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  if (beforeSend) await beforeSend(socket);
  for (const chunk of bytes) socket.write(chunk);
  await closed;
}

function frame(version: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(body.length + 1, 0);
  header.writeUInt8(version, 4);
  return Buffer.concat([header, body]);
}

async function assertOneNewLogLine(action: () => Promise<void>, pattern: RegExp): Promise<void> {
  const before = logger.lines.length;
  await action();
  const added = logger.lines.slice(before);
  assert.equal(added.length, 1, `expected one log line, got ${JSON.stringify(added)}`);
  assert.match(added[0]!, pattern);
  // The well-behaved client is unaffected.
  assert.equal(await good.gateway.add(2, 2), 4);
  assert.equal(good.connected, true);
}

test("random bytes", { timeout: 5_000 }, async () => {
  await assertOneNewLogLine(() => sendAndAwaitClose([randomBytes(256)]), /closing connection/);
});

test("an oversized length prefix is refused before any body arrives", { timeout: 5_000 }, async () => {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(0xfffffff0, 0);
  header.writeUInt8(PROTOCOL_VERSION, 4);
  await assertOneNewLogLine(() => sendAndAwaitClose([header]), /exceeds the maximum frame size/);
});

test("a wrong protocol version", { timeout: 5_000 }, async () => {
  const body = createPackr().pack({ t: "hello", nonce: null });
  await assertOneNewLogLine(() => sendAndAwaitClose([frame(PROTOCOL_VERSION + 7, body)]), /unsupported protocol version 8/);
});

test("a body that does not decode", { timeout: 5_000 }, async () => {
  const truncated = createPackr().pack({ t: "hello", nonce: null }).subarray(0, 4);
  await assertOneNewLogLine(() => sendAndAwaitClose([frame(PROTOCOL_VERSION, truncated)]), /undecodable frame/);
});

test("a decodable value that is not a protocol message", { timeout: 5_000 }, async () => {
  await assertOneNewLogLine(
    () => sendAndAwaitClose([frame(PROTOCOL_VERSION, createPackr().pack([1, 2, 3]))]),
    /not a protocol message/,
  );
});

test("a call before the handshake", { timeout: 5_000 }, async () => {
  const call = createPackr().pack({ t: "call", id: 1, ep: "calc", m: "add", a: [1, 2] });
  const invocations = impl.invocations;
  await assertOneNewLogLine(() => sendAndAwaitClose([frame(PROTOCOL_VERSION, call)]), /expected hello or auth/);
  assert.equal(impl.invocations, invocations + 1, "only the good client's call reached the endpoint");
});

test("garbage after a completed handshake", { timeout: 5_000 }, async () => {
  const packr = createPackr();
  const handshake = async (socket: Socket): Promise<void> => {
    const answered = once(socket, "data"); // the server's hello: the connection is ready
    for (const part of encodeFrame(packr, { t: "hello", nonce: null }, 1024)) socket.write(part);
    await answered;
  };
  // After the handshake no timer runs (a large frame may legitimately take long), so the garbage must
  // not look like the start of a frame: a leading 0xff makes its length prefix far too large.
  const garbage = Buffer.concat([Buffer.from([0xff]), randomBytes(63)]);
  await assertOneNewLogLine(() => sendAndAwaitClose([garbage], handshake), /exceeds the maximum frame size/);
});

test("a bad frame split across many small writes is still caught", { timeout: 5_000 }, async () => {
  const body = createPackr().pack({ t: "hello", nonce: null });
  const bytes = frame(PROTOCOL_VERSION + 1, body);
  const pieces = [...bytes].map((byte) => Buffer.from([byte]));
  await assertOneNewLogLine(() => sendAndAwaitClose(pieces), /unsupported protocol version/);
});

test("before the handshake a client may send no frame larger than 4 KiB; after it large calls work", { timeout: 5_000 }, async () => {
  // Announcing a large (but allowed after authentication) frame is enough: nothing of it is buffered.
  const header = Buffer.alloc(5);
  header.writeUInt32BE(4097, 0);
  header.writeUInt8(PROTOCOL_VERSION, 4);
  await assertOneNewLogLine(() => sendAndAwaitClose([header]), /frame of 4097 bytes exceeds the maximum frame size of 4096/);
  const text = "x".repeat(100_000);
  assert.equal(await good.gateway.echo(text), text);
});
