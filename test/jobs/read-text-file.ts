/** Every line of `args[0]` (a path or an s3:// prefix), read at parallelism `args[1]`, collected. */
import { defineJob } from "sluice";

export default defineJob((env, args) => {
  env.setParallelism(Number(args[1] ?? 2));
  env.readTextFile(args[0]!).executeAndCollect();
});
