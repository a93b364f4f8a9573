import { KEYS } from "../jobs/sequence-check.js";
/** Final record per key of a complete run over `count` records. */
export function referenceFinals(count) {
    const finals = new Map();
    for (let i = 0; i < count; i++) {
        const key = i % KEYS;
        const seq = Math.floor(i / KEYS);
        const total = (finals.get(key)?.total ?? 0) + seq;
        finals.set(key, { key, seq, total });
    }
    return finals;
}
/** The last record per key (records of one key arrive in order at the collect sink). */
export function finalsOf(...runs) {
    const finals = new Map();
    for (const run of runs)
        for (const r of run)
            finals.set(r.key, r);
    return new Map([...finals].sort((a, b) => a[0] - b[0]));
}
//# sourceMappingURL=sequence-support.js.map