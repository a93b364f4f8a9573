/**
 * What every Nexmark job file shares: the generator source with the reference watermark (event
 * time − 4 s), the query, and a sink chosen by the arguments (print; discard, Nexmark's
 * "blackhole", for benchmarks; collect, for tests).
 */
import { type DataStream, type JobDefinition, type NexmarkEvent, type StreamExecutionEnvironment } from "sluice";
import { type NexmarkJobArgs } from "./job-args.js";
export declare function nexmarkEvents(env: StreamExecutionEnvironment, a: NexmarkJobArgs): DataStream<NexmarkEvent>;
export declare function sinkResults<R>(results: DataStream<R>, a: NexmarkJobArgs): void;
/** A job file's definition: `export default nexmarkJob("q5", q5)`. */
export declare function nexmarkJob<R>(name: string, query: (events: DataStream<NexmarkEvent>) => DataStream<R>, sink?: (results: DataStream<R>, a: NexmarkJobArgs) => void): JobDefinition;
