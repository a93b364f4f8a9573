/**
 * Lines into a discarding sink. Args: [path, "file-source" | "text-file-source", parallelism]:
 * FileSource over the directory `path` (files assigned by the enumerator), or TextFileSource over the file `path`.
 */
import { FileSource, TextFileSource, WatermarkStrategy, defineJob } from "sluice";

export default defineJob((env, args) => {
  const [path, mode, parallelism] = args;
  env.setParallelism(Number(parallelism ?? 2));
  const source = mode === "text-file-source" ? new TextFileSource(path!) : FileSource.forTextLines(path!).build();
  env.fromSource(source, WatermarkStrategy.noWatermarks(), mode!).addSink(() => {});
});
