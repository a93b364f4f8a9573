import type { Key } from "../../api/functions.js";

/**
 * A Map key for a user key: primitives are used as they are (fast path); arrays become a tagged
 * string, so [1, "a"] and [1, "a"] built separately find the same entry.
 */
export type StateKey = string | number | boolean | bigint;

export function toStateKey(key: Key): StateKey {
  if (typeof key !== "object") return key;
  // Tuples of strings, numbers and booleans (most composite keys): JSON.stringify without a
  // replacer writes exactly what the replacer would, several times faster (a replacer is a call
  // per element; it was a sixth of a job keyed by [bidder, auction]).
  return "\u0000" + (isFlatTuple(key) ? JSON.stringify(key) : JSON.stringify(key, (_k, v: unknown) => (typeof v === "bigint" ? { $bigint: v.toString() } : v)));
}

function isFlatTuple(key: readonly unknown[]): boolean {
  for (let i = 0; i < key.length; i++) {
    const t = typeof key[i];
    if (t !== "string" && t !== "number" && t !== "boolean") return false;
  }
  return true;
}

/** The user key a StateKey was made from (the inverse of toStateKey), for iterating over keys. */
export function fromStateKey(stateKey: StateKey): Key {
  if (typeof stateKey !== "string" || !stateKey.startsWith("\u0000")) return stateKey;
  return JSON.parse(stateKey.slice(1), (_k, v: unknown) =>
    v !== null && typeof v === "object" && "$bigint" in v ? BigInt((v as { $bigint: string }).$bigint) : v,
  ) as Key;
}
