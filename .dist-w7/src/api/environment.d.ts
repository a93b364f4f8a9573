/**
 * StreamExecutionEnvironment: the entry point of a job definition. It only records the pipeline
 * into a StreamGraph; running it is the business of the client and the cluster.
 */
import { StreamGraph, type JsonObject } from "../graph/stream-graph.js";
import type { Source } from "./source.js";
import { WatermarkStrategy } from "./watermark-strategy.js";
import { DataStream, SingleOutputStreamOperator, type StreamInput } from "./data-stream.js";
import { KeyedStream } from "./keyed-stream.js";
import type { Key, KeySelector } from "./functions.js";
import type { RestartStrategyConfig } from "./restart-strategy.js";
import { type StateBackendType } from "../runtime/state/state-backend-settings.js";
export declare const DEFAULT_MAX_PARALLELISM = 128;
/** A request made by executeAndCollect(): the graph is complete up to here; results flow back through `resolve`. */
export interface ExecutionRequest {
    collectSinkId: number;
    resolve(values: unknown[]): void;
    reject(error: Error): void;
}
export declare class StreamExecutionEnvironment {
    /** Configuration given to the job (`-D key=value`, config file), readable by the definition. */
    readonly config: Readonly<Record<string, string>>;
    readonly streamGraph: StreamGraph;
    private parallelism;
    private maxParallelism;
    private checkpointInterval;
    private checkpointingMode;
    private restartStrategy;
    private bufferTimeoutMs;
    private stateBackend;
    private executionRequest;
    private readonly executionListeners;
    /** The job's name, shown in the CLI, REST API and dashboard. */
    jobName: string;
    constructor(
    /** Parallelism used by operators that don't set their own (`parallelism.default`, `-p`). */
    defaultParallelism?: number, 
    /** Configuration given to the job (`-D key=value`, config file), readable by the definition. */
    config?: Readonly<Record<string, string>>);
    setParallelism(parallelism: number): this;
    getParallelism(): number;
    setMaxParallelism(maxParallelism: number): this;
    getMaxParallelism(): number;
    /** Time after which a partly filled network buffer is sent anyway (0 = after every record). */
    setBufferTimeout(ms: number): this;
    /** Periodic checkpoints every `intervalMs`, exactly-once (aligned barriers) unless told otherwise. */
    enableCheckpointing(intervalMs: number, mode?: "exactly-once" | "at-least-once"): this;
    /**
     * Where keyed state lives: "hashmap" (objects on the heap; the default) or "lmdb" (on local
     * disk, for state larger than memory). Overrides `state.backend.type`; see docs/state-backends.md.
     */
    setStateBackend(type: StateBackendType): this;
    setRestartStrategy(strategy: RestartStrategyConfig): this;
    setJobName(name: string): this;
    /** Job-level settings that travel inside the JobGraph. */
    jobSettings(): JsonObject;
    fromSource<T>(source: Source<T>, watermarks?: WatermarkStrategy<T>, name?: string): SingleOutputStreamOperator<T>;
    fromElements<T>(...elements: T[]): SingleOutputStreamOperator<T>;
    fromCollection<T>(elements: Iterable<T>): SingleOutputStreamOperator<T>;
    /** The numbers from..to (inclusive), split evenly across the parallel subtasks. */
    fromSequence(from: number, to: number): SingleOutputStreamOperator<number>;
    /** Lines of a text file, split by byte ranges across the parallel subtasks. */
    readTextFile(path: string): SingleOutputStreamOperator<string>;
    /** Lines read from a TCP socket (a non-parallel, unbounded source). */
    socketTextStream(host: string, port: number, delimiter?: string): SingleOutputStreamOperator<string>;
    /** Called by executeAndCollect(): the pipeline is complete; the job runner takes it from here. */
    requestExecution(collectSinkId: number): Promise<unknown[]>;
    /** The runtime learns here when the definition asks for execution before it returns. */
    onExecutionRequest(listener: (r: ExecutionRequest) => void): void;
    /** Internal: the KeyedStream for keyBy(). */
    createKeyedStream<T, K extends Key>(inputs: readonly StreamInput[], selector: KeySelector<T, K>): KeyedStream<T, K>;
    /** Internal: adds an operator reading from `inputs`. */
    addOperator<R>(kind: string, name: string, inputs: readonly StreamInput[], fns: Record<string, unknown>, config?: JsonObject, inputIndex?: 0 | 1, secondInputs?: readonly StreamInput[]): SingleOutputStreamOperator<R>;
    private connectInputs;
    /** Like Flink: an operator inherits the slot sharing group of its inputs when they agree. */
    private slotSharingGroupOf;
}
export { DataStream };
