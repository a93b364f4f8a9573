/**
 * StreamExecutionEnvironment: the entry point of a job definition. It only records the pipeline
 * into a StreamGraph; running it is the business of the client and the cluster.
 */
import { StreamGraph, type JsonObject } from "../graph/stream-graph.js";
import type { Source } from "./source.js";
import { WatermarkStrategy } from "./watermark-strategy.js";
import type { CollectChannel } from "./collect-iterator.js";
import { DataStream, SingleOutputStreamOperator, type StreamInput } from "./data-stream.js";
import { KeyedStream } from "./keyed-stream.js";
import type { Key, KeySelector } from "./functions.js";
import { CollectionSource } from "./builtin/collection-source.js";
import { SequenceSource } from "./builtin/sequence-source.js";
import { TextFileSource } from "./builtin/text-file-source.js";
import { SocketTextSource } from "./builtin/socket-text-source.js";
import type { RestartStrategyConfig } from "./restart-strategy.js";
import { parseStateBackendType, type StateBackendType } from "./state/state-backend-type.js";
import { FileSystemTextSource } from "./builtin/file-system-text-source.js";
import { isRemoteUri } from "../fs/file-system.js";
import { CheckpointConfig, type CheckpointingMode } from "./checkpoint-config.js";
import { ExecutionConfig } from "./execution-config.js";
import { readOption } from "../config/config-option.js";
import { ConfigurationError } from "../config/configuration.js";
import * as pipeline from "./pipeline-options.js";
import { parseRuntimeMode, resolveRuntimeMode, type RuntimeExecutionMode } from "./runtime-mode.js";

export const DEFAULT_MAX_PARALLELISM = 128;

/**
 * A request made by executeAndCollect() or collectAsync(): the graph is complete up to here. With
 * mode "result" the records come back all at once through `resolve` once the job ended; with
 * "iterator" the runner attaches a channel that fetches them while the job runs.
 */
export interface ExecutionRequest {
  collectSinkId: number;
  mode: "result" | "iterator";
  resolve(values: unknown[]): void;
  /** Iterator mode: where the records come from. */
  attach(channel: CollectChannel): void;
  reject(error: Error): void;
}

export class StreamExecutionEnvironment {
  readonly streamGraph = new StreamGraph();
  private parallelism: number;
  private maxParallelism = DEFAULT_MAX_PARALLELISM;
  private readonly checkpointConfig = new CheckpointConfig();
  private readonly executionConfig = new ExecutionConfig();
  private chainingEnabled = true;
  /** Keys given to configure(), over `config`; travel to the JobMaster (which reads execution.checkpointing.* from them). */
  private readonly configuration: Record<string, string> = {};
  private restartStrategy: RestartStrategyConfig | undefined;
  private bufferTimeoutMs: number | undefined;
  private stateBackend: StateBackendType | undefined;
  private changelogStateBackend: boolean | undefined;
  private runtimeMode: RuntimeExecutionMode | undefined;
  private executionRequest: ExecutionRequest | undefined;
  private readonly executionListeners: Array<(r: ExecutionRequest) => void> = [];
  /** The job's name, shown in the CLI, REST API and dashboard. */
  jobName = "sluice job";

  constructor(
    /** Parallelism used by operators that don't set their own (`parallelism.default`, `-p`). */
    defaultParallelism = 1,
    /** Configuration given to the job (`-D key=value`, config file), readable by the definition. */
    readonly config: Readonly<Record<string, string>> = {},
  ) {
    this.parallelism = defaultParallelism;
    this.applyPipelineOptions(config);
  }

  /** The job's checkpointing settings (interval, mode, timeout, min pause, …). */
  getCheckpointConfig(): CheckpointConfig {
    return this.checkpointConfig;
  }

  /** The auto-watermark interval and the global job parameters. */
  getConfig(): ExecutionConfig {
    return this.executionConfig;
  }

  /** No operator of this job is chained with another: every operator runs in its own task. */
  disableOperatorChaining(): this {
    this.chainingEnabled = false;
    return this;
  }

