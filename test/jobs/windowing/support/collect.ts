/**
 * Named collect sinks, so one job can return the results of several pipelines. Each sink is its
 * own vertex: the JobMaster attributes collected records to the first collect sink of a vertex.
 */
import type { DataStream } from "sluice";

export const COLLECT_PREFIX = "collect:";

export function collectAs<T>(stream: DataStream<T>, name: string): void {
  stream.env.addOperator<never>("collect", COLLECT_PREFIX + name, stream.inputs, {}).setParallelism(1).disableChaining();
}
