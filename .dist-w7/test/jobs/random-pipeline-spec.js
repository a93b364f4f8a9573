const MOD = 1_000_003;
export const SUM_MODULUS = 1_000_000_007;
export function rng(seed) {
    let s = seed >>> 0 || 1;
    return () => {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        return (s >>> 0) / 0x100000000;
    };
}
/** `baseParallelism` is the source's and the usual operator parallelism; some operators deviate at random. */
export function generateSpec(seed, baseParallelism) {
    const r = rng(seed);
    const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
    const steps = [];
    let parallelism = baseParallelism;
    const sourceParallelism = parallelism;
    for (let i = int(2, 6); i > 0; i--) {
        const kind = int(0, 4);
        if (kind === 4) {
            const hows = ["rebalance", "rescale", "shuffle", "keyBy", "broadcast"];
            steps.push({ op: "partition", how: hows[int(0, hows.length - 1)] });
            continue;
        }
        // Parallelism changes are allowed only where no forward partitioning is forced.
        const p = r() < 0.3 ? int(1, 4) : parallelism;
        const chain = r() < 0.8;
        const last = steps[steps.length - 1];
        const prev = last && last.op === "partition" ? last.how : undefined;
        const newP = prev === "forward" ? parallelism : p;
        parallelism = newP;
        if (kind === 0)
            steps.push({ op: "map", mul: int(1, 7), add: int(0, 100), parallelism: newP, chain });
        else if (kind === 1)
            steps.push({ op: "filter", mod: int(2, 5), rest: int(0, 1), parallelism: newP, chain });
        else
            steps.push({ op: "flatMap", every: int(2, 4), parallelism: newP, chain });
    }
    return {
        count: int(500, 3000),
        sourceParallelism,
        steps,
        union: r() < 0.4 ? { from: 10_000, to: 10_000 + int(10, 500) } : null,
        sumKeys: r() < 0.5 ? int(1, 20) : null,
    };
}
export const mapValue = (v, mul, add) => (v * mul + add) % MOD;
/** The reference: the same computation as plain loops. Returns the output multiset (sorted). */
export function referenceOutput(spec, parallelismOfBroadcast) {
    let values = [];
    for (let i = 0; i < spec.count; i++)
        values.push(i);
    if (spec.union)
        for (let i = spec.union.from; i <= spec.union.to; i++)
            values.push(i);
    spec.steps.forEach((s, idx) => {
        if (s.op === "map")
            values = values.map((v) => mapValue(v, s.mul, s.add));
        else if (s.op === "filter")
            values = values.filter((v) => v % s.mod !== s.rest);
        else if (s.op === "flatMap")
            values = values.flatMap((v) => (v % s.every === 0 ? [v, v + 1] : [v]));
        // Only the last of consecutive partitionings takes effect, as in the API.
        else if (s.how === "broadcast" && spec.steps[idx + 1]?.op !== "partition") {
            const copies = parallelismOfBroadcast(idx);
            values = values.flatMap((v) => Array.from({ length: copies }, () => v));
        }
    });
    return values.sort((a, b) => a - b);
}
/** Parallelism of the operator consuming a partition step (the next non-partition step). */
export function consumerParallelism(spec, stepIndex, sinkParallelism) {
    for (let i = stepIndex + 1; i < spec.steps.length; i++) {
        const s = spec.steps[i];
        if (s.op !== "partition")
            return s.parallelism;
    }
    return sinkParallelism;
}
//# sourceMappingURL=random-pipeline-spec.js.map