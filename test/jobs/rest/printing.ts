/**
 * A small job whose user code prints to stdout, for the TaskManager stdout endpoint: each of the
 * `count` records (args[0], default 5) is printed as `printed <marker> <i>` (marker: args[1]).
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";

export default defineJob((env, args) => {
  env.setJobName("REST printing");
  const count = Number(args[0] ?? 5);
  const marker = args[1] ?? "marker";
  void env
    .fromSource(new DataGeneratorSource((i) => i, count), WatermarkStrategy.noWatermarks(), "Numbers")
    .map((i) => {
      console.log(`printed ${marker} ${i}`);
      return i;
    })
    .executeAndCollect();
});
