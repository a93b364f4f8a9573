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
import { isSerializedError, type SerializedError } from "../../../errors/serialized-error.js";
import { FrameError } from "./frame-codec.js";

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

type Fields = Record<string, unknown>;

function asFields(value: unknown): Fields {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FrameError("frame is not a protocol message");
  }
  return value as Fields;
}

const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const isBytesOrNull = (v: unknown): v is Uint8Array | null => v === null || isBytes(v);

function bad(expected: string, value: Fields): never {
  throw new FrameError(`expected ${expected}, got message type ${JSON.stringify(String(value.t))}`);
}

export function parseClientHandshake(value: unknown): ClientHandshakeMessage {
  const m = asFields(value);
  if (m.t === "hello" && isBytesOrNull(m.nonce)) return { t: "hello", nonce: m.nonce };
  if (m.t === "auth" && isBytes(m.proof)) return { t: "auth", proof: m.proof };
  return bad("hello or auth", m);
}

export function parseServerHandshake(value: unknown): ServerHandshakeMessage {
  const m = asFields(value);
  if (m.t === "hello" && isBytesOrNull(m.nonce) && isBytesOrNull(m.proof)) {
    return { t: "hello", nonce: m.nonce, proof: m.proof };
  }
  if (m.t === "ready") return { t: "ready" };
  if (m.t === "auth-failed" && typeof m.reason === "string") return { t: "auth-failed", reason: m.reason };
  return bad("hello, ready or auth-failed", m);
}

export function parseRequest(value: unknown): RequestMessage {
  const m = asFields(value);
  if (m.t === "call" && isId(m.id) && typeof m.ep === "string" && typeof m.m === "string" && Array.isArray(m.a)) {
    if (m.tok !== undefined && typeof m.tok !== "string") bad("call with a string token", m);
    return { t: "call", id: m.id, ep: m.ep, m: m.m, a: m.a, tok: m.tok };
  }
  if (m.t === "probe" && isId(m.id) && typeof m.ep === "string") return { t: "probe", id: m.id, ep: m.ep };
  return bad("call or probe", m);
}

export function parseResponse(value: unknown): ResponseMessage {
  const m = asFields(value);
  if (m.t === "ok" && isId(m.id)) return { t: "ok", id: m.id, v: m.v };
  if (m.t === "err" && isId(m.id) && isSerializedError(m.e)) return { t: "err", id: m.id, e: m.e };
  return bad("ok or err", m);
}