  isChainingEnabled(): boolean {
    return this.chainingEnabled;
  }

  /**
   * Applies configuration keys to this job, as Flink's configure(): pipeline.* and
   * execution.buffer-timeout.interval here (a bad value fails at once, naming the key), the
   * execution.checkpointing.* keys on the JobMaster, over the cluster's configuration.
   */
  configure(config: Readonly<Record<string, string>>): this {
    this.applyPipelineOptions(config);
    Object.assign(this.configuration, config);
    return this;
  }

  private applyPipelineOptions(config: Readonly<Record<string, string>>): void {
    const interval = readOption(config, pipeline.AUTO_WATERMARK_INTERVAL);
    if (config[pipeline.AUTO_WATERMARK_INTERVAL.key] !== undefined) this.executionConfig.setAutoWatermarkInterval(interval);
    if (config[pipeline.OPERATOR_CHAINING.key] !== undefined) this.chainingEnabled = readOption(config, pipeline.OPERATOR_CHAINING);
    const timeout = readOption(config, pipeline.BUFFER_TIMEOUT);
    if (timeout !== undefined) this.setBufferTimeout(timeout);
    const params = readOption(config, pipeline.GLOBAL_JOB_PARAMETERS);
    if (params !== undefined) this.executionConfig.setGlobalJobParameters(parseParameters(params, pipeline.GLOBAL_JOB_PARAMETERS.key));
    const name = readOption(config, pipeline.PIPELINE_NAME);
    if (name !== undefined) this.jobName = name;
    const max = readOption(config, pipeline.MAX_PARALLELISM);
    if (max !== undefined) this.setMaxParallelism(max);
  }

  setParallelism(parallelism: number): this {
    assertPositiveInt(parallelism, "parallelism");
    this.parallelism = parallelism;
    return this;
  }

  getParallelism(): number {
    return this.parallelism;
  }

  setMaxParallelism(maxParallelism: number): this {
    assertPositiveInt(maxParallelism, "maxParallelism");
    if (maxParallelism > 32768) throw new RangeError("maxParallelism must be at most 32768");
    this.maxParallelism = maxParallelism;
    return this;
  }

  getMaxParallelism(): number {
    return this.maxParallelism;
  }

  /** Time after which a partly filled network buffer is sent anyway (0 = after every record). */
  setBufferTimeout(ms: number): this {
    if (!(ms >= 0)) throw new RangeError("buffer timeout must be >= 0");
    this.bufferTimeoutMs = ms;
    return this;
  }

  /** Periodic checkpoints every `intervalMs`, exactly-once (aligned barriers) unless told otherwise. */
  enableCheckpointing(intervalMs: number, mode?: CheckpointingMode): this {
    assertPositiveInt(intervalMs, "checkpoint interval");
    this.checkpointConfig.setCheckpointInterval(intervalMs);
    if (mode !== undefined) this.checkpointConfig.setCheckpointingMode(mode);
    return this;
  }

  /**
   * Where keyed state lives: "hashmap" (objects on the heap; the default) or "lmdb" (on local
   * disk, for state larger than memory). Overrides `state.backend.type`; see docs/state-backends.md.
   */
  setStateBackend(type: StateBackendType): this {
    this.stateBackend = parseStateBackendType(type, "setStateBackend()");
    return this;
  }

  /**
   * Incremental checkpoints through the state changelog, on either backend (Flink's
   * enableChangelogStateBackend); overrides `state.changelog.enabled`. See docs/state-backends.md.
   */
  enableChangelogStateBackend(enabled: boolean): this {
    this.changelogStateBackend = enabled;
    return this;
  }

  /** "streaming", "batch" or "automatic" (src/api/runtime-mode.ts); overrides `execution.runtime-mode`. */
  setRuntimeMode(mode: RuntimeExecutionMode): this {
    this.runtimeMode = parseRuntimeMode(mode);
    return this;
  }

