/** An unbounded job at parallelism 2 (runs until cancelled). */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";
export default defineJob((env) => {
    env.setParallelism(2);
    env
        .fromSource(new DataGeneratorSource((i) => i, Number.POSITIVE_INFINITY, { recordsPerSecond: 2000 }), WatermarkStrategy.noWatermarks(), "Ticks")
        .keyBy((i) => i % 7)
        .sum()
        .addSink(() => { });
});
//# sourceMappingURL=unbounded.js.map