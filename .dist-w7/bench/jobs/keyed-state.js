/** A keyed stateful job: running count and sum per key in ValueState (args: [count, checkpointMs, parallelism, keys]). */
import { DataGeneratorSource, ValueStateDescriptor, WatermarkStrategy, defineJob } from "sluice";
class Totals {
    state;
    open(ctx) {
        this.state = ctx.getState(new ValueStateDescriptor("totals"));
    }
    map(r) {
        const t = this.state.value() ?? { n: 0, sum: 0 };
        const next = { n: t.n + 1, sum: t.sum + r.value };
        this.state.update(next);
        return next.n;
    }
}
export default defineJob((env, args) => {
    const interval = Number(args[1] ?? 0);
    if (interval > 0)
        env.enableCheckpointing(interval);
    env.setParallelism(Number(args[2] ?? 2));
    const keys = Number(args[3] ?? 100_000);
    let checksum = 0;
    env
        .fromSource(new DataGeneratorSource((i) => ({ key: (i * 7919) % keys, value: i % 100 }), Number(args[0])), WatermarkStrategy.noWatermarks(), "Events")
        .keyBy((r) => r.key)
        .map(new Totals())
        .addSink((n) => {
        checksum += n;
    });
});
//# sourceMappingURL=keyed-state.js.map