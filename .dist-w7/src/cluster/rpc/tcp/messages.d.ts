/**
 * The messages of the RPC protocol, and their validation: a decoded frame is untrusted input, so its
 * shape is checked before anything acts on it. A frame that decodes but is not one of these messages
 * is a protocol error like any other.
 *
 * Connection lifecycle:
 *   client → hello {nonce?}            nonce present iff the client has a secret
 *   server → hello {nonce?, proof?}    without secrets on both sides the connection is now ready
 *   client → auth {proof}              (only with secrets) after checking the server's proof
 *   server → ready | auth-failed
 *   then: client → call | probe;  server → ok | err (matched by id)
 */
import { type SerializedError } from "../remote-error.js";
export interface ClientHello {
    t: "hello";
    nonce: Uint8Array | null;
}
export interface ServerHello {
    t: "hello";
    nonce: Uint8Array | null;
    proof: Uint8Array | null;
}
export interface AuthMessage {
    t: "auth";
    proof: Uint8Array;
}
export interface ReadyMessage {
    t: "ready";
}
export interface AuthFailedMessage {
    t: "auth-failed";
    reason: string;
}
export interface CallMessage {
    t: "call";
    id: number;
    ep: string;
    m: string;
    a: unknown[];
    tok?: string;
}
/** Asks whether an endpoint exists, so connect() can fail early for an unknown endpoint. */
export interface ProbeMessage {
    t: "probe";
    id: number;
    ep: string;
}
export interface OkMessage {
    t: "ok";
    id: number;
    v: unknown;
}
export interface ErrMessage {
    t: "err";
    id: number;
    e: SerializedError;
}
export type ClientHandshakeMessage = ClientHello | AuthMessage;
export type ServerHandshakeMessage = ServerHello | ReadyMessage | AuthFailedMessage;
export type RequestMessage = CallMessage | ProbeMessage;
export type ResponseMessage = OkMessage | ErrMessage;
export declare function parseClientHandshake(value: unknown): ClientHandshakeMessage;
export declare function parseServerHandshake(value: unknown): ServerHandshakeMessage;
export declare function parseRequest(value: unknown): RequestMessage;
export declare function parseResponse(value: unknown): ResponseMessage;
