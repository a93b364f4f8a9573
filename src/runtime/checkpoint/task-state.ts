/**
 * What one task writes for a checkpoint, and how it is read back. A task's state is one file:
 * per operator (by uid) its keyed state, one serialized blob per key group (so that a restore at a
 * different parallelism takes exactly the key groups it owns), and its operator state.
 *
 * The synchronous part of a snapshot fixes the state (the heap backend serializes it with v8's
 * serializer, which keeps Maps, Sets, Dates, typed arrays and bigints as they are; the LMDB
 * backend opens a read transaction); reading it out, writing and syncing the file is the
 * asynchronous part.
 */
import { serialize, deserialize } from "node:v8";
import { fileSystemFor } from "../../fs/file-systems.js";
import { createHash } from "node:crypto";
import type { KeyedStateBackend, KeyedStateSnapshot } from "../state/keyed-state-backend.js";
import type { OperatorStateSnapshot } from "../state/operator-state-backend.js";
import { registerErrorClass, SluiceError } from "../../errors/sluice-error.js";

export interface OperatorSnapshot {
  /** [keyGroup, serialized tables of that key group]; only non-empty key groups. */
  keyed?: Array<[number, Uint8Array]>;
  operator?: OperatorStateSnapshot;
}

export interface TaskSnapshot {
  operators: Record<string, OperatorSnapshot>;
}

/**
 * Takes the synchronous part of a keyed backend's snapshot; its `materialize()` gives the
 * serialized key groups (only non-empty ones) in the asynchronous part. The layout of a key
 * group's bytes is the backend's (key-group-format.ts); every backend restores both layouts.
 */
export function snapshotKeyedState(backend: KeyedStateBackend): KeyedStateSnapshot {
  return backend.snapshot();
}

/** Puts the key groups this backend owns back into it; others are ignored (they belong to other subtasks). */
export function restoreKeyedState(backend: KeyedStateBackend, groups: Iterable<[number, Uint8Array]>): void {
  backend.restore(groups);
}

const DIGEST_BYTES = 32;

/** Bytes hashed and copied between two yields of encodeTaskSnapshotInSlices (a few ms each). */
const ENCODE_SLICE_BYTES = 4 * 1024 * 1024;

/** The file: a SHA-256 of the payload, then the payload, so that damage is detected on restore. */
export function encodeTaskSnapshot(snapshot: TaskSnapshot): Uint8Array {
  const steps = encodeSteps(snapshot);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The same bytes as encodeTaskSnapshot, hashing and copying a large file in slices with turns of
 * the event loop between them, so that the task keeps processing while its checkpoint is encoded
 * (docs/architecture.md, "Snapshots that do not stop the task"). The serializer call that builds
 * the payload is one step.
 */
export async function encodeTaskSnapshotInSlices(snapshot: TaskSnapshot): Promise<Uint8Array> {
  const steps = encodeSteps(snapshot);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function* encodeSteps(snapshot: TaskSnapshot): Generator<void, Uint8Array, undefined> {
  const payload = serialize(snapshot);
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

/** A task's state file cannot be read back: the checkpoint it belongs to must not be restored again. */
export class CorruptStateError extends SluiceError {}
registerErrorClass(CorruptStateError);

/** Reads a task's state file from its file system (docs/architecture.md, "File systems"). */
export async function readTaskSnapshot(uri: string): Promise<TaskSnapshot> {
  let bytes: Buffer;
  try {
    bytes = await fileSystemFor(uri).read(uri);
  } catch (e) {
    throw new CorruptStateError(`cannot read state file ${uri}: ${(e as Error).message}`, { cause: e });
  }
  return decodeTaskSnapshot(bytes, uri);
}

/** Checks and decodes a state file's bytes; `uri` names it in errors. */
export function decodeTaskSnapshot(bytes: Buffer, uri: string): TaskSnapshot {
  const payload = bytes.subarray(DIGEST_BYTES);
  if (bytes.length < DIGEST_BYTES || !createHash("sha256").update(payload).digest().equals(bytes.subarray(0, DIGEST_BYTES))) {
    throw new CorruptStateError(`state file ${uri} is corrupt: its checksum does not match`);
  }
  try {
    const s = deserialize(payload) as TaskSnapshot;
    if (!s || typeof s !== "object" || typeof s.operators !== "object") throw new Error("not a task snapshot");
    return s;
  } catch (e) {
    throw new CorruptStateError(`state file ${uri} is corrupt: ${(e as Error).message}`);
  }
}
