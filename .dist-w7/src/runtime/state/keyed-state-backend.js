import { keyGroupFor } from "../../graph/key-groups.js";
export class KeyGroupOutOfRangeError extends Error {
    name = "KeyGroupOutOfRangeError";
}
/** The key group of `key`, checked against the subtask's range [start, end]. */
export function ownedKeyGroup(key, maxParallelism, start, end) {
    const group = keyGroupFor(key, maxParallelism);
    if (group < start || group > end) {
        throw new KeyGroupOutOfRangeError(`key ${JSON.stringify(typeof key === "bigint" ? key.toString() : key)} belongs to key group ${group}, outside this subtask's range ` +
            `[${start}, ${end}]: is the key selector deterministic?`);
    }
    return group;
}
//# sourceMappingURL=keyed-state-backend.js.map