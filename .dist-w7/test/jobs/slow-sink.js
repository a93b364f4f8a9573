/**
 * A fast unbounded source into a deliberately slow sink in its own slot (another worker thread),
 * so that only credit-based flow control can keep the source from running ahead.
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";
function busyWait(ms) {
    const end = performance.now() + ms;
    while (performance.now() < end)
        ;
}
export default defineJob((env, args) => {
    const busyMs = Number(args[0] ?? 0.5);
    const payload = "x".repeat(Number(args[1] ?? 20));
    env
        .fromSource(new DataGeneratorSource((i) => ({ i, payload })), WatermarkStrategy.noWatermarks(), "Fast source")
        .map((r) => r)
        .name("Pass")
        .addSink((_r) => busyWait(busyMs))
        .name("Slow sink")
        .slotSharingGroup("sink");
});
//# sourceMappingURL=slow-sink.js.map