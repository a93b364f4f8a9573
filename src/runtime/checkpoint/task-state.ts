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
import type { KeyedStateBackend, KeyedStateSnapshot } from "../state/keyed-state-backend.js";
import type { OperatorStateSnapshot } from "../state/operator-state-backend.js";
import { decodeCheckedFile, encodeCheckedFile, encodeCheckedFileInSlices, readCheckedFile } from "../state/checked-file.js";
import type { ChangelogStateHandle } from "../state/changelog/changelog-handle.js";
import type { ChannelStateSnapshot } from "./channel-state.js";

export interface OperatorSnapshot {
  /** [keyGroup, serialized tables of that key group]; only non-empty key groups. */
  keyed?: Array<[number, Uint8Array]>;
  /** Instead of `keyed`, with the state changelog: the shared files the keyed state is rebuilt from. */
  changelog?: ChangelogStateHandle;
  operator?: OperatorStateSnapshot;
}

export interface TaskSnapshot {
  operators: Record<string, OperatorSnapshot>;
  /** The in-flight data of an unaligned checkpoint (channel-state.ts); absent when aligned. */
  channels?: ChannelStateSnapshot;
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

export { CorruptStateError } from "../state/checked-file.js";

export function encodeTaskSnapshot(snapshot: TaskSnapshot): Uint8Array {
  return encodeCheckedFile(snapshot);
}

/**
 * The same bytes as encodeTaskSnapshot, hashed and copied in slices with turns of the event loop
 * between them, so that the task keeps processing while its checkpoint is encoded
 * (docs/architecture.md, "Snapshots that do not stop the task").
 */
export function encodeTaskSnapshotInSlices(snapshot: TaskSnapshot): Promise<Uint8Array> {
  return encodeCheckedFileInSlices(snapshot);
}

const isTaskSnapshot = (s: unknown): boolean => !!s && typeof s === "object" && typeof (s as TaskSnapshot).operators === "object";

/** Reads a task's state file from its file system (docs/architecture.md, "File systems"). */
export function readTaskSnapshot(uri: string): Promise<TaskSnapshot> {
  return readCheckedFile<TaskSnapshot>(uri, isTaskSnapshot, "a task snapshot");
}

/** Checks and decodes a state file's bytes; `uri` names it in errors. */
export function decodeTaskSnapshot(bytes: Buffer, uri: string): TaskSnapshot {
  return decodeCheckedFile<TaskSnapshot>(bytes, uri, isTaskSnapshot, "a task snapshot");
}
