/**
 * Errors cross the wire as plain data and are rebuilt on the caller's side. The in-process transport
 * goes through the same two functions so that a caller sees exactly what it would see over TCP:
 * the remote name, message and stack, plus a line that says where the error came from.
 */
import {
  FencingTokenMismatchError,
  RpcAuthenticationError,
  RpcConnectionError,
  RpcEndpointNotFoundError,
  RpcMethodNotFoundError,
  RpcTimeoutError,
} from "./interface.js";
import { errorClassNamed } from "../../errors/sluice-error.js";

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Node-style error codes (ENOENT, …) are worth keeping: callers branch on them. */
  code?: string | number;
}

type ErrorConstructor = new (message: string) => Error;

/** Errors rebuilt as their own class, so that `instanceof` works on the caller's side. */
const KNOWN_ERRORS: ReadonlyMap<string, ErrorConstructor> = new Map<string, ErrorConstructor>([
  ["Error", Error],
  ["TypeError", TypeError],
  ["RangeError", RangeError],
  ["SyntaxError", SyntaxError],
  ["ReferenceError", ReferenceError],
  ["EvalError", EvalError],
  ["URIError", URIError],
  ["RpcTimeoutError", RpcTimeoutError],
  ["FencingTokenMismatchError", FencingTokenMismatchError],
  ["RpcConnectionError", RpcConnectionError],
  ["RpcAuthenticationError", RpcAuthenticationError],
  ["RpcEndpointNotFoundError", RpcEndpointNotFoundError],
  ["RpcMethodNotFoundError", RpcMethodNotFoundError],
]);

export function serializeError(thrown: unknown): SerializedError {
  if (thrown instanceof Error) {
    const out: SerializedError = { name: thrown.name, message: thrown.message };
    if (typeof thrown.stack === "string") out.stack = thrown.stack;
    const code = (thrown as { code?: unknown }).code;
    if (typeof code === "string" || typeof code === "number") out.code = code;
    return out;
  }
  // A thrown non-Error (string, object) still deserves a readable message on the other side.
  let message: string;
  try {
    message = typeof thrown === "string" ? thrown : JSON.stringify(thrown) ?? String(thrown);
  } catch {
    message = String(thrown);
  }
  return { name: "Error", message };
}

/** True for plain data that looks like a SerializedError (used to validate decoded frames). */
export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.name === "string" &&
    typeof v.message === "string" &&
    (v.stack === undefined || typeof v.stack === "string")
  );
}

/**
 * Rebuilds an error thrown at `where` (e.g. `tcp://10.0.0.2:6123 jobmaster.offerSlots`). The stack is
 * the remote one followed by a marker frame, so a log reader sees at once that it happened remotely.
 */
export function deserializeError(data: SerializedError, where: string): Error {
  const Ctor = KNOWN_ERRORS.get(data.name) ?? errorClassNamed(data.name);
  const error = Ctor ? new Ctor(data.message) : new Error(data.message);
  if (error.name !== data.name) {
    // Class fields like `override name = …` are own properties; redefine rather than assign.
    Object.defineProperty(error, "name", { value: data.name, writable: true, configurable: true });
  }
  const remoteStack = data.stack ?? `${data.name}: ${data.message}`;
  error.stack = `${remoteStack}\n    at <remote> ${where}`;
  if (data.code !== undefined) (error as { code?: string | number }).code = data.code;
  return error;
}
