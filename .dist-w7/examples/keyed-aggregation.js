/**
 * A keyed running aggregation over the parallel data-generator source: sensor readings, keyed by
 * sensor, with the running maximum temperature per sensor (Flink's `keyBy(...).max(...)`).
 * Arguments: [count] (default 10000).
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";
/** Reading number i: deterministic, so every run (and every test) sees the same data. */
export function reading(i) {
    const sensor = `sensor-${(i * 7919) % 16}`;
    const temperature = 15 + ((i * 2654435761) % 1000) / 50;
    return { sensor, temperature: Math.round(temperature * 10) / 10, index: i };
}
export default defineJob((env, args) => {
    env.setJobName("Keyed aggregation");
    const count = Number(args[0] ?? 10_000);
    env
        .fromSource(new DataGeneratorSource(reading, count), WatermarkStrategy.noWatermarks(), "Sensor readings")
        .keyBy((r) => r.sensor)
        .max("temperature")
        .name("Max temperature")
        .print();
});
//# sourceMappingURL=keyed-aggregation.js.map