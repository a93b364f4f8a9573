/**
 * The listening side of a TcpRpcService: accepts connections, runs the handshake, then hands calls to
 * the service's endpoint table and sends back results or errors. A misbehaving client (garbage,
 * oversized frames, wrong secret, TLS failures) loses its own connection and nothing else.
 */
import { createServer as createNetServer } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { RpcConnectionError, RpcEndpointNotFoundError } from "../interface.js";
import { serializeError } from "../remote-error.js";
import { FramedSocket } from "./framed-socket.js";
import { ServerHandshake } from "./handshake.js";
import { parseClientHandshake, parseRequest } from "./messages.js";
import { serverTlsOptions } from "./tls-options.js";
export class RpcServer {
    server;
    options;
    connections = new Set();
    constructor(server, options) {
        this.server = server;
        this.options = options;
    }
    static listen(options) {
        const server = options.tls
            ? createTlsServer(serverTlsOptions(options.tls))
            : createNetServer();
        const rpcServer = new RpcServer(server, options);
        server.on(options.tls ? "secureConnection" : "connection", (socket) => rpcServer.accept(socket));
        if (options.tls) {
            // Failed TLS handshakes (plaintext clients, untrusted certificates) never reach accept().
            server.on("tlsClientError", (error, socket) => {
                const reason = error.code === "ERR_SSL_WRONG_VERSION_NUMBER" ? "not TLS (a plaintext client?)" : error.code ?? error.message.trim();
                options.log.warn(`rpc: refused TLS connection from ${remote(socket)}: ${reason}`);
            });
        }
        return new Promise((resolve, reject) => {
            const failed = (error) => reject(new Error(`RPC service cannot listen on ${options.host}:${options.port}: ${error.message}`, { cause: error }));
            server.once("error", failed);
            server.listen(options.port, options.host, () => {
                server.off("error", failed);
                resolve(rpcServer);
            });
        });
    }
    get port() {
        return this.server.address().port;
    }
    /** Client connections currently open (including those still in the handshake). */
    get connectionCount() {
        return this.connections.size;
    }
    /** Stops listening and drops every client connection. */
    close() {
        const cause = new RpcConnectionError("RPC service stopped");
        for (const connection of [...this.connections])
            connection.close(cause);
        return new Promise((resolve) => this.server.close(() => resolve()));
    }
    accept(socket) {
        const { log } = this.options;
        const framed = new FramedSocket(socket, {
            maxFrameBytes: this.options.maxFrameBytes,
            log,
            label: `client ${remote(socket)}`,
        });
        const handshakeTimer = setTimeout(() => {
            log.warn(`rpc: closing connection from ${remote(socket)}: no handshake within ${this.options.handshakeTimeoutMs} ms`);
            framed.close(new RpcConnectionError("handshake timed out"));
        }, this.options.handshakeTimeoutMs);
        this.connections.add(framed);
        framed.onClose(() => {
            this.connections.delete(framed);
            clearTimeout(handshakeTimer);
        });
        const handshake = new ServerHandshake(this.options.secret);
        let ready = false;
        framed.onMessage((raw) => {
            if (ready) {
                this.handleRequest(framed, raw);
                return;
            }
            const step = handshake.receive(parseClientHandshake(raw));
            if (step.refused) {
                log.warn(`rpc: refused connection from ${remote(socket)}: authentication failed`);
                framed.sendAndClose(step.reply, new RpcConnectionError("authentication failed"));
                return;
            }
            framed.send(step.reply);
            if (step.ready) {
                ready = true;
                clearTimeout(handshakeTimer);
            }
        });
    }
    handleRequest(framed, raw) {
        const request = parseRequest(raw);
        if (request.t === "probe") {
            if (this.options.endpoints.has(request.ep)) {
                reply(framed, { t: "ok", id: request.id, v: null });
            }
            else {
                const error = new RpcEndpointNotFoundError(`no endpoint "${request.ep}" at ${this.ownAddress()}`);
                reply(framed, { t: "err", id: request.id, e: serializeError(error) });
            }
            return;
        }
        // Invoked synchronously, so one client's calls start in the order they were sent.
        this.options.endpoints.invoke(request.ep, request.m, request.a, request.tok).then((value) => sendResult(framed, request, value), (error) => reply(framed, { t: "err", id: request.id, e: serializeError(error) }));
    }
    ownAddress() {
        return `tcp://${this.options.host}:${this.port}`;
    }
}
function sendResult(framed, request, value) {
    try {
        if (!framed.closed)
            framed.send({ t: "ok", id: request.id, v: value });
    }
    catch (error) {
        // The result could not be encoded (too large, unserializable): the caller still gets an answer.
        const reason = error instanceof Error ? error.message : String(error);
        const failure = new TypeError(`result of ${request.ep}.${request.m} could not be sent: ${reason}`);
        reply(framed, { t: "err", id: request.id, e: serializeError(failure) });
    }
}
/** Answers unless the client is already gone (its calls then have nowhere to go). */
function reply(framed, message) {
    if (framed.closed)
        return;
    try {
        framed.send(message);
    }
    catch {
        // Only an undeliverable error message can land here; there is nobody left to tell.
    }
}
function remote(socket) {
    return `${socket.remoteAddress ?? "?"}:${socket.remotePort ?? "?"}`;
}
//# sourceMappingURL=rpc-server.js.map