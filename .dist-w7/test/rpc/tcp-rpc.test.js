import assert from "node:assert/strict";
import { REPO_ROOT, siblingScript } from "../support/paths.js";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { RpcConnectionError, TcpRpcService, connectWithRetry, parseTcpAddress, } from "../../src/cluster/rpc/index.js";
import { rpcConformanceSuite } from "./conformance.js";
import { Calculator, RecordingLogger, eventually, nextDisconnect } from "./helpers.js";
/** An address where nothing listens: a port that was free a moment ago. */
async function deadAddress() {
    const probe = await TcpRpcService.start({ logger: new RecordingLogger() });
    await probe.stop();
    return probe.address;
}
rpcConformanceSuite("TcpRpcService", async () => {
    const logger = new RecordingLogger();
    const server = await TcpRpcService.start({ logger });
    const client = await TcpRpcService.start({ logger });
    return {
        server,
        client,
        deadAddress: await deadAddress(),
        cleanup: async () => {
            await client.stop();
            await server.stop();
        },
    };
});
test("all gateways to one peer share one connection, closed with the last gateway", { timeout: 5_000 }, async () => {
    const server = await TcpRpcService.start();
    const client = await TcpRpcService.start();
    server.serve("a", new Calculator());
    server.serve("b", new Calculator());
    const [a, b] = await Promise.all([
        client.connect(server.address, "a"),
        client.connect(server.address, "b"),
    ]);
    const a2 = await client.connect(server.address, "a");
    assert.deepEqual(await Promise.all([a.gateway.add(1, 1), b.gateway.add(2, 2), a2.gateway.add(3, 3)]), [2, 4, 6]);
    assert.equal(client.stats.outboundConnections, 1);
    assert.equal(server.stats.inboundConnections, 1);
    a.close();
    b.close();
    assert.equal(await a2.gateway.add(1, 2), 3);
    a2.close();
    await eventually(() => server.stats.inboundConnections === 0);
    assert.equal(client.stats.outboundConnections, 0);
    // The next connect opens a fresh connection.
    const again = await client.connect(server.address, "a");
    assert.equal(await again.gateway.add(5, 5), 10);
    await client.stop();
    await server.stop();
});
test("connect to a service that is down rejects; a later connect makes a new connection", { timeout: 5_000 }, async () => {
    const logger = new RecordingLogger();
    const address = await deadAddress();
    const client = await TcpRpcService.start({ logger });
    await assert.rejects(client.connect(address, "calc"), (error) => {
        assert.ok(error instanceof RpcConnectionError);
        assert.match(error.message, /cannot connect to tcp:\/\/127\.0\.0\.1:\d+/);
        return true;
    });
    const server = await TcpRpcService.start({ port: parseTcpAddress(address).port, logger });
    server.serve("calc", new Calculator());
    const gw = await client.connect(address, "calc");
    assert.equal(await gw.gateway.add(1, 2), 3);
    // The peer restarts on the same port: the lost connection is replaced by a new one on connect().
    const lost = nextDisconnect((listener) => gw.onDisconnect(listener));
    await server.stop();
    await lost;
    const restarted = await TcpRpcService.start({ port: parseTcpAddress(address).port, logger });
    restarted.serve("calc", new Calculator());
    const gw2 = await client.connect(address, "calc");
    assert.equal(await gw2.gateway.add(2, 3), 5);
    await client.stop();
    await restarted.stop();
});
test("connectWithRetry waits for a peer that comes up later", { timeout: 5_000 }, async () => {
    const address = await deadAddress();
    const client = await TcpRpcService.start();
    let attempts = 0;
    let server;
    const gw = await connectWithRetry(client, address, "calc", {}, {
        attempts: 20,
        backoffMs: 10,
        maxBackoffMs: 50,
        // Deterministic: the peer starts after the third failed attempt, not after some wall-clock time.
        sleep: async () => {
            if (++attempts === 3) {
                server = await TcpRpcService.start({ port: parseTcpAddress(address).port });
                server.serve("calc", new Calculator());
            }
        },
    });
    assert.equal(attempts, 3);
    assert.equal(await gw.gateway.add(1, 1), 2);
    await client.stop();
    await server?.stop();
});
test("connectWithRetry gives up after its attempts", { timeout: 5_000 }, async () => {
    const client = await TcpRpcService.start();
    let sleeps = 0;
    await assert.rejects(connectWithRetry(client, await deadAddress(), "calc", {}, { attempts: 3, sleep: async () => void sleeps++ }), RpcConnectionError);
    assert.equal(sleeps, 2);
    await client.stop();
});
test("a peer process killed with SIGKILL is noticed at once", { timeout: 15_000 }, async () => {
    const child = spawn(process.execPath, siblingScript(import.meta.url, "./fixtures/serve-endpoint.ts"), {
        cwd: REPO_ROOT,
        stdio: ["ignore", "pipe", "inherit"],
    });
    try {
        const [line] = (await once(createInterface({ input: child.stdout }), "line"));
        const { address } = JSON.parse(line);
        const client = await TcpRpcService.start();
        // A timeout far beyond the test's: only the lost connection can end the pending call in time.
        const worker = await client.connect(address, "worker", {
            timeoutMs: 60_000,
        });
        assert.match(await worker.gateway.ping(), /^pong from \d+$/);
        const disconnected = nextDisconnect((listener) => worker.onDisconnect(listener));
        const pending = worker.gateway.hang();
        await worker.gateway.ping(); // hang() is now in flight in the child
        child.kill("SIGKILL");
        await assert.rejects(pending, RpcConnectionError);
        assert.ok((await disconnected) instanceof RpcConnectionError);
        assert.equal(worker.connected, false);
        await assert.rejects(client.connect(address, "worker"), RpcConnectionError);
        await client.stop();
    }
    finally {
        child.kill("SIGKILL");
    }
});
test("an oversized call closes the caller's connection, which the caller notices", { timeout: 5_000 }, async () => {
    const logger = new RecordingLogger();
    const server = await TcpRpcService.start({ maxFrameBytes: 4096, logger });
    const client = await TcpRpcService.start({ logger });
    server.serve("calc", new Calculator());
    const gw = await client.connect(server.address, "calc");
    const lost = nextDisconnect((listener) => gw.onDisconnect(listener));
    await assert.rejects(gw.gateway.echo("y".repeat(10_000)), RpcConnectionError);
    await lost;
    assert.equal(logger.lines.filter((line) => /exceeds the maximum frame size/.test(line)).length, 1);
    const again = await client.connect(server.address, "calc");
    assert.equal(await again.gateway.add(1, 1), 2);
    await client.stop();
    await server.stop();
});
test("a result too large to send comes back as an error; the connection stays", { timeout: 5_000 }, async () => {
    const server = await TcpRpcService.start({ maxFrameBytes: 4096 });
    const client = await TcpRpcService.start();
    server.serve("calc", new Calculator());
    const gw = await client.connect(server.address, "calc");
    await assert.rejects(gw.gateway.big(10_000), /result of calc\.big could not be sent: .*maximum frame size/);
    assert.equal(await gw.gateway.add(1, 1), 2);
    assert.equal(gw.connected, true);
    await client.stop();
    await server.stop();
});
test("a stopped service refuses connections and new endpoints", { timeout: 5_000 }, async () => {
    const server = await TcpRpcService.start();
    const client = await TcpRpcService.start();
    server.serve("calc", new Calculator());
    await server.stop();
    await assert.rejects(client.connect(server.address, "calc"), RpcConnectionError);
    assert.throws(() => server.serve("other", new Calculator()), RpcConnectionError);
    await client.stop();
});
test("addresses are parsed strictly", () => {
    assert.deepEqual(parseTcpAddress("tcp://127.0.0.1:6123"), { host: "127.0.0.1", port: 6123 });
    assert.deepEqual(parseTcpAddress("tcp://[::1]:80"), { host: "::1", port: 80 });
    assert.deepEqual(parseTcpAddress("tcp://jobmanager:6123"), { host: "jobmanager", port: 6123 });
    for (const bad of ["local://x", "tcp://host", "tcp://host:0", "tcp://host:70000", "host:1"]) {
        assert.throws(() => parseTcpAddress(bad), RpcConnectionError, bad);
    }
});
//# sourceMappingURL=tcp-rpc.test.js.map