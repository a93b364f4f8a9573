/**
 * What test/jobs/sinks/exactly-once-sink-job.ts runs, and the reference it must produce. Shared by
 * the job (bundled) and the tests (compiled), so it imports nothing at run time.
 */
/**
 * Keys of the generated records. A multiple of the source parallelism (1 or 2), so each key's
 * records come from one source subtask, in index order: the running values below are then the
 * same in every run, with or without failures.
 */
export const KEYS = 6;
export function outputLine(r) {
    return `${r.key},${r.index},${r.n},${r.total}`;
}
/** Every output line of a complete, failure-free run, sorted. */
export function referenceLines(count) {
    const n = new Array(KEYS).fill(0);
    const total = new Array(KEYS).fill(0);
    const lines = [];
    for (let index = 0; index < count; index++) {
        const key = index % KEYS;
        n[key]++;
        total[key] += index;
        lines.push(outputLine({ key, index, n: n[key], total: total[key] }));
    }
    return lines.sort();
}
/** Increasing random record indexes, one in each of `failures` equal slices of [from, to)·count. */
export function failurePoints(random, failures, count, from = 0.1, to = 0.4) {
    const width = ((to - from) * count) / failures;
    return Array.from({ length: failures }, (_, a) => Math.floor(from * count + a * width + random() * width));
}
/** A small seeded generator (mulberry32), so that a failing seed can be run again. */
export function seededRandom(seed) {
    let s = seed >>> 0;
    return () => {
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
//# sourceMappingURL=sink-job-spec.js.map