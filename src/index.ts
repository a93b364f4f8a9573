/** The public API of Sluice: what job authors import from "sluice". */
export { defineJob, type JobDefinition, type JobDefinitionFunction } from "./api/job.js";
export { StreamExecutionEnvironment, DEFAULT_MAX_PARALLELISM } from "./api/environment.js";
export { DataStream, SingleOutputStreamOperator, DataStreamSink } from "./api/data-stream.js";
export { KeyedStream, type NumericField, type AggregationKind } from "./api/keyed-stream.js";
export { OutputTag } from "./api/output-tag.js";
export type * from "./api/functions.js";
export type { RuntimeContext } from "./api/runtime-context.js";
export type * from "./api/source.js";
export type * from "./api/sink.js";
export { WatermarkStrategy, type WatermarkGenerator, type WatermarkOutput, type TimestampAssigner } from "./api/watermark-strategy.js";
export { RestartStrategies, type RestartStrategyConfig } from "./api/restart-strategy.js";
export { DataGeneratorSource, type DataGeneratorOptions } from "./connectors/data-generator-source.js";
export { SequenceSource } from "./connectors/sequence-source.js";
export { CollectionSource } from "./connectors/collection-source.js";
export { TextFileSource } from "./connectors/text-file-source.js";
export { SocketTextSource } from "./connectors/socket-text-source.js";
export { PrintSink } from "./connectors/print-sink.js";
export { TextFileSink } from "./connectors/text-file-sink.js";
export { OperatorTestHarness, type EmittedElement, type HarnessOptions } from "./testing/operator-test-harness.js";
export {
  ValueStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  AggregatingStateDescriptor,
} from "./api/state/state-descriptors.js";
export type * from "./api/state/state.js";
export type { StreamingRuntimeContext } from "./api/runtime-context.js";
