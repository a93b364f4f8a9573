import type { AuthMessage, ClientHandshakeMessage, ClientHello, ServerHandshakeMessage, ServerHello, ReadyMessage, AuthFailedMessage } from "./messages.js";
export declare const NONCE_BYTES = 32;
export type Role = "client" | "server";
export declare function newNonce(): Buffer;
export declare function computeProof(secret: string, clientNonce: Uint8Array, serverNonce: Uint8Array, role: Role): Buffer;
/** Constant-time check; a proof of the wrong length is simply wrong (timingSafeEqual would throw). */
export declare function verifyProof(secret: string, clientNonce: Uint8Array, serverNonce: Uint8Array, role: Role, proof: Uint8Array): boolean;
/** Nonces must be exactly NONCE_BYTES long: a short or empty nonce would weaken the challenge. */
export declare function isValidNonce(nonce: Uint8Array | null): nonce is Uint8Array;
/** The client's side of the handshake as a small state machine, kept apart from socket handling. */
export declare class ClientHandshake {
    private readonly secret;
    private readonly peer;
    readonly hello: ClientHello;
    private state;
    constructor(secret: string | undefined, peer: string);
    /**
     * Consumes one server message. Returns what to send back (if anything) and whether the connection is
     * ready for calls. Throws RpcAuthenticationError when the peers do not share the secret.
     */
    receive(message: ServerHandshakeMessage): {
        reply?: AuthMessage;
        ready: boolean;
    };
}
/** The server's side: answers the hello, checks the client's proof, refuses a client without the secret. */
export declare class ServerHandshake {
    private readonly secret;
    private state;
    private clientNonce;
    private serverNonce;
    constructor(secret: string | undefined);
    /** `refused` means: send the reply (an auth-failed message), then close the connection. */
    receive(message: ClientHandshakeMessage): {
        reply: ServerHello | ReadyMessage | AuthFailedMessage;
        ready: boolean;
        refused: boolean;
    };
}
