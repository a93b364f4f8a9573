/**
 * keyed-sums with checkpoints and uids, for the checkpoint and savepoint endpoints: a rate-limited
 * sequence keyed by value % 10 with a running sum per key. Args: [count, recordsPerSecond, intervalMs].
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";
export default defineJob((env, args) => {
    env.setJobName("REST checkpointed sums");
    env.enableCheckpointing(Number(args[2] ?? 100));
    const count = Number(args[0] ?? 4000);
    void env
        .fromSource(new DataGeneratorSource((i) => ({ key: i % 10, value: i }), count, { recordsPerSecond: Number(args[1] ?? 2000) }), WatermarkStrategy.noWatermarks(), "Numbers")
        .uid("numbers")
        .keyBy((r) => r.key)
        .sum("value")
        .uid("sums")
        .name("Sum per key")
        .executeAndCollect();
});
//# sourceMappingURL=checkpointed-sums.js.map