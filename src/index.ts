/** The public API of Sluice: what job authors import from "sluice". */
export { defineJob, type JobDefinition, type JobDefinitionFunction } from "./api/job.js";
export { StreamExecutionEnvironment, DEFAULT_MAX_PARALLELISM } from "./api/environment.js";
export { DataStream, SingleOutputStreamOperator, DataStreamSink } from "./api/data-stream.js";
export { KeyedStream } from "./api/keyed-stream.js";
export type { NumericField, AggregationKind, AggregationField } from "./api/aggregation.js";
export { OutputTag } from "./api/output-tag.js";
export type * from "./api/functions.js";
export type * from "./api/checkpointed-function.js";
export type { RuntimeExecutionMode } from "./api/runtime-mode.js";
export type { CloseableIterator } from "./api/collect-iterator.js";
export type { RuntimeContext } from "./api/runtime-context.js";
export type * from "./api/metrics.js";
export type * from "./api/source.js";
export type * from "./api/sink.js";
export { WatermarkStrategy, WatermarkAlignmentNotSupportedError, type WatermarkGenerator, type WatermarkOutput, type TimestampAssigner } from "./api/watermark-strategy.js";
export { RestartStrategies, type RestartStrategyConfig } from "./api/restart-strategy.js";
export type { StateBackendType } from "./runtime/state/keyed-state-backend.js";
export { DataGeneratorSource, type DataGeneratorOptions } from "./connectors/data-generator-source.js";
export { SequenceSource } from "./api/builtin/sequence-source.js";
export { CollectionSource } from "./api/builtin/collection-source.js";
export { TextFileSource } from "./api/builtin/text-file-source.js";
export { FileSource, FileSourceBuilder, type FileSplit, type FileEnumeratorState } from "./api/builtin/file-source.js";
export { SocketTextSource } from "./api/builtin/socket-text-source.js";
export { PrintSink } from "./api/builtin/print-sink.js";
export { TextFileSink } from "./api/builtin/text-file-sink.js";
export { OperatorTestHarness, type EmittedElement, type HarnessOptions } from "./testing/operator-test-harness.js";
// State and time
export type { StreamingRuntimeContext } from "./api/runtime-context.js";
export type * from "./api/state/state.js";
export type { AggregateFunction } from "./api/state/aggregate-function.js";
export {
  StateDescriptor,
  ValueStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  AggregatingStateDescriptor,
  type StateKind,
} from "./api/state/state-descriptors.js";
export { StateTtlConfig, StateTtlConfigBuilder, type TtlUpdateType } from "./api/state/state-ttl-config.js";
export { Time } from "./api/windowing/time.js";
export { TimeWindow, GlobalWindow, type Window, type Namespace } from "./api/windowing/windows.js";
export { WindowAssigner, MergingWindowAssigner, type WindowAssignerContext } from "./api/windowing/window-assigner.js";
export {
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  SlidingEventTimeWindows,
  SlidingProcessingTimeWindows,
  EventTimeSessionWindows,
  ProcessingTimeSessionWindows,
  GlobalWindows,
  type SessionGapExtractor,
} from "./api/windowing/time-window-assigners.js";
export { Trigger, TriggerResult, type TriggerContext, type OnMergeContext } from "./api/windowing/trigger.js";
export {
  EventTimeTrigger,
  ProcessingTimeTrigger,
  CountTrigger,
  ContinuousEventTimeTrigger,
  ContinuousProcessingTimeTrigger,
  PurgingTrigger,
  NeverTrigger,
} from "./api/windowing/triggers.js";
export { CountEvictor, TimeEvictor, type Evictor, type EvictorContext, type TimestampedValue } from "./api/windowing/evictors.js";
export { DeltaTrigger, DeltaEvictor, type DeltaFunction } from "./api/windowing/delta.js";
export { ProcessingTimeoutTrigger } from "./api/windowing/processing-timeout-trigger.js";
export { EndOfStreamTrigger } from "./api/windowing/end-of-stream-trigger.js";
export { WindowStagger } from "./api/windowing/window-stagger.js";
export type * from "./api/windowing/window-functions.js";
export { WindowedStream, AllWindowedStream } from "./api/windowing/windowed-stream.js";
export type * from "./api/process/keyed-process-function.js";
export type * from "./api/process/co-functions.js";
export type * from "./api/process/broadcast-functions.js";
export type * from "./api/process/join-functions.js";
export {
  ConnectedStreams,
  KeyedConnectedStreams,
  BroadcastStream,
  BroadcastConnectedStream,
  KeyedBroadcastConnectedStream,
  type MapStateDescriptorLike,
} from "./api/process/connected-streams.js";
export { JoinedStreams, CoGroupedStreams, type TaggedUnion } from "./api/process/joined-streams.js";
export { IntervalJoin, IntervalJoined } from "./api/process/interval-join.js";
export { AsyncDataStream, DEFAULT_ASYNC_CAPACITY } from "./api/async/async-data-stream.js";
export { AsyncTimeoutError, type AsyncFunction, type RichAsyncFunction, type ResultFuture } from "./api/async/async-function.js";
// Exactly-once sinks: two-phase commit; the sink interfaces come with "./api/sink.js" above.
export { FileSink, defaultRowEncoder, isCommittedPartFile, type FileTransaction, type RowEncoder } from "./connectors/file-sink/index.js";
export { PostgresSink, type PostgresSinkOptions, type PostgresTransaction } from "./connectors/postgres/postgres-sink.js";
// Deserialization and bad-message policies shared by the connectors (docs/connectors.md).
export { jsonDeserializer, deserializer, type DeserializationSchema, type BadMessagePolicy, type DeadLetter } from "./connectors/common/deserialization.js";
// Redis Streams: a source with split discovery and an exactly-once sink (docs/connectors.md, "Redis Streams").
export {
  RedisStreamSource,
  RedisStreamSourceBuilder,
  StartingPositions,
  RedisStreamSink,
  RedisConnectorError,
  RedisUnavailableError,
  RedisAuthenticationError,
  RedisStreamNotFoundError,
  RedisBadMessageError,
  type StartingPosition,
  type RedisStreamEntry,
  type EventTimeSource,
  type RedisStreamSplit,
  type RedisStreamEnumeratorState,
  type RedisStreamSinkOptions,
  type RedisStreamTransaction,
  type RedisStreamFields,
  type RedisConnectionOptions,
} from "./connectors/redis/index.js";
// NATS JetStream: a source split by subject and an exactly-once sink (docs/connectors.md, "NATS JetStream").
export {
  NatsJetStreamSource,
  NatsJetStreamSourceBuilder,
  NatsJetStreamSink,
  NatsStartingPosition,
  NatsAuthenticationError,
  NatsBadMessageError,
  NatsConfigurationError,
  NatsConnectorError,
  NatsStreamNotFoundError,
  NatsUnavailableError,
  type NatsJetStreamSinkOptions,
  type NatsTransaction,
  type NatsSubjectSplit,
  type NatsEnumeratorState,
  type NatsConnectionOptions,
} from "./connectors/nats/index.js";
export { PostgresCdcSource, PostgresCdcSourceBuilder, type PostgresCdcOptions } from "./connectors/postgres/cdc/postgres-cdc-source.js";
export type { CdcSplit, ChangeOp, ChangeRecord, ChangeSource } from "./connectors/postgres/cdc/change-record.js";
export { PostgresCdcError } from "./connectors/postgres/cdc/cdc-errors.js";
// Nexmark: the benchmark's generator as a source, its model and watermark strategy.
export { NexmarkSource, nexmarkWatermarkStrategy, NEXMARK_OUT_OF_ORDERNESS_MS, type NexmarkSourceOptions, type NexmarkSplit } from "./connectors/nexmark/nexmark-source.js";
export { createNexmarkConfig, DEFAULT_NEXMARK_CONFIG, type NexmarkGeneratorConfig } from "./connectors/nexmark/generator-config.js";
export { nexmarkEventTime, type NexmarkEvent, type NexmarkEventType, type Person, type Auction, type Bid } from "./connectors/nexmark/model.js";
export {
  IntCounter,
  LongCounter,
  DoubleCounter,
  Histogram,
  AverageAccumulator,
  ListAccumulator,
  AccumulatorError,
  type Accumulator,
  type AccumulatorContext,
} from "./api/accumulators.js";
export {
  AsyncRetryStrategies,
  RetryPredicates,
  FixedDelayRetryStrategyBuilder,
  ExponentialBackoffDelayRetryStrategyBuilder,
  type AsyncRetryStrategy,
} from "./api/async/async-retry.js";
export { CheckpointConfig, type CheckpointingMode, type ExternalizedCheckpointRetention } from "./api/checkpoint-config.js";
export { ExecutionConfig } from "./api/execution-config.js";
