/**
 * StateKeys as bytes, for backends that store state outside the heap and for their snapshots.
 * Equal StateKeys (as a Map compares them: SameValueZero) must give equal bytes, and different
 * ones different bytes: -0 is written as 0 and every NaN the same way. A tag byte keeps 1, "1"
 * and true apart.
 */
import type { StateKey } from "./state-key.js";
/** Upper bound of the encoded size of `key`. */
export declare function maxEncodedStateKeyLength(key: StateKey): number;
/** Writes `key` at `offset` of `target` (which must have room for maxEncodedStateKeyLength); returns the end. */
export declare function writeStateKey(key: StateKey, target: Buffer, offset: number): number;
export declare function encodeStateKey(key: StateKey): Buffer;
/** The StateKey of bytes [start, end) of `source`. */
export declare function readStateKey(source: Uint8Array, start?: number, end?: number): StateKey;
