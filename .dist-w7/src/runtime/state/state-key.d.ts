import type { Key } from "../../api/functions.js";
/**
 * A Map key for a user key: primitives are used as they are (fast path); arrays become a tagged
 * string, so [1, "a"] and [1, "a"] built separately find the same entry.
 */
export type StateKey = string | number | boolean | bigint;
export declare function toStateKey(key: Key): StateKey;
/** The user key a StateKey was made from (the inverse of toStateKey), for iterating over keys. */
export declare function fromStateKey(stateKey: StateKey): Key;
