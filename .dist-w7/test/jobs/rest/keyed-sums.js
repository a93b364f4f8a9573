/**
 * A bounded multi-vertex job for the REST tests: a sequence, keyed by value % 10, a running sum per
 * key, collected. Args: [count, recordsPerSecond?]; with a rate it runs long enough to be observed
 * (and fuzzed) while RUNNING. The reference: per key the last running sum is the sum of its values.
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";
export default defineJob((env, args) => {
    env.setJobName("REST keyed sums");
    const count = Number(args[0] ?? 1000);
    const rate = args[1] ? Number(args[1]) : undefined;
    void env
        .fromSource(new DataGeneratorSource((i) => ({ key: i % 10, value: i }), count, rate ? { recordsPerSecond: rate } : {}), WatermarkStrategy.noWatermarks(), "Numbers")
        .keyBy((r) => r.key)
        .sum("value")
        .name("Sum per key")
        .executeAndCollect();
});
/** The reference result: per key, the sum of all its values. */
export function expectedSums(count) {
    const sums = new Map();
    for (let i = 0; i < count; i++)
        sums.set(i % 10, (sums.get(i % 10) ?? 0) + i);
    return sums;
}
//# sourceMappingURL=keyed-sums.js.map