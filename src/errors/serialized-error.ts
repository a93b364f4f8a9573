/**
 * Errors as plain data, for every boundary an error crosses: RPC between processes, the in-process
 * RPC transport, and the message port between a slot's worker thread and its TaskExecutor
 * (docs/architecture.md, "Failures"). One encoding and one pair of functions for all of them, so a
 * caller sees the same error whichever way it travelled: its registered class (`instanceof` works),
 * message, `code`, other primitive fields, its `cause` chain, and a stack that says where it was thrown.
 */
import { errorClassNamed } from "./sluice-error.js";

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Node-style error codes (ENOENT, …) are worth keeping: callers branch on them. */
  code?: string | number;
  /** The error's other own primitive fields (e.g. a ZooKeeperError's operation and path). */
  details?: Record<string, string | number | boolean>;
  cause?: SerializedError;
}

/** Deeper cause chains are cut (and cycles end) here; the last link says so in its message. */
export const MAX_CAUSE_DEPTH = 8;

const OWN_FIELDS_NOT_DETAILS = new Set(["name", "message", "stack", "code", "cause"]);

export function serializeError(thrown: unknown, depth = 0): SerializedError {
  if (!(thrown instanceof Error)) return { name: "Error", message: describeNonError(thrown) };
  const out: SerializedError = { name: thrown.name, message: thrown.message };
  if (typeof thrown.stack === "string") out.stack = thrown.stack;
  const code = (thrown as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") out.code = code;
  const details = primitiveFields(thrown);
  if (details) out.details = details;
  if (thrown.cause !== undefined) {
    out.cause =
      depth + 1 < MAX_CAUSE_DEPTH
        ? serializeError(thrown.cause, depth + 1)
        : { name: "Error", message: `(further causes omitted after ${MAX_CAUSE_DEPTH})` };
  }
  return out;
}

/** True for plain data that looks like a SerializedError (used to validate decoded frames). */
export function isSerializedError(value: unknown, depth = 0): value is SerializedError {
  if (typeof value !== "object" || value === null || depth > MAX_CAUSE_DEPTH) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.name === "string" &&
    typeof v.message === "string" &&
    (v.stack === undefined || typeof v.stack === "string") &&
    (v.code === undefined || typeof v.code === "string" || typeof v.code === "number") &&
    (v.details === undefined || isPrimitiveRecord(v.details)) &&
    (v.cause === undefined || isSerializedError(v.cause, depth + 1))
  );
}

/**
 * Rebuilds an error thrown at `where` (e.g. `tcp://10.0.0.2:6123 jobmaster.offerSlots`, or
 * `worker slot tm-1#0`) as the class registered under its name, else as a plain Error of that name.
 * The class's constructor is not run (its parameters are its own business); the object is a real
 * Error whose prototype is the class's. The stack is the remote one followed by a marker frame, so
 * a log reader sees at once that it happened elsewhere.
 */
export function deserializeError(data: SerializedError, where: string): Error {
  const Ctor = errorClassNamed(data.name) ?? Error;
  const error = Reflect.construct(Error, [data.message], Ctor) as Error;
  Object.defineProperty(error, "name", { value: data.name, writable: true, configurable: true, enumerable: false });
  for (const [key, value] of Object.entries(data.details ?? {})) {
    // A peer's data, not ours to trust: it must not replace the fields set here or the prototype.
    if (!OWN_FIELDS_NOT_DETAILS.has(key) && key !== "__proto__" && key !== "constructor") (error as unknown as Record<string, unknown>)[key] = value;
  }
  if (data.code !== undefined) (error as { code?: string | number }).code = data.code;
  if (data.cause !== undefined) {
    Object.defineProperty(error, "cause", { value: deserializeError(data.cause, where), writable: true, configurable: true, enumerable: false });
  }
  const remoteStack = data.stack ?? `${data.name}: ${data.message}`;
  error.stack = `${remoteStack}\n    at <remote> ${where}`;
  return error;
}

function describeNonError(thrown: unknown): string {
  // A thrown non-Error (string, object) still deserves a readable message on the other side.
  try {
    return typeof thrown === "string" ? thrown : (JSON.stringify(thrown) ?? String(thrown));
  } catch {
    return String(thrown);
  }
}

function primitiveFields(error: Error): Record<string, string | number | boolean> | undefined {
  let out: Record<string, string | number | boolean> | undefined;
  for (const [key, value] of Object.entries(error)) {
    if (OWN_FIELDS_NOT_DETAILS.has(key)) continue;
    if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) {
      (out ??= {})[key] = value;
    }
  }
  return out;
}

function isPrimitiveRecord(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean");
}
