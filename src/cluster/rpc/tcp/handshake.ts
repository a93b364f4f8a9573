/**
 * Mutual challenge–response authentication with a shared secret. Each side sends a fresh random nonce;
 * each proves it knows the secret with HMAC-SHA256(secret, clientNonce ‖ serverNonce ‖ role). The secret
 * never crosses the wire; the role label keeps one side's proof from being replayed as the other's, and
 * the fresh nonces keep a recorded proof from being replayed on a new connection.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { RpcAuthenticationError } from "../interface.js";
import { FrameError } from "./frame-codec.js";
import type {
  AuthMessage,
  ClientHandshakeMessage,
  ClientHello,
  ServerHandshakeMessage,
  ServerHello,
  ReadyMessage,
  AuthFailedMessage,
} from "./messages.js";

export const NONCE_BYTES = 32;
export type Role = "client" | "server";

export function newNonce(): Buffer {
  return randomBytes(NONCE_BYTES);
}

export function computeProof(secret: string, clientNonce: Uint8Array, serverNonce: Uint8Array, role: Role): Buffer {
  return createHmac("sha256", secret).update(clientNonce).update(serverNonce).update(role).digest();
}

/** Constant-time check; a proof of the wrong length is simply wrong (timingSafeEqual would throw). */
export function verifyProof(
  secret: string,
  clientNonce: Uint8Array,
  serverNonce: Uint8Array,
  role: Role,
  proof: Uint8Array,
): boolean {
  const expected = computeProof(secret, clientNonce, serverNonce, role);
  return proof.length === expected.length && timingSafeEqual(expected, proof);
}

/** Nonces must be exactly NONCE_BYTES long: a short or empty nonce would weaken the challenge. */
export function isValidNonce(nonce: Uint8Array | null): nonce is Uint8Array {
  return nonce !== null && nonce.length === NONCE_BYTES;
}

/** The client's side of the handshake as a small state machine, kept apart from socket handling. */
export class ClientHandshake {
  readonly hello: ClientHello;
  private state: "await-hello" | "await-ready" | "done" = "await-hello";

  constructor(
    private readonly secret: string | undefined,
    private readonly peer: string,
  ) {
    this.hello = { t: "hello", nonce: secret === undefined ? null : newNonce() };
  }

  /**
   * Consumes one server message. Returns what to send back (if anything) and whether the connection is
   * ready for calls. Throws RpcAuthenticationError when the peers do not share the secret.
   */
  receive(message: ServerHandshakeMessage): { reply?: AuthMessage; ready: boolean } {
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
        throw new RpcAuthenticationError(
          `authentication failed: ${this.peer} does not authenticate (it has no secret) but this service has one`,
        );
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
  private state: "await-hello" | "await-auth" | "done" = "await-hello";
  private clientNonce: Uint8Array | undefined;
  private serverNonce: Uint8Array | undefined;

  constructor(private readonly secret: string | undefined) {}

  /** `refused` means: send the reply (an auth-failed message), then close the connection. */
  receive(message: ClientHandshakeMessage): {
    reply: ServerHello | ReadyMessage | AuthFailedMessage;
    ready: boolean;
    refused: boolean;
  } {
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
      if (!verifyProof(this.secret, this.clientNonce!, this.serverNonce!, "client", message.proof)) {
        return refuse("wrong secret");
      }
      this.state = "done";
      return { reply: { t: "ready" }, ready: true, refused: false };
    }
    throw new FrameError(`unexpected handshake message "${message.t}"`);
  }
}

function refuse(reason: string): { reply: AuthFailedMessage; ready: false; refused: true } {
  return { reply: { t: "auth-failed", reason }, ready: false, refused: true };
}
