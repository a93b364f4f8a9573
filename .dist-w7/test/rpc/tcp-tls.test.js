/** TLS with a throwaway CA generated for this run: mutual TLS works, everything else is refused. */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { after, before, test } from "node:test";
import { RpcConnectionError, TcpRpcService, parseTcpAddress, } from "../../src/cluster/rpc/index.js";
import { Calculator, RecordingLogger } from "./helpers.js";
let dir;
let trusted; // signed by the cluster CA
let rogue; // a valid certificate from a different CA
function openssl(...args) {
    execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
}
/** A CA, and a certificate it signs for 127.0.0.1 usable as both TLS server and client. */
function makePki(prefix) {
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    openssl("req", "-x509", ...ec, "-keyout", `${prefix}-ca.key`, "-out", `${prefix}-ca.pem`, "-days", "1", "-subj", `/CN=${prefix} test CA`);
    openssl("req", ...ec, "-keyout", `${prefix}.key`, "-out", `${prefix}.csr`, "-subj", "/CN=localhost");
    writeFileSync(join(dir, `${prefix}.ext`), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
    openssl("x509", "-req", "-in", `${prefix}.csr`, "-CA", `${prefix}-ca.pem`, "-CAkey", `${prefix}-ca.key`, "-CAcreateserial", "-out", `${prefix}.pem`, "-days", "1", "-extfile", `${prefix}.ext`);
    const read = (name) => readFileSync(join(dir, name), "utf8");
    return { cert: read(`${prefix}.pem`), key: read(`${prefix}.key`), ca: read(`${prefix}-ca.pem`) };
}
before(() => {
    dir = mkdtempSync(join(tmpdir(), "sluice-rpc-tls-"));
    trusted = makePki("cluster");
    rogue = makePki("rogue");
});
after(() => rmSync(dir, { recursive: true, force: true }));
async function tlsServer() {
    const logger = new RecordingLogger();
    const server = await TcpRpcService.start({ tls: trusted, logger });
    const impl = new Calculator();
    server.serve("calc", impl);
    return { server, impl, logger };
}
test("mutual TLS between two services of the same CA", { timeout: 5_000 }, async () => {
    const { server } = await tlsServer();
    const client = await TcpRpcService.start({ tls: trusted });
    const gw = await client.connect(server.address, "calc");
    assert.equal(await gw.gateway.add(1, 2), 3);
    await assert.rejects(gw.gateway.failWith("range", "over TLS"), RangeError);
    await client.stop();
    await server.stop();
});
test("TLS and a shared secret together", { timeout: 5_000 }, async () => {
    const server = await TcpRpcService.start({ tls: trusted, secret: "s3cret" });
    server.serve("calc", new Calculator());
    const client = await TcpRpcService.start({ tls: trusted, secret: "s3cret" });
    const gw = await client.connect(server.address, "calc");
    assert.equal(await gw.gateway.add(2, 2), 4);
    const wrong = await TcpRpcService.start({ tls: trusted, secret: "other" });
    await assert.rejects(wrong.connect(server.address, "calc"), /authentication failed/);
    await Promise.all([client.stop(), wrong.stop(), server.stop()]);
});
test("a plaintext client is refused by a TLS server, which keeps serving", { timeout: 5_000 }, async () => {
    const { server, impl } = await tlsServer();
    const plain = await TcpRpcService.start({ logger: new RecordingLogger() });
    await assert.rejects(plain.connect(server.address, "calc"), (error) => {
        assert.ok(error instanceof RpcConnectionError);
        assert.match(error.message, /TLS/);
        return true;
    });
    assert.equal(impl.invocations, 0);
    const client = await TcpRpcService.start({ tls: trusted });
    const gw = await client.connect(server.address, "calc");
    assert.equal(await gw.gateway.add(3, 4), 7);
    await Promise.all([plain.stop(), client.stop(), server.stop()]);
});
test("a client whose certificate another CA signed is refused", { timeout: 5_000 }, async () => {
    const { server, impl } = await tlsServer();
    // Trusts the server, but presents a certificate the server's CA did not sign.
    const stranger = await TcpRpcService.start({ tls: { ...rogue, ca: trusted.ca } });
    await assert.rejects((async () => {
        const gw = await stranger.connect(server.address, "calc");
        await gw.gateway.add(1, 1); // with TLS 1.3 the refusal may arrive just after the handshake
    })(), RpcConnectionError);
    assert.equal(impl.invocations, 0);
    await Promise.all([stranger.stop(), server.stop()]);
});
test("a TLS client without a certificate is refused when client certificates are required", { timeout: 5_000 }, async () => {
    const { server, logger } = await tlsServer();
    const { host, port } = parseTcpAddress(server.address);
    const socket = tlsConnect({ host, port, ca: trusted.ca });
    socket.on("error", () => { }); // the refusal may surface as an alert or a reset
    socket.resume();
    await new Promise((resolve) => socket.once("close", () => resolve()));
    assert.ok(logger.lines.some((line) => /refused TLS connection/.test(line)), JSON.stringify(logger.lines));
    await server.stop();
});
test("a client that does not trust the server's CA refuses it", { timeout: 5_000 }, async () => {
    const { server } = await tlsServer();
    const suspicious = await TcpRpcService.start({ tls: rogue });
    await assert.rejects(suspicious.connect(server.address, "calc"), /certificate/);
    await Promise.all([suspicious.stop(), server.stop()]);
});
test("a TLS client to a plaintext server fails clearly, and the server says why", { timeout: 5_000 }, async () => {
    const logger = new RecordingLogger();
    const server = await TcpRpcService.start({ logger });
    server.serve("calc", new Calculator());
    const client = await TcpRpcService.start({ tls: trusted });
    await assert.rejects(client.connect(server.address, "calc"), RpcConnectionError);
    assert.ok(logger.lines.some((line) => /peer speaks TLS/.test(line)), JSON.stringify(logger.lines));
    await Promise.all([client.stop(), server.stop()]);
});
//# sourceMappingURL=tcp-tls.test.js.map