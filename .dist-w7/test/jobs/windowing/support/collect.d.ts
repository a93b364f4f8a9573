/**
 * Named collect sinks, so one job can return the results of several pipelines. Each sink is its
 * own vertex: the JobMaster attributes collected records to the first collect sink of a vertex.
 */
import type { DataStream } from "sluice";
export declare const COLLECT_PREFIX = "collect:";
export declare function collectAs<T>(stream: DataStream<T>, name: string): void;
