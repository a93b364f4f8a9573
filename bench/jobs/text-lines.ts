/** Lines of a file into a discarding sink. Args: [path, "file-source" | "text-file-source", parallelism]. */
import { TextFileSource, WatermarkStrategy, defineJob } from "sluice";

export default defineJob((env, args) => {
  const [path, mode, parallelism] = args;
  env.setParallelism(Number(parallelism ?? 2));
  const lines = mode === "text-file-source" ? env.fromSource(new TextFileSource(path!), WatermarkStrategy.noWatermarks(), "TextFileSource") : env.readTextFile(path!);
  lines.addSink(() => {});
});
