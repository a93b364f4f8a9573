/**
 * Key groups (DESIGN.md principle 6): a key hashes to one of maxParallelism key groups; a subtask
 * owns a contiguous range of key groups. The hash must be identical in every worker and process,
 * so it is computed from the key's value, never from object identity.
 */
import type { Key } from "../api/functions.js";
/** A stable hash of a key; equal keys (by value) hash equally everywhere. */
export declare function hashKey(key: Key): number;
export declare function keyGroupFor(key: Key, maxParallelism: number): number;
/** The subtask that owns a key group (Flink's formula: contiguous ranges). */
export declare function subtaskForKeyGroup(keyGroup: number, maxParallelism: number, parallelism: number): number;
/** The key groups [start, end] owned by a subtask; the inverse of subtaskForKeyGroup. */
export declare function keyGroupRange(maxParallelism: number, parallelism: number, subtask: number): {
    start: number;
    end: number;
};
