import type { StateKey } from "../state-key.js";
export declare const PREFIX_LENGTH = 4;
/** LMDB's key size limit as compiled into the lmdb package. */
export declare const MAX_KEY_LENGTH = 1978;
export declare const MAX_TABLES = 65535;
export declare class StateKeyTooLongError extends Error {
    name: string;
}
/** The first key of (table, key group); the prefix of (table, key group + 1) ends the range. */
export declare function rangePrefix(tableId: number, keyGroup: number): Buffer;
/** Writes the full key into `scratch` when it fits (hot path, no allocation), else into a new buffer. */
export declare function entryKey(tableId: number, keyGroup: number, key: StateKey, scratch?: Buffer): Buffer;
