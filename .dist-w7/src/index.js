/** The public API of Sluice: what job authors import from "sluice". */
export { defineJob } from "./api/job.js";
export { StreamExecutionEnvironment, DEFAULT_MAX_PARALLELISM } from "./api/environment.js";
export { DataStream, SingleOutputStreamOperator, DataStreamSink } from "./api/data-stream.js";
export { KeyedStream } from "./api/keyed-stream.js";
export { OutputTag } from "./api/output-tag.js";
export { WatermarkStrategy } from "./api/watermark-strategy.js";
export { RestartStrategies } from "./api/restart-strategy.js";
export { DataGeneratorSource } from "./connectors/data-generator-source.js";
export { SequenceSource } from "./connectors/sequence-source.js";
export { CollectionSource } from "./connectors/collection-source.js";
export { TextFileSource } from "./connectors/text-file-source.js";
export { SocketTextSource } from "./connectors/socket-text-source.js";
export { PrintSink } from "./connectors/print-sink.js";
export { TextFileSink } from "./connectors/text-file-sink.js";
export { OperatorTestHarness } from "./testing/operator-test-harness.js";
export { StateDescriptor, ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, AggregatingStateDescriptor, } from "./api/state/state-descriptors.js";
export { StateTtlConfig, StateTtlConfigBuilder } from "./api/state/state-ttl-config.js";
export { Time } from "./api/windowing/time.js";
export { TimeWindow, GlobalWindow } from "./api/windowing/windows.js";
export { WindowAssigner, MergingWindowAssigner } from "./api/windowing/window-assigner.js";
export { TumblingEventTimeWindows, TumblingProcessingTimeWindows, SlidingEventTimeWindows, SlidingProcessingTimeWindows, EventTimeSessionWindows, ProcessingTimeSessionWindows, GlobalWindows, } from "./api/windowing/time-window-assigners.js";
export { Trigger, TriggerResult } from "./api/windowing/trigger.js";
export { EventTimeTrigger, ProcessingTimeTrigger, CountTrigger, ContinuousEventTimeTrigger, ContinuousProcessingTimeTrigger, PurgingTrigger, NeverTrigger, } from "./api/windowing/triggers.js";
export { CountEvictor, TimeEvictor } from "./api/windowing/evictors.js";
export { WindowedStream, AllWindowedStream } from "./api/windowing/windowed-stream.js";
export { ConnectedStreams, KeyedConnectedStreams, BroadcastStream, BroadcastConnectedStream, KeyedBroadcastConnectedStream, } from "./api/process/connected-streams.js";
export { JoinedStreams, CoGroupedStreams } from "./api/process/joined-streams.js";
export { IntervalJoin, IntervalJoined } from "./api/process/interval-join.js";
export { AsyncDataStream, DEFAULT_ASYNC_CAPACITY } from "./api/async/async-data-stream.js";
export { AsyncTimeoutError } from "./api/async/async-function.js";
// Exactly-once sinks (issue 4): two-phase commit; the sink interfaces come with "./api/sink.js" above.
export { FileSink, defaultRowEncoder, isCommittedPartFile } from "./connectors/file-sink/index.js";
export { PostgresSink } from "./connectors/postgres/postgres-sink.js";
// Nexmark (issue 8): the benchmark's generator as a source, its model and watermark strategy.
export { NexmarkSource, nexmarkWatermarkStrategy, NEXMARK_OUT_OF_ORDERNESS_MS } from "./connectors/nexmark/nexmark-source.js";
export { createNexmarkConfig, DEFAULT_NEXMARK_CONFIG } from "./connectors/nexmark/generator-config.js";
export { nexmarkEventTime } from "./connectors/nexmark/model.js";
//# sourceMappingURL=index.js.map