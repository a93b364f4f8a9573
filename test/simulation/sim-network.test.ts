import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FencingTokenMismatchError, RpcConnectionError, RpcTimeoutError, type RemoteGateway } from "../../src/cluster/rpc/interface.js";
import { SimKernel, type SimProcess } from "../../src/testing/simulation/kernel.js";
import { SimNetwork, type AdmittedFencedCall, type SimNetworkOptions } from "../../src/testing/simulation/sim-network.js";
import { Trace } from "../../src/testing/simulation/trace.js";

interface Echo {
  echo(x: number): number;
  slow(): Promise<string>;
}

function world(options: Partial<SimNetworkOptions> = {}) {
  const kernel = new SimKernel(1);
  const trace = new Trace(() => kernel.elapsed);
  const net = new SimNetwork(kernel, trace, { minDelayMs: 1, maxDelayMs: 30, spikeChance: 0, ...options });
  const a = kernel.spawn("a");
  const b = kernel.spawn("b");
  const received: number[] = [];
  const server = b.run(() => net.service(b));
  let token: string | undefined = "t1";
  b.run(() =>
    server.serve<Echo>(
      "echo",
      {
        echo: (x) => (received.push(x), x),
        slow: () => new Promise((resolve) => kernel.schedule(() => resolve("done"), 5_000)),
      },
      { fencingToken: () => token },
    ),
  );
  const client = a.run(() => net.service(a));
  const run = async (until: () => boolean, limitMs = 60_000): Promise<void> => {
    const end = kernel.clock.now() + limitMs;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (until()) return;
      const next = kernel.clock.nextDue();
      if (next === undefined || next > end) throw new Error("the world went quiet before the condition held");
      kernel.clock.runNext();
    }
  };
  const connect = async (fencingToken = "t1", timeoutMs = 1_000): Promise<RemoteGateway<Echo>> => {
    let gateway: RemoteGateway<Echo> | undefined;
    a.run(() => void client.connect<Echo>(server.address, "echo", { fencingToken, timeoutMs }).then((g) => (gateway = g)));
    await run(() => gateway !== undefined);
    return gateway!;
  };
  const call = <T>(p: SimProcess, fn: () => Promise<T>) => {
    const box: { value?: T; error?: Error; done: boolean } = { done: false };
    p.run(() => fn().then((v) => ((box.value = v), (box.done = true)), (e: Error) => ((box.error = e), (box.done = true))));
    return box;
  };
  return { kernel, net, a, b, server, client, received, run, connect, call, setToken: (t: string | undefined) => (token = t) };
}

describe("simulated network", () => {
  it("delivers the calls of one connection in order, each after a delay", async () => {
    const w = world();
    const g = await w.connect();
    const sentAt = w.kernel.clock.now();
    const boxes = Array.from({ length: 50 }, (_, i) => w.call(w.a, () => g.gateway.echo(i)));
    await w.run(() => boxes.every((b) => b.done));
    assert.deepEqual(w.received, Array.from({ length: 50 }, (_, i) => i));
    assert.deepEqual(boxes.map((b) => b.value), w.received);
    assert.ok(w.kernel.clock.now() > sentAt, "the round trips took simulated time");
  });

  it("reorders calls across connections", async () => {
    const w = world({ minDelayMs: 1, maxDelayMs: 200 });
    const gateways = [];
    for (let i = 0; i < 10; i++) gateways.push(await w.connect());
    const boxes = gateways.map((g, i) => w.call(w.a, () => g.gateway.echo(i)));
    await w.run(() => boxes.every((b) => b.done));
    assert.deepEqual([...w.received].sort((x, y) => x - y), Array.from({ length: 10 }, (_, i) => i));
    assert.notDeepEqual(w.received, Array.from({ length: 10 }, (_, i) => i));
  });

  it("times out calls through the clock while a partition holds them, and delivers them after it heals", async () => {
    const w = world();
    const g = await w.connect("t1", 1_000);
    w.net.partition(w.a, w.b, 3_000);
    for (const c of w.net.connections) c.break = () => {}; // keep this connection up through the partition
    const box = w.call(w.a, () => g.gateway.echo(7));
    const start = w.kernel.clock.now();
    await w.run(() => box.done);
    assert.ok(box.error instanceof RpcTimeoutError);
    assert.equal(w.kernel.clock.now() - start, 1_000);
    assert.deepEqual(w.received, []);
    await w.run(() => w.received.length > 0);
    assert.deepEqual(w.received, [7], "TCP retransmits the held call once the partition heals");
    assert.ok(w.kernel.clock.now() - start >= 3_000);
  });

  it("breaks connections: pending calls fail, disconnect listeners fire, the reply of a call that ran is lost", async () => {
    const w = world();
    const g = await w.connect("t1", 60_000);
    let lost: Error | undefined;
    g.onDisconnect((e) => (lost = e));
    const box = w.call(w.a, () => g.gateway.slow());
    await w.run(() => w.kernel.elapsed > 1_000);
    const connection = [...w.net.connections][0]!;
    connection.break("test");
    await w.run(() => box.done);
    assert.ok(box.error instanceof RpcConnectionError);
    assert.ok(lost instanceof RpcConnectionError);
    assert.equal(g.connected, false);
  });

  it("a crashed process refuses connections and its peers see their connections break", async () => {
    const w = world();
    const g = await w.connect();
    let lost = false;
    g.onDisconnect(() => (lost = true));
    w.b.crash();
    await w.run(() => lost);
    let refused: Error | undefined;
    w.a.run(() => void w.client.connect(w.server.address, "echo").catch((e: Error) => (refused = e)));
    await w.run(() => refused !== undefined);
    assert.ok(refused instanceof RpcConnectionError);
  });

  it("rejects calls with a stale fencing token and reports only the admitted ones", async () => {
    const w = world();
    const admitted: AdmittedFencedCall[] = [];
    w.net.onAdmittedFencedCall = (c) => admitted.push(c);
    const good = await w.connect("t1");
    const stale = await w.connect("t0");
    const ok = w.call(w.a, () => good.gateway.echo(1));
    const rejected = w.call(w.a, () => stale.gateway.echo(2));
    await w.run(() => ok.done && rejected.done);
    assert.equal(ok.value, 1);
    assert.ok(rejected.error instanceof FencingTokenMismatchError);
    assert.deepEqual(admitted.map((c) => c.token), ["t1"]);
  });

  it("with the test-only no-fencing bug, admits and reports a stale token", async () => {
    const w = world({ noFencing: true });
    const admitted: AdmittedFencedCall[] = [];
    w.net.onAdmittedFencedCall = (c) => admitted.push(c);
    const stale = await w.connect("t0");
    const box = w.call(w.a, () => stale.gateway.echo(2));
    await w.run(() => box.done);
    assert.equal(box.value, 2);
    assert.deepEqual(admitted.map((c) => c.token), ["t0"]);
  });
});
