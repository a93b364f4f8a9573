/**
 * A fast unbounded source into a deliberately slow sink in its own slot (another worker thread),
 * so that only credit-based flow control can keep the source from running ahead.
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

export default defineJob((env) => {
  env
    .fromSource(new DataGeneratorSource((i) => ({ i, payload: "x".repeat(20) })), WatermarkStrategy.noWatermarks(), "Fast source")
    .map((r) => r)
    .name("Pass")
    .addSink((_r) => busyWait(0.5))
    .name("Slow sink")
    .slotSharingGroup("sink");
});
