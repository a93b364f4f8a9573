/** The shared-secret handshake: the right secret gets in, anything else is refused before any call. */
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, connect } from "node:net";
import { test } from "node:test";
import { RpcAuthenticationError, RpcConnectionError, TcpRpcService, connectWithRetry, parseTcpAddress, } from "../../src/cluster/rpc/index.js";
import { PROTOCOL_VERSION, createPackr } from "../../src/cluster/rpc/tcp/frame-codec.js";
import { Calculator, RecordingLogger } from "./helpers.js";
const SECRET = "correct horse battery staple";
async function servedWithSecret(secret) {
    const logger = new RecordingLogger();
    const server = await TcpRpcService.start({ secret, logger });
    const impl = new Calculator();
    server.serve("calc", impl);
    return { server, impl, logger };
}
/** A TCP relay that records every byte in both directions, to look at what crosses the wire. */
async function recordingProxy(target) {
    const { host, port } = parseTcpAddress(target);
    const seen = [];
    const sockets = new Set();
    const proxy = createServer((inbound) => {
        const outbound = connect({ host, port });
        sockets.add(inbound).add(outbound);
        inbound.on("data", (chunk) => (seen.push(chunk), outbound.write(chunk)));
        outbound.on("data", (chunk) => (seen.push(chunk), inbound.write(chunk)));
        inbound.on("close", () => outbound.destroy());
        outbound.on("close", () => inbound.destroy());
        inbound.on("error", () => { });
        outbound.on("error", () => { });
    });
    proxy.listen(0, "127.0.0.1");
    await once(proxy, "listening");
    return {
        address: `tcp://127.0.0.1:${proxy.address().port}`,
        bytes: () => Buffer.concat(seen),
        close: () => new Promise((resolve) => {
            for (const socket of sockets)
                socket.destroy();
            proxy.close(() => resolve());
        }),
    };
}
test("peers with the same secret authenticate and call; the secret never crosses the wire", { timeout: 5_000 }, async () => {
    const { server, impl } = await servedWithSecret(SECRET);
    const client = await TcpRpcService.start({ secret: SECRET });
    const proxy = await recordingProxy(server.address);
    const gw = await client.connect(proxy.address, "calc");
    assert.equal(await gw.gateway.add(20, 22), 42);
    assert.equal(impl.invocations, 1);
    assert.ok(proxy.bytes().length > 0);
    assert.equal(proxy.bytes().indexOf(Buffer.from(SECRET)), -1, "the secret was sent in the clear");
    await client.stop();
    await proxy.close();
    await server.stop();
});
test("a client with the wrong secret is refused and reaches no endpoint", { timeout: 5_000 }, async () => {
    const { server, impl } = await servedWithSecret(SECRET);
    const client = await TcpRpcService.start({ secret: "wrong secret" });
    await assert.rejects(client.connect(server.address, "calc"), (error) => {
        assert.ok(error instanceof RpcAuthenticationError);
        assert.ok(error instanceof RpcConnectionError, "an authentication error is a connection error");
        assert.match(error.message, /authentication failed/);
        return true;
    });
    assert.equal(impl.invocations, 0);
    assert.equal(client.stats.outboundConnections, 0);
    await client.stop();
    await server.stop();
});
test("a client without a secret is refused by a server that has one", { timeout: 5_000 }, async () => {
    const { server, impl, logger } = await servedWithSecret(SECRET);
    const client = await TcpRpcService.start();
    await assert.rejects(client.connect(server.address, "calc"), /authentication failed: .*requires a shared secret/);
    assert.equal(impl.invocations, 0);
    assert.ok(logger.lines.some((line) => /refused connection .*authentication failed/.test(line)));
    await client.stop();
    await server.stop();
});
test("a client with a secret refuses a server without one", { timeout: 5_000 }, async () => {
    const { server, impl } = await servedWithSecret(undefined);
    const client = await TcpRpcService.start({ secret: SECRET });
    await assert.rejects(client.connect(server.address, "calc"), /authentication failed: .*has no secret/);
    assert.equal(impl.invocations, 0);
    await client.stop();
    await server.stop();
});
test("a raw call frame sent without the handshake reaches no endpoint", { timeout: 5_000 }, async () => {
    const { server, impl, logger } = await servedWithSecret(SECRET);
    const { host, port } = parseTcpAddress(server.address);
    const socket = connect({ host, port });
    socket.on("error", () => { });
    socket.resume();
    const closed = new Promise((resolve) => socket.once("close", () => resolve()));
    const body = createPackr().pack({ t: "call", id: 1, ep: "calc", m: "add", a: [1, 2] });
    const header = Buffer.alloc(5);
    header.writeUInt32BE(body.length + 1, 0);
    header.writeUInt8(PROTOCOL_VERSION, 4);
    socket.write(Buffer.concat([header, body]));
    await closed;
    assert.equal(impl.invocations, 0);
    assert.equal(logger.lines.length, 1);
    await server.stop();
});
test("connectWithRetry does not retry a failed authentication", { timeout: 5_000 }, async () => {
    const { server } = await servedWithSecret(SECRET);
    const client = await TcpRpcService.start({ secret: "wrong" });
    let sleeps = 0;
    await assert.rejects(connectWithRetry(client, server.address, "calc", {}, { attempts: 5, sleep: async () => void sleeps++ }), RpcAuthenticationError);
    assert.equal(sleeps, 0);
    await client.stop();
    await server.stop();
});
test("an empty secret is rejected at start", { timeout: 5_000 }, async () => {
    await assert.rejects(TcpRpcService.start({ secret: "" }), /empty RPC secret/);
});
//# sourceMappingURL=tcp-auth.test.js.map