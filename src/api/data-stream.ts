/**
 * DataStream and SingleOutputStreamOperator: the typed, fluent view over the StreamGraph.
 * A DataStream is a list of inputs (upstream node + how to partition from it); partitioning and
 * union only rewrite that list, they add no operator (Flink's virtual transformations).
 */
import type { JsonObject, PartitionerSpec, StreamNode } from "../graph/stream-graph.js";
import type { StreamExecutionEnvironment } from "./environment.js";
import type {
  FilterFunction,
  FlatMapFunction,
  Key,
  KeySelector,
  MapFunction,
  Partitioner,
  ProcessFunction,
  SinkFunction,
} from "./functions.js";
import { isTwoPhaseCommitSink, type Sink, type TwoPhaseCommitSink } from "./sink.js";
import { WatermarkAlignmentNotSupportedError, type WatermarkStrategy } from "./watermark-strategy.js";
import { CollectResultIterator, type CloseableIterator } from "./collect-iterator.js";
import { COLLECT_BATCH_SIZE_MAX } from "./pipeline-options.js";
import { readOption } from "../config/config-option.js";
import type { KeyedStream } from "./keyed-stream.js";
import { OutputTag } from "./output-tag.js";
import { PrintSink } from "./builtin/print-sink.js";
import { TextFileSink } from "./builtin/text-file-sink.js";
import { FunctionSink } from "./builtin/function-sink.js";
import { SocketSink } from "./builtin/socket-sink.js";
// State and time: the builders live in their own modules; these methods only delegate.
import {
  broadcastWithState,
  connectStreams,
  type BroadcastConnectedStream,
  type BroadcastStream,
  type ConnectedStreams,
  type MapStateDescriptorLike,
} from "./process/connected-streams.js";
import { CoGroupedStreams, JoinedStreams } from "./process/joined-streams.js";
import { AllWindowedStream } from "./windowing/windowed-stream.js";
import type { WindowAssigner } from "./windowing/window-assigner.js";
import { GlobalWindows } from "./windowing/time-window-assigners.js";
import { CountTrigger, PurgingTrigger } from "./windowing/triggers.js";
import { CountEvictor } from "./windowing/evictors.js";
import type { GlobalWindow, Window } from "./windowing/windows.js";

export interface StreamInput {
  nodeId: number;
  partitioner?: PartitionerSpec;
  sideOutput?: string;
  fns?: Record<string, unknown>;
}

export class DataStream<T> {
  /** Phantom member so that DataStream<A> and DataStream<B> are distinct types. */
  declare readonly __elementType?: (value: T) => T;

  constructor(
    readonly env: StreamExecutionEnvironment,
    /** @internal */ readonly inputs: readonly StreamInput[],
  ) {}

  map<R>(fn: MapFunction<T, R>): SingleOutputStreamOperator<R> {
    return this.env.addOperator<R>("map", "Map", this.inputs, { fn });
  }

  flatMap<R = never>(fn: FlatMapFunction<T, R>): SingleOutputStreamOperator<R> {
    return this.env.addOperator<R>("flatMap", "Flat Map", this.inputs, { fn });
  }

  filter(fn: FilterFunction<T>): SingleOutputStreamOperator<T> {
    return this.env.addOperator<T>("filter", "Filter", this.inputs, { fn });
  }

  process<R = never>(fn: ProcessFunction<T, R>): SingleOutputStreamOperator<R> {
    return this.env.addOperator<R>("process", "Process", this.inputs, { fn });
  }

  /** Partitions by key: every record with the same key goes to the same parallel instance (via its key group). */
  keyBy<K extends Key>(selector: KeySelector<T, K>): KeyedStream<T, K> {
    // Built by the environment so that this module needs KeyedStream (its subclass) only as a type.
    return this.env.createKeyedStream<T, K>(this.repartition({ type: "hash" }, { key: selector }), selector);
  }

  union(...others: DataStream<T>[]): DataStream<T> {
    for (const o of others) {
      if (o.env !== this.env) throw new Error("union(): streams belong to different environments");
    }
    return new DataStream<T>(this.env, [...this.inputs, ...others.flatMap((o) => o.inputs)]);
  }

