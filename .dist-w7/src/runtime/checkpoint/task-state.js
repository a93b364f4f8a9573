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
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
/**
 * Takes the synchronous part of a keyed backend's snapshot; its `materialize()` gives the
 * serialized key groups (only non-empty ones) in the asynchronous part. The layout of a key
 * group's bytes is the backend's (key-group-format.ts); every backend restores both layouts.
 */
export function snapshotKeyedState(backend) {
    return backend.snapshot();
}
/** Puts the key groups this backend owns back into it; others are ignored (they belong to other subtasks). */
export function restoreKeyedState(backend, groups) {
    backend.restore(groups);
}
const DIGEST_BYTES = 32;
/** The file: a SHA-256 of the payload, then the payload, so that damage is detected on restore. */
export function encodeTaskSnapshot(snapshot) {
    const payload = serialize(snapshot);
    return Buffer.concat([createHash("sha256").update(payload).digest(), payload]);
}
export class CorruptStateError extends Error {
    name = "CorruptStateError";
}
export function readTaskSnapshot(path) {
    let bytes;
    try {
        bytes = readFileSync(path);
    }
    catch (e) {
        throw new CorruptStateError(`cannot read state file ${path}: ${e.message}`);
    }
    const payload = bytes.subarray(DIGEST_BYTES);
    if (bytes.length < DIGEST_BYTES || !createHash("sha256").update(payload).digest().equals(bytes.subarray(0, DIGEST_BYTES))) {
        throw new CorruptStateError(`state file ${path} is corrupt: its checksum does not match`);
    }
    try {
        const s = deserialize(payload);
        if (!s || typeof s !== "object" || typeof s.operators !== "object")
            throw new Error("not a task snapshot");
        return s;
    }
    catch (e) {
        throw new CorruptStateError(`state file ${path} is corrupt: ${e.message}`);
    }
}
//# sourceMappingURL=task-state.js.map