import type { KeyedStateBackend, KeyedStateSnapshot } from "../state/keyed-state-backend.js";
import type { OperatorStateSnapshot } from "../state/operator-state-backend.js";
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
export declare function snapshotKeyedState(backend: KeyedStateBackend): KeyedStateSnapshot;
/** Puts the key groups this backend owns back into it; others are ignored (they belong to other subtasks). */
export declare function restoreKeyedState(backend: KeyedStateBackend, groups: Iterable<[number, Uint8Array]>): void;
/** The file: a SHA-256 of the payload, then the payload, so that damage is detected on restore. */
export declare function encodeTaskSnapshot(snapshot: TaskSnapshot): Uint8Array;
export declare class CorruptStateError extends Error {
    name: string;
}
export declare function readTaskSnapshot(path: string): TaskSnapshot;