  setRestartStrategy(strategy: RestartStrategyConfig): this {
    this.restartStrategy = strategy;
    return this;
  }

  setJobName(name: string): this {
    this.jobName = name;
    return this;
  }

  /** Job-level settings that travel inside the JobGraph. */
  jobSettings(): JsonObject {
    const s: JsonObject = {
      parallelism: this.parallelism,
      maxParallelism: this.maxParallelism,
      ...this.checkpointConfig.toSettings(),
      autoWatermarkInterval: this.executionConfig.getAutoWatermarkInterval() ?? pipeline.AUTO_WATERMARK_INTERVAL.defaultValue,
    };
    const params = this.executionConfig.getGlobalJobParameters();
    if (Object.keys(params).length > 0) s.globalJobParameters = { ...params };
    if (!this.chainingEnabled) s.operatorChaining = false;
    if (Object.keys(this.configuration).length > 0) s.configuration = { ...this.configuration };
    if (this.bufferTimeoutMs !== undefined) s.bufferTimeoutMs = this.bufferTimeoutMs;
    if (this.stateBackend) s.stateBackend = this.stateBackend;
    if (this.changelogStateBackend !== undefined) s.changelogStateBackend = this.changelogStateBackend;
    if (this.restartStrategy) s.restartStrategy = { ...this.restartStrategy } as JsonObject;
    const sources = this.streamGraph.nodes.filter((n) => n.kind === "source").map((n) => n.config.bounded === true);
    s.runtimeMode = resolveRuntimeMode(this.runtimeMode, this.config, sources);
    return s;
  }

  // ---- sources -------------------------------------------------------------------------------

  fromSource<T>(source: Source<T>, watermarks: WatermarkStrategy<T> = WatermarkStrategy.noWatermarks(), name = "Source"): SingleOutputStreamOperator<T> {
    const nonParallel = source.maxParallelism === 1;
    const node = this.streamGraph.addNode({
      kind: "source",
      name,
      parallelism: nonParallel ? 1 : this.parallelism,
      parallelismSet: nonParallel,
      slotSharingGroup: "default",
      chaining: "head",
      inputs: 0,
      // Marks the source whose split enumerator the JobMaster runs (docs/architecture.md, "Sources and split enumerators").
      config: { bounded: source.boundedness === "bounded", nonParallel, ...(typeof source.createEnumerator === "function" ? { coordinated: true } : {}) },
      fns: { source, watermarks },
    });
    return new SingleOutputStreamOperator<T>(this, node);
  }

  fromElements<T>(...elements: T[]): SingleOutputStreamOperator<T> {
    return this.fromSource(new CollectionSource(elements), undefined, "Collection Source");
  }

  /** Flink 1.19+'s name for fromElements / fromCollection. */
  fromData<T>(...elements: T[]): SingleOutputStreamOperator<T> {
    return this.fromElements(...elements);
  }

  fromCollection<T>(elements: Iterable<T>): SingleOutputStreamOperator<T> {
    return this.fromSource(new CollectionSource([...elements]), undefined, "Collection Source");
  }

  /** The numbers from..to (inclusive), split evenly across the parallel subtasks. */
  fromSequence(from: number, to: number): SingleOutputStreamOperator<number> {
    return this.fromSource(new SequenceSource(from, to), undefined, "Sequence Source");
  }

  /** Lines of a text file, split by byte ranges across the parallel subtasks. */
  /** A local path reads one file; a remote URI (s3://bucket/prefix) reads the object or every visible object below it. */
  readTextFile(path: string): SingleOutputStreamOperator<string> {
    const source = isRemoteUri(path) ? new FileSystemTextSource(path) : new TextFileSource(path);
    return this.fromSource(source, undefined, `Text File Source ${path}`);
  }

  /** Lines read from a TCP socket (a non-parallel, unbounded source). */
  socketTextStream(host: string, port: number, delimiter = "\n"): SingleOutputStreamOperator<string> {
    return this.fromSource(new SocketTextSource(host, port, delimiter), undefined, `Socket Stream ${host}:${port}`);
  }