  /** Each subtask sends to the subtask with the same index (parallelism must match). */
  forward(): DataStream<T> {
    return this.partitionedBy("forward");
  }

  /** Round-robin over all downstream subtasks. */
  rebalance(): DataStream<T> {
    return this.partitionedBy("rebalance");
  }

  /** Round-robin over a local subset of downstream subtasks. */
  rescale(): DataStream<T> {
    return this.partitionedBy("rescale");
  }

  /** Uniformly random downstream subtask. */
  shuffle(): DataStream<T> {
    return this.partitionedBy("shuffle");
  }

  /** Every record to every downstream subtask. */
  broadcast(): DataStream<T>;
  /** The broadcast state pattern: connect the result to a stream and process it with broadcast state. */
  broadcast(...descriptors: [MapStateDescriptorLike, ...MapStateDescriptorLike[]]): BroadcastStream<T>;
  broadcast(...descriptors: MapStateDescriptorLike[]): DataStream<T> | BroadcastStream<T> {
    if (descriptors.length > 0) return broadcastWithState(this, descriptors);
    return this.partitionedBy("broadcast");
  }

  /** Everything to the first downstream subtask. */
  global(): DataStream<T> {
    return this.partitionedBy("global");
  }

  partitionCustom<K extends Key>(partitioner: Partitioner<K>, selector: KeySelector<T, K>): DataStream<T> {
    return new DataStream<T>(this.env, this.repartition({ type: "custom" }, { key: selector, partitioner }));
  }

  assignTimestampsAndWatermarks(strategy: WatermarkStrategy<T>): SingleOutputStreamOperator<T> {
    if (strategy.alignment) {
      // As in Flink: alignment pauses a source's reader, and an operator after the source has none to pause.
      throw new WatermarkAlignmentNotSupportedError(
        `withWatermarkAlignment("${strategy.alignment.group}", …) only works on a source: pass the strategy to env.fromSource(source, strategy) ` +
          "instead of assignTimestampsAndWatermarks(), or drop withWatermarkAlignment() here",
      );
    }
    return this.env.addOperator<T>("timestamps-watermarks", "Timestamps/Watermarks", this.inputs, { watermarks: strategy });
  }

  /** Processes this stream and `other` in one operator (co-functions), or with broadcast state. */
  connect<T2>(other: BroadcastStream<T2>): BroadcastConnectedStream<T, T2>;
  connect<T2>(other: DataStream<T2>): ConnectedStreams<T, T2>;
  connect<T2>(other: DataStream<T2> | BroadcastStream<T2>): ConnectedStreams<T, T2> | BroadcastConnectedStream<T, T2> {
    return connectStreams(this, other);
  }

  /** Window join: `join(other).where(k1).equalTo(k2).window(assigner).apply(fn)`. */
  join<T2>(other: DataStream<T2>): JoinedStreams<T, T2> {
    return new JoinedStreams<T, T2>(this, other);
  }

  /** Window coGroup: like join, but the function gets both sides' elements per key and window. */
  coGroup<T2>(other: DataStream<T2>): CoGroupedStreams<T, T2> {
    return new CoGroupedStreams<T, T2>(this, other);
  }

  /** Windows over the whole (non-keyed) stream, evaluated by one instance. */
  windowAll<W extends Window>(assigner: WindowAssigner<T, W>): AllWindowedStream<T, W> {
    return new AllWindowedStream<T, W>(this, assigner);
  }

  /** Windows of `size` elements (sliding by `slide` elements when given) over the whole stream. */
  countWindowAll(size: number, slide?: number): AllWindowedStream<T, GlobalWindow> {
    const w = this.windowAll(GlobalWindows.create()).evictor(CountEvictor.of(size));
    return slide === undefined ? w.trigger(PurgingTrigger.of(CountTrigger.of(size))) : w.trigger(CountTrigger.of(slide));
  }

  /**
   * The parallelism of the operator producing this stream (for a union, of its first input; the
   * environment's default until the operator's is set).
   */
  getParallelism(): number {
    return this.env.streamGraph.node(this.inputs[0]!.nodeId).parallelism;
  }

