/**
 * State files with a checksum: a SHA-256 of the payload (v8.serialize of the value, which keeps
 * Maps, Sets, Dates, typed arrays and bigints), then the payload, so that damage is detected on
 * restore. Task state files and the state changelog's shared files are written this way.
 */
import { serialize, deserialize } from "node:v8";
import { createHash } from "node:crypto";
import { fileSystemFor } from "../../fs/file-systems.js";
import { registerErrorClass, SluiceError } from "../../errors/sluice-error.js";

const DIGEST_BYTES = 32;

/** A state file cannot be read back: the checkpoint it belongs to must not be restored again. */
export class CorruptStateError extends SluiceError {}
registerErrorClass(CorruptStateError);

/** Bytes hashed and copied between two yields of encodeCheckedFileInSlices (a few ms each). */
const ENCODE_SLICE_BYTES = 4 * 1024 * 1024;

export function encodeCheckedFile(value: unknown): Uint8Array {
  const steps = encodeSteps(value);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The same bytes as encodeCheckedFile, hashing and copying a large file in slices with turns of
 * the event loop between them, so that the task keeps processing meanwhile. The serializer call
 * that builds the payload is one step.
 */
export async function encodeCheckedFileInSlices(value: unknown): Promise<Uint8Array> {
  const steps = encodeSteps(value);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function* encodeSteps(value: unknown): Generator<void, Uint8Array, undefined> {
  const payload = serialize(value);
  const hash = createHash("sha256");
  const out = Buffer.allocUnsafe(DIGEST_BYTES + payload.length);
  for (let at = 0; at < payload.length; at += ENCODE_SLICE_BYTES) {
    if (at > 0) yield;
    const part = payload.subarray(at, at + ENCODE_SLICE_BYTES);
    hash.update(part);
    out.set(part, DIGEST_BYTES + at);
  }
  hash.digest().copy(out, 0);
  return out;
}

/** Checks and decodes the bytes of a file written by encodeCheckedFile; `valid` checks the shape, `uri` names the file in errors. */
export function decodeCheckedFile<T>(bytes: Buffer, uri: string, valid: (value: unknown) => boolean, what: string): T {
  const payload = bytes.subarray(DIGEST_BYTES);
  if (bytes.length < DIGEST_BYTES || !createHash("sha256").update(payload).digest().equals(bytes.subarray(0, DIGEST_BYTES))) {
    throw new CorruptStateError(`state file ${uri} is corrupt: its checksum does not match`);
  }
  try {
    const value = deserialize(payload) as unknown;
    if (!valid(value)) throw new Error(`not ${what}`);
    return value as T;
  } catch (e) {
    throw new CorruptStateError(`state file ${uri} is corrupt: ${(e as Error).message}`);
  }
}

/** Reads a file written by encodeCheckedFile from its file system (docs/architecture.md, "File systems"). */
export async function readCheckedFile<T>(uri: string, valid: (value: unknown) => boolean, what: string): Promise<T> {
  let bytes: Buffer;
  try {
    bytes = await fileSystemFor(uri).read(uri);
  } catch (e) {
    throw new CorruptStateError(`cannot read state file ${uri}: ${(e as Error).message}`, { cause: e });
  }
  return decodeCheckedFile<T>(bytes, uri, valid, what);
}
