/**
 * Keyed exchange of large records (args: [count, parallelism, payloadBytes]): source → keyBy(key) →
 * map to the payload's length → sink. Per byte there is little work besides moving the bytes, so
 * this measures the data plane's byte throughput rather than per-record processing.
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";
export default defineJob((env, args) => {
    env.setParallelism(Number(args[1] ?? 2));
    const payload = "x".repeat(Number(args[2] ?? 1024));
    let total = 0;
    env
        .fromSource(new DataGeneratorSource((i) => ({ key: i % 1000, payload }), Number(args[0])), WatermarkStrategy.noWatermarks(), "Payloads")
        .keyBy((r) => r.key)
        .map((r) => r.payload.length)
        .addSink((n) => {
        total += n;
    });
});
//# sourceMappingURL=keyed-payload.js.map