  /** Prints every record to standard output (the TaskManager's, or the client's on the MiniCluster). */
  print(prefix?: string): DataStreamSink<T> {
    return this.sinkTo(new PrintSink<T>(prefix), "Print to Std. Out");
  }

  /** Prints every record to standard error, formatted like print(). */
  printToErr(prefix?: string): DataStreamSink<T> {
    return this.sinkTo(new PrintSink<T>(prefix, "stderr"), "Print to Std. Err");
  }

  /** Writes every record, serialized by `serialize`, to a TCP socket (one connection per subtask). */
  writeToSocket(host: string, port: number, serialize: (value: T) => string | Uint8Array): DataStreamSink<T> {
    return this.sinkTo(new SocketSink<T>(host, port, serialize), `Socket Stream Sink ${host}:${port}`);
  }

  /** Writes records as lines, one file per parallel subtask under `path` (or `path` itself at parallelism 1). */
  writeAsText(path: string): DataStreamSink<T> {
    return this.sinkTo(new TextFileSink<T>(path), `Text File Sink ${path}`);
  }

  addSink(fn: SinkFunction<T>): DataStreamSink<T> {
    return this.sinkTo(new FunctionSink<T>(fn), "Sink");
  }

  /** Writes to a sink; a TwoPhaseCommitSink commits its output exactly once, at checkpoint completion. */
  sinkTo(sink: Sink<T> | TwoPhaseCommitSink<T, unknown>, name = "Sink"): DataStreamSink<T> {
    const kind = isTwoPhaseCommitSink(sink) ? "two-phase-commit-sink" : "sink";
    return new DataStreamSink<T>(this.env.addOperator<never>(kind, name, this.inputs, { sink }).node);
  }

  /**
   * Runs the job defined so far and resolves with its records (for tests and small jobs). With a
   * limit, resolves with the first `limit` records, fetched while the job runs, and cancels the job
   * then: that also works for unbounded jobs. Only one execution per job definition.
   */
  executeAndCollect(limit?: number): Promise<T[]> {
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new RangeError(`executeAndCollect(limit): limit must be a positive integer, got ${limit}`);
    if (limit === undefined) {
      // One collecting subtask, as in Flink, so the client receives a single stream.
      const sink = this.env.addOperator<never>("collect", "Collect Sink", this.inputs, {}).setParallelism(1);
      return this.env.requestExecution(sink.node.id) as Promise<T[]>;
    }
    return takeFirst(this.iterate({ collectLimit: limit }), limit);
  }

  /**
   * Runs the job defined so far and returns an iterator over its records while it runs (Flink's
   * collectAsync() followed by execute(): a Sluice definition has no execute(), so this starts the
   * job). Records are fetched through the JobMaster; with exactly-once checkpoints the iterator
   * hands out only records a completed checkpoint covers, so none repeats or goes missing across a
   * failure. Leaving the loop (`break`, return()) or close() cancels the job, which may be unbounded.
   * Only one execution per job definition.
   */
  collectAsync(): CloseableIterator<T> {
    return this.iterate({});
  }

  private iterate(config: JsonObject): CloseableIterator<T> {
    const maxBufferBytes = readOption(this.env.config, COLLECT_BATCH_SIZE_MAX);
    const sink = this.env.addOperator<never>("collect-iterator", "Collect Sink", this.inputs, {}, { ...config, maxBufferBytes }).setParallelism(1);
    return new CollectResultIterator<T>(this.env.requestIteration(sink.node.id));
  }

  /** This stream sent through a partitioner that needs no functions. */
  private partitionedBy(type: Exclude<PartitionerSpec["type"], "hash" | "custom">): DataStream<T> {
    return new DataStream<T>(this.env, this.repartition({ type } as PartitionerSpec));
  }

  protected repartition(partitioner: PartitionerSpec, fns?: Record<string, unknown>): StreamInput[] {
    return this.inputs.map((i) => ({ ...i, partitioner, fns: fns ?? i.fns }));
  }
}

/** A stream produced by one operator, whose properties can be set. */
export class SingleOutputStreamOperator<T> extends DataStream<T> {
  constructor(
    env: StreamExecutionEnvironment,
    /** @internal */ readonly node: StreamNode,
  ) {
    super(env, [{ nodeId: node.id }]);
  }

