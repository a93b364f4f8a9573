export function toStateKey(key) {
    if (typeof key !== "object")
        return key;
    return "\u0000" + JSON.stringify(key, (_k, v) => (typeof v === "bigint" ? { $bigint: v.toString() } : v));
}
/** The user key a StateKey was made from (the inverse of toStateKey), for iterating over keys. */
export function fromStateKey(stateKey) {
    if (typeof stateKey !== "string" || !stateKey.startsWith("\u0000"))
        return stateKey;
    return JSON.parse(stateKey.slice(1), (_k, v) => v !== null && typeof v === "object" && "$bigint" in v ? BigInt(v.$bigint) : v);
}
//# sourceMappingURL=state-key.js.map