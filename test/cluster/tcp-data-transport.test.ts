/**
 * The data plane between TaskManagers, in one process: frames of many channels keep their order
 * over one multiplexed connection per pair, both ways; authentication with the cluster secret;
 * TLS; a malformed frame closes only its connection; a lost peer is reported at once.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { TcpDataTransport, type TcpDataTransportOptions } from "../../src/cluster/network/tcp-data-transport.js";
import { parseTcpAddress, type RpcTlsOptions } from "../../src/cluster/rpc/index.js";
import { createPackr } from "../../src/cluster/rpc/tcp/frame-codec.js";
import { encodeHandshake } from "../../src/cluster/network/data-wire.js";
import type { DataFrame } from "../../src/runtime/network/frames.js";
import { waitFor } from "../support/wait.js";
import { makePki } from "./support/pki.js";

const SECRET = "a-test-secret-of-some-length";
const open: TcpDataTransport[] = [];
let pkiDir: string;
let tls: RpcTlsOptions;

before(() => {
  pkiDir = mkdtempSync(join(tmpdir(), "sluice-data-tls-"));
  tls = makePki(pkiDir);
});
after(async () => {
  await Promise.all(open.map((t) => t.close()));
  rmSync(pkiDir, { recursive: true, force: true });
});

async function transport(options: TcpDataTransportOptions = {}): Promise<{ t: TcpDataTransport; received: Array<[string, DataFrame]>; lost: string[]; warnings: string[] }> {
  const warnings: string[] = [];
  const t = await TcpDataTransport.start({ logger: { info: () => {}, warn: (m) => warnings.push(m) }, ...options });
  open.push(t);
  const received: Array<[string, DataFrame]> = [];
  const lost: string[] = [];
  t.onReceive((to, frame) => received.push([to, frame]));
  t.onPeerLost((address) => lost.push(address));
  return { t, received, lost, warnings };
}

function buffer(ch: string, n: number): DataFrame {
  const data = new Uint8Array(64).fill(n % 256).buffer;
  return { t: "buffer", ch, data, records: n + 1 };
}

test("frames of many channels arrive in order, both ways, over one connection per pair", { timeout: 10_000 }, async () => {
  const a = await transport();
  const b = await transport();
  const channels = ["0/1/0/0", "0/1/0/1", "0/2/1/0", "3/7/2/1"];
  const perChannel = 500;
  for (let i = 0; i < perChannel; i++) {
    for (const ch of channels) {
      a.t.send(b.t.address, "tm-b#1", buffer(ch, i));
      if (i % 50 === 0) a.t.send(b.t.address, "tm-b#0", { t: "event", ch, event: { kind: "watermark", timestamp: i === 0 ? -Infinity : i } });
    }
  }
  a.t.send(b.t.address, "tm-b#0", { t: "event", ch: "0/1/0/0", event: { kind: "barrier", checkpointId: 7, timestamp: 123, savepoint: true, dir: "/tmp/x" } });
  a.t.send(b.t.address, "tm-b#0", { t: "event", ch: "0/1/0/0", event: { kind: "watermark", timestamp: Infinity } });
  await waitFor(() => b.received.length === channels.length * (perChannel + 10) + 2, "all frames at b");
  for (const ch of channels) {
    const buffers = b.received.filter(([, f]) => f.ch === ch && f.t === "buffer").map(([, f]) => (f as { records: number }).records - 1);
    assert.deepEqual(buffers, Array.from({ length: perChannel }, (_, i) => i), `order of channel ${ch}`);
  }
  const last = b.received.slice(-2).map(([, f]) => f);
  assert.deepEqual(last[0], { t: "event", ch: "0/1/0/0", event: { kind: "barrier", checkpointId: 7, timestamp: 123, savepoint: true, dir: "/tmp/x" } });
  assert.deepEqual(last[1], { t: "event", ch: "0/1/0/0", event: { kind: "watermark", timestamp: Infinity } });
  assert.equal(new Uint8Array((b.received[0]![1] as { data: ArrayBuffer }).data)[0], 0);

  // Credits flow back over the connection a opened: no second connection.
  b.t.send(a.t.address, "tm-a#0", { t: "credit", ch: "0/1/0/0", credits: 3 });
  await waitFor(() => a.received.length === 1, "credit at a");
  assert.deepEqual(a.received[0], ["tm-a#0", { t: "credit", ch: "0/1/0/0", credits: 3 }]);
  assert.equal(a.t.connectionCount, 1);
  assert.equal(b.t.connectionCount, 1);
});

test("with a secret, a peer with the wrong or no secret is refused; the right secret works", { timeout: 10_000 }, async () => {
  const server = await transport({ secret: SECRET });
  for (const secret of ["another-secret-entirely", undefined]) {
    const intruder = await transport({ secret });
    intruder.t.send(server.t.address, "tm-x#0", buffer("0/0/0/0", 1));
    await waitFor(() => intruder.lost.length === 1, "the intruder sees its connection refused");
    assert.equal(server.received.length, 0);
  }
  await waitFor(() => server.warnings.some((w) => /refused data connection .*has none/.test(w)), "the server refuses the peer without a secret");
  await waitFor(() => server.warnings.some((w) => /failed during the handshake/.test(w)), "the server logs the peer that rejected its proof");
  const friend = await transport({ secret: SECRET });
  friend.t.send(server.t.address, "tm-x#0", buffer("0/0/0/0", 1));
  await waitFor(() => server.received.length === 1, "frame from the peer with the secret");
});

test("a malformed frame closes only its own connection and is reported as a lost peer", { timeout: 10_000 }, async () => {
  const server = await transport();
  const good = await transport();
  good.t.send(server.t.address, "tm-s#0", buffer("0/0/0/0", 1));
  await waitFor(() => server.received.length === 1, "first frame");

  // A raw client: valid handshake, then a frame of an unknown kind.
  const { port } = parseTcpAddress(server.t.address);
  const socket = connect({ host: "127.0.0.1", port });
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.on("error", () => {});
  socket.write(encodeHandshake(createPackr().pack({ t: "hello", nonce: null, from: "tcp://127.0.0.1:1" })));
  socket.write(Buffer.from([0, 0, 0, 3, 1, 9, 0]));
  await closed;
  await waitFor(() => server.warnings.some((w) => /unknown data frame kind 9/.test(w)), "protocol error logged");

  // An oversized announcement is refused from the header alone, before the handshake too.
  const big = connect({ host: "127.0.0.1", port });
  big.on("error", () => {});
  const bigClosed = new Promise<void>((resolve) => big.on("close", () => resolve()));
  big.write(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 0]));
  await bigClosed;

  good.t.send(server.t.address, "tm-s#0", buffer("0/0/0/0", 2));
  await waitFor(() => server.received.length === 2, "the other connection still works");
  assert.equal(good.lost.length, 0);
});

test("a peer that goes away is reported at once; sending again reconnects", { timeout: 10_000 }, async () => {
  const a = await transport();
  const b = await transport();
  a.t.send(b.t.address, "tm-b#0", buffer("0/0/0/0", 1));
  await waitFor(() => b.received.length === 1, "frame");
  await b.t.close();
  await waitFor(() => a.lost.includes(b.t.address), "loss reported");
  const c = await transport();
  c.t.send(a.t.address, "tm-a#0", buffer("1/0/0/0", 1));
  await waitFor(() => a.received.length === 1, "a new peer still reaches a");
});

test("mutual TLS carries frames; a plaintext peer is refused", { timeout: 10_000 }, async () => {
  const server = await transport({ tls, secret: SECRET });
  const client = await transport({ tls, secret: SECRET });
  client.t.send(server.t.address, "tm-s#0", buffer("0/0/0/0", 5));
  await waitFor(() => server.received.length === 1, "frame over TLS");
  const plain = await transport({ secret: SECRET });
  plain.t.send(server.t.address, "tm-s#0", buffer("0/0/0/0", 6));
  await waitFor(() => plain.lost.length === 1, "plaintext peer loses its connection");
  await waitFor(() => server.warnings.some((w) => /refused data connection .*not TLS/.test(w)), "refusal logged");
  assert.equal(server.received.length, 1);
});
