/** env.readTextFile(path) at parallelism 3, collected. Args: [path]. */
import { defineJob } from "sluice";

export default defineJob((env, args) => {
  env.setParallelism(3);
  void env.readTextFile(args[0]!).executeAndCollect();
});
