/**
 * A recorded, successful handshake replayed on a new connection gets nowhere: the server
 * challenges every connection with a fresh nonce, so the recorded proof is wrong for it. Checked for
 * RPC and for the data plane, with the whole recorded client stream (handshake and the calls or
 * frames after it) sent again at once: no call runs, no frame is delivered, the connection is closed.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import { test } from "node:test";
import { TcpRpcService, parseTcpAddress } from "../../src/cluster/rpc/index.js";
import { FrameDecoder, createPackr } from "../../src/cluster/rpc/tcp/frame-codec.js";
import { DataFrameDecoder } from "../../src/cluster/network/data-wire.js";
import { TcpDataTransport } from "../../src/cluster/network/tcp-data-transport.js";
import type { DataFrame, WorkerKey } from "../../src/runtime/network/frames.js";
import { waitFor } from "../support/wait.js";
import { Calculator, RecordingLogger } from "../rpc/helpers.js";

const SECRET = "replayed-handshakes-must-fail-0123";

/** A relay that records what the client sends (not what the server answers). */
async function recordingRelay(target: string): Promise<{ address: string; sent: () => Buffer; close(): void }> {
  const { host, port } = parseTcpAddress(target);
  const sent: Buffer[] = [];
  const sockets = new Set<Socket>();
  const relay = createServer((inbound) => {
    const outbound = connect({ host, port });
    sockets.add(inbound).add(outbound);
    inbound.on("data", (chunk: Buffer) => (sent.push(chunk), outbound.write(chunk)));
    outbound.on("data", (chunk: Buffer) => inbound.write(chunk));
    inbound.on("close", () => outbound.destroy());
    outbound.on("close", () => inbound.destroy());
    inbound.on("error", () => {});
    outbound.on("error", () => {});
  });
  relay.listen(0, "127.0.0.1");
  await once(relay, "listening");
  return {
    address: `tcp://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    sent: () => Buffer.concat(sent),
    close: () => {
      for (const s of sockets) s.destroy();
      relay.close();
    },
  };
}

/** Sends `bytes` on a fresh connection; resolves with the server's frames once it has closed the connection. */
function replay(address: string, bytes: Buffer, decode: (chunk: Buffer) => unknown[]): Promise<unknown[]> {
  const { host, port } = parseTcpAddress(address);
  return new Promise((resolve, reject) => {
    const frames: unknown[] = [];
    const socket = connect({ host, port }, () => socket.write(bytes));
    const timer = setTimeout(() => (socket.destroy(), reject(new Error("the server kept the replayed connection open"))), 5000);
    socket.on("data", (chunk: Buffer) => frames.push(...decode(chunk)));
    socket.on("error", () => {});
    socket.on("close", () => (clearTimeout(timer), resolve(frames)));
  });
}

test("RPC: a replayed handshake is refused and none of the replayed calls runs", { timeout: 10_000 }, async () => {
  const logger = new RecordingLogger();
  const server = await TcpRpcService.start({ secret: SECRET, logger });
  const impl = new Calculator();
  server.serve("calc", impl);
  const client = await TcpRpcService.start({ secret: SECRET });
  const relay = await recordingRelay(server.address);
  try {
    const gw = await client.connect<Calculator>(relay.address, "calc");
    assert.equal(await gw.gateway.add(1, 2), 3);
    gw.close();
    assert.equal(impl.invocations, 1);

    const decoder = new FrameDecoder(1 << 20);
    const packr = createPackr();
    const answers = (await replay(server.address, relay.sent(), (chunk) => decoder.push(chunk).map((b) => packr.unpack(b)))) as { t: string; reason?: string }[];
    assert.deepEqual(answers.map((m) => m.t), ["hello", "auth-failed"], "a fresh challenge, then a refusal");
    assert.match(answers[1]!.reason ?? "", /wrong secret/);
    assert.equal(impl.invocations, 1, "the replayed call did not run");
    assert.ok(logger.lines.some((l) => /refused connection .*authentication failed/.test(l)));
  } finally {
    relay.close();
    await client.stop();
    await server.stop();
  }
});

test("data plane: a replayed handshake is refused and none of the replayed frames is delivered", { timeout: 10_000 }, async () => {
  const warnings: string[] = [];
  const logger = { info: () => {}, warn: (m: string) => warnings.push(m) };
  const receiver = await TcpDataTransport.start({ secret: SECRET, logger });
  const sender = await TcpDataTransport.start({ secret: SECRET, logger: { info: () => {}, warn: () => {} } });
  const received: Array<[WorkerKey, DataFrame]> = [];
  receiver.onReceive((to, frame) => received.push([to, frame]));
  const relay = await recordingRelay(receiver.address);
  try {
    const frame: DataFrame = { t: "credit", ch: "0/1/0/0", credits: 4 };
    sender.send(relay.address, "tm-receiver#0", frame);
    await waitFor(() => received.length === 1, "the legitimate frame");

    const decoder = new DataFrameDecoder(1 << 20);
    const packr = createPackr();
    const replies = await replay(receiver.address, relay.sent(), (chunk) => decoder.push(chunk).map((f) => (f.kind === 0 ? packr.unpack(f.body) : f)));
    assert.deepEqual((replies as { t: string }[]).map((m) => m.t), ["hello", "auth-failed"], "a fresh challenge, then a refusal");
    assert.equal(received.length, 1, "the replayed frame was not delivered");
    await waitFor(() => warnings.some((w) => /refused data connection .*wrong secret/.test(w)), "the refusal to be logged");
  } finally {
    relay.close();
    await sender.close();
    await receiver.close();
  }
});