  // ---- execution hooks used by the runtime ---------------------------------------------------

  /** Called by executeAndCollect(): the pipeline is complete; the job runner takes it from here. */
  requestExecution(collectSinkId: number): Promise<unknown[]> {
    const result = new Promise<unknown[]>((resolve, reject) => {
      this.setExecutionRequest({ collectSinkId, mode: "result", resolve, reject, attach: () => reject(new Error("executeAndCollect() takes no channel")) });
    });
    // A definition may not await the result (`void stream.executeAndCollect()`); the job's failure
    // is reported by the runner either way, so it must not also surface as an unhandled rejection.
    result.catch(() => {});
    return result;
  }

  /** Called by collectAsync() and executeAndCollect(limit): resolves with the channel the runner attaches. */
  requestIteration(collectSinkId: number): Promise<CollectChannel> {
    return new Promise<CollectChannel>((resolve, reject) => {
      this.setExecutionRequest({ collectSinkId, mode: "iterator", resolve: () => {}, attach: resolve, reject });
    });
  }

  private setExecutionRequest(request: ExecutionRequest): void {
    if (this.executionRequest) {
      throw new Error("executeAndCollect() or collectAsync() may be called once per job definition: it runs the job");
    }
    this.executionRequest = request;
    for (const l of this.executionListeners) l(request);
  }

  /** The runtime learns here when the definition asks for execution before it returns. */
  onExecutionRequest(listener: (r: ExecutionRequest) => void): void {
    this.executionListeners.push(listener);
    if (this.executionRequest) listener(this.executionRequest);
  }

  /** Internal: the KeyedStream for keyBy(). */
  createKeyedStream<T, K extends Key>(inputs: readonly StreamInput[], selector: KeySelector<T, K>): KeyedStream<T, K> {
    return new KeyedStream<T, K>(this, inputs, selector);
  }

  /** Internal: adds an operator reading from `inputs`. */
  addOperator<R>(
    kind: string,
    name: string,
    inputs: readonly StreamInput[],
    fns: Record<string, unknown>,
    config: JsonObject = {},
    inputIndex: 0 | 1 = 0,
    secondInputs?: readonly StreamInput[],
  ): SingleOutputStreamOperator<R> {
    const node = this.streamGraph.addNode({
      kind,
      name,
      parallelism: this.parallelism,
      parallelismSet: false,
      slotSharingGroup: this.slotSharingGroupOf(inputs, secondInputs),
      chaining: "always",
      inputs: secondInputs ? 2 : 1,
      config,
      fns,
    });
    this.connectInputs(node.id, inputs, inputIndex);
    if (secondInputs) this.connectInputs(node.id, secondInputs, 1);
    return new SingleOutputStreamOperator<R>(this, node);
  }

  private connectInputs(target: number, inputs: readonly StreamInput[], inputIndex: 0 | 1): void {
    for (const input of inputs) {
      this.streamGraph.addEdge({
        source: input.nodeId,
        target,
        partitioner: input.partitioner,
        inputIndex,
        sideOutput: input.sideOutput,
        fns: input.fns ?? {},
      });
    }
  }

  /** Like Flink: an operator inherits the slot sharing group of its inputs when they agree. */
  private slotSharingGroupOf(inputs: readonly StreamInput[], more?: readonly StreamInput[]): string {
    const groups = new Set([...inputs, ...(more ?? [])].map((i) => this.streamGraph.node(i.nodeId).slotSharingGroup));
    return groups.size === 1 ? [...groups][0]! : "default";
  }
}

/** "k1:v1" items (pipeline.global-job-parameters) into a record. */
function parseParameters(items: readonly string[], key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const at = item.indexOf(":");
    if (at <= 0) throw new ConfigurationError(`${key}: "${item}" is not a key:value pair`);
    out[item.slice(0, at).trim()] = item.slice(at + 1).trim();
  }
  return out;
}

function assertPositiveInt(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer, got ${n}`);
}

export { DataStream };
