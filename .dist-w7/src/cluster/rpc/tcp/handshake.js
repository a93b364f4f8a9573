/**
 * Mutual challenge–response authentication with a shared secret. Each side sends a fresh random nonce;
 * each proves it knows the secret with HMAC-SHA256(secret, clientNonce ‖ serverNonce ‖ role). The secret
 * never crosses the wire; the role label keeps one side's proof from being replayed as the other's, and
 * the fresh nonces keep a recorded proof from being replayed on a new connection.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { RpcAuthenticationError } from "../interface.js";
import { FrameError } from "./frame-codec.js";
export const NONCE_BYTES = 32;
export function newNonce() {
    return randomBytes(NONCE_BYTES);
}
export function computeProof(secret, clientNonce, serverNonce, role) {
    return createHmac("sha256", secret).update(clientNonce).update(serverNonce).update(role).digest();
}
/** Constant-time check; a proof of the wrong length is simply wrong (timingSafeEqual would throw). */
export function verifyProof(secret, clientNonce, serverNonce, role, proof) {
    const expected = computeProof(secret, clientNonce, serverNonce, role);
    return proof.length === expected.length && timingSafeEqual(expected, proof);
}
/** Nonces must be exactly NONCE_BYTES long: a short or empty nonce would weaken the challenge. */
export function isValidNonce(nonce) {
    return nonce !== null && nonce.length === NONCE_BYTES;
}
/** The client's side of the handshake as a small state machine, kept apart from socket handling. */
export class ClientHandshake {
    secret;
    peer;
    hello;
    state = "await-hello";
    constructor(secret, peer) {
        this.secret = secret;
        this.peer = peer;
        this.hello = { t: "hello", nonce: secret === undefined ? null : newNonce() };
    }
    /**
     * Consumes one server message. Returns what to send back (if anything) and whether the connection is
     * ready for calls. Throws RpcAuthenticationError when the peers do not share the secret.
     */
    receive(message) {
        if (message.t === "auth-failed") {
            throw new RpcAuthenticationError(`authentication failed: ${this.peer} refused this service: ${message.reason}`);
        }
        if (this.state === "await-hello" && message.t === "hello") {
            const clientNonce = this.hello.nonce;
            if (this.secret === undefined || clientNonce === null) {
                this.state = "done";
                return { ready: true };
            }
            if (!isValidNonce(message.nonce) || message.proof === null) {
                throw new RpcAuthenticationError(`authentication failed: ${this.peer} does not authenticate (it has no secret) but this service has one`);
            }
            if (!verifyProof(this.secret, clientNonce, message.nonce, "server", message.proof)) {
                throw new RpcAuthenticationError(`authentication failed: ${this.peer} does not know this service's secret`);
            }
            this.state = "await-ready";
            return { reply: { t: "auth", proof: computeProof(this.secret, clientNonce, message.nonce, "client") }, ready: false };
        }
        if (this.state === "await-ready" && message.t === "ready") {
            this.state = "done";
            return { ready: true };
        }
        throw new FrameError(`unexpected handshake message "${message.t}"`);
    }
}
/** The server's side: answers the hello, checks the client's proof, refuses a client without the secret. */
export class ServerHandshake {
    secret;
    state = "await-hello";
    clientNonce;
    serverNonce;
    constructor(secret) {
        this.secret = secret;
    }
    /** `refused` means: send the reply (an auth-failed message), then close the connection. */
    receive(message) {
        if (this.state === "await-hello" && message.t === "hello") {
            if (this.secret === undefined) {
                this.state = "done";
                return { reply: { t: "hello", nonce: null, proof: null }, ready: true, refused: false };
            }
            if (!isValidNonce(message.nonce)) {
                return refuse("this service requires a shared secret and the client has none");
            }
            this.clientNonce = message.nonce;
            this.serverNonce = newNonce();
            this.state = "await-auth";
            const proof = computeProof(this.secret, this.clientNonce, this.serverNonce, "server");
            return { reply: { t: "hello", nonce: this.serverNonce, proof }, ready: false, refused: false };
        }
        if (this.state === "await-auth" && message.t === "auth" && this.secret !== undefined) {
            if (!verifyProof(this.secret, this.clientNonce, this.serverNonce, "client", message.proof)) {
                return refuse("wrong secret");
            }
            this.state = "done";
            return { reply: { t: "ready" }, ready: true, refused: false };
        }
        throw new FrameError(`unexpected handshake message "${message.t}"`);
    }
}
function refuse(reason) {
    return { reply: { t: "auth-failed", reason }, ready: false, refused: true };
}
//# sourceMappingURL=handshake.js.map