  /** Starts a new chain at this operator; its successors may still chain to it. */
  startNewChain(): this {
    this.node.chaining = "head";
    return this;
  }

  /** Records a process function emitted to `tag` with ctx.output(tag, value). */
  getSideOutput<X>(tag: OutputTag<X>): DataStream<X> {
    return new DataStream<X>(this.env, [{ nodeId: this.node.id, sideOutput: tag.id }]);
  }
}

/**
 * The properties of the operator behind a stream or a sink, set the same way on both (a mixin of
 * SingleOutputStreamOperator, which extends DataStream, and the base of DataStreamSink).
 */
abstract class OperatorProperties {
  /** @internal */ abstract readonly node: StreamNode;

  name(name: string): this {
    this.node.name = name;
    return this;
  }

  /** A stable id for matching state in savepoints; must be unique in the job. */
  uid(uid: string): this {
    this.node.uid = uid;
    return this;
  }

  /**
   * The operator's state id itself (Flink's setUidHash), e.g. the one a savepoint shows for an
   * operator that had no uid; wins over uid().
   */
  setUidHash(hash: string): this {
    if (!/^\S+$/.test(hash)) throw new RangeError(`uid hash must be a non-empty string without spaces, got "${hash}"`);
    this.node.uidHash = hash;
    return this;
  }

  /** A description shown in the job plan (REST and dashboard) instead of the name. */
  setDescription(description: string): this {
    this.node.config.description = description;
    return this;
  }

  /** The parallelism this operator runs at (the environment's default until set). */
  getParallelism(): number {
    return this.node.parallelism;
  }

  setMaxParallelism(maxParallelism: number): this {
    if (!Number.isInteger(maxParallelism) || maxParallelism < 1) throw new RangeError(`max parallelism must be a positive integer, got ${maxParallelism}`);
    this.node.maxParallelism = maxParallelism;
    return this;
  }

  /** Parallelism and max parallelism 1: the operator can never be scaled out. */
  forceNonParallel(): this {
    return this.setParallelism(1).setMaxParallelism(1);
  }

  /**
   * How long this operator's output may wait in a network buffer before it is sent (0: after
   * every record); overrides env.setBufferTimeout for this operator.
   */
  setBufferTimeout(ms: number): this {
    if (!(ms >= 0)) throw new RangeError(`buffer timeout must be >= 0, got ${ms}`);
    this.node.config.bufferTimeoutMs = ms;
    return this;
  }

  setParallelism(parallelism: number): this {
    if (!Number.isInteger(parallelism) || parallelism < 1) throw new RangeError(`parallelism must be a positive integer, got ${parallelism}`);
    if (this.node.config.nonParallel === true && parallelism !== 1) {
      throw new RangeError(`${this.node.name} is a non-parallel source: its parallelism must be 1`);
    }
    this.node.parallelism = parallelism;
    this.node.parallelismSet = true;
    return this;
  }

  slotSharingGroup(name: string): this {
    this.node.slotSharingGroup = name;
    return this;
  }

  /** This operator chains with neither its predecessor nor its successor. */
  disableChaining(): this {
    this.node.chaining = "never";
    return this;
  }
}

export interface SingleOutputStreamOperator<T> extends OperatorProperties {}
for (const method of Object.getOwnPropertyNames(OperatorProperties.prototype)) {
  if (method !== "constructor") Object.defineProperty(SingleOutputStreamOperator.prototype, method, Object.getOwnPropertyDescriptor(OperatorProperties.prototype, method)!);
}

/** The end of a pipeline; only its properties can be set. */
export class DataStreamSink<T> extends OperatorProperties {
  declare readonly __elementType?: (value: T) => void;
  constructor(/** @internal */ readonly node: StreamNode) {
    super();
  }
}

/** The first `limit` records of `records`; closing it afterwards cancels the job. */
async function takeFirst<T>(records: CloseableIterator<T>, limit: number): Promise<T[]> {
  const out: T[] = [];
  for await (const r of records) {
    out.push(r);
    if (out.length >= limit) break;
  }
  return out;
}
