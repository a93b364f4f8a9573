/**
 * Drives one operator without a cluster (Flink's OneInputStreamOperatorTestHarness and
 * TwoInputStreamOperatorTestHarness in one): the test feeds records and watermarks, moves
 * processing time, and reads everything the operator emitted, in order. With `channels`, each
 * input has that many upstream channels whose watermarks and statuses are combined as a task's
 * input gate combines them (StatusWatermarkValve), as Flink's StreamTaskTestHarness does.
 */
import type { Key, KeySelector } from "../api/functions.js";
import type { JsonObject } from "../graph/stream-graph.js";
import { keyGroupRange } from "../graph/key-groups.js";
import { NO_TIMESTAMP } from "../runtime/network/record-batch-codec.js";
import { StatusWatermarkValve, deliverValveChange } from "../runtime/network/status-watermark-valve.js";
import { operatorFactory } from "../runtime/operators/operator-registry.js";
import type { Output } from "../runtime/operators/output.js";
import type { OperatorContext, StreamOperator } from "../runtime/operators/stream-operator.js";
import { HeapKeyedStateBackend } from "../runtime/state/heap-keyed-state-backend.js";
import type { KeyedStateBackend } from "../runtime/state/keyed-state-backend.js";
import { OperatorStateBackend, type OperatorStateSnapshot } from "../runtime/state/operator-state-backend.js";
import { ManualProcessingTimeService } from "./manual-processing-time.js";
import { TaskAccumulators } from "../runtime/tasks/task-accumulators.js";
import type { MetricGroupImpl } from "../runtime/metrics/metric-group.js";
import { unregisteredGroup } from "../runtime/metrics/scopes.js";

export type EmittedElement =
  | { kind: "record"; value: unknown; timestamp: number | undefined }
  | { kind: "side"; tag: string; value: unknown; timestamp: number | undefined }
  | { kind: "watermark"; timestamp: number }
  | { kind: "stream-status"; idle: boolean };

export interface HarnessOptions {
  /** The user functions, as the API records them (e.g. `{ fn }`, `{ sink }`, `{ watermarks }`). */
  fns?: Record<string, unknown>;
  config?: JsonObject;
  /** Key selectors per input; makes the operator keyed. */
  keySelectors?: Array<KeySelector<never, Key> | undefined>;
  inputs?: 1 | 2;
  parallelism?: number;
  subtaskIndex?: number;
  maxParallelism?: number;
  settings?: Record<string, unknown>;
  startTime?: number;
  /** Upstream channels per input: watermarks and statuses then name their channel and pass a valve. */
  channels?: number;
  /** The keyed backend to use (e.g. an LMDB one) instead of a heap backend for the operator's key-group range. */
  keyedStateBackend?: KeyedStateBackend;
  /** Operator state to restore from (a previous harness's snapshot()); the operator then starts restored. */
  restoredOperatorState?: OperatorStateSnapshot;
}

export class OperatorTestHarness {
  readonly output: EmittedElement[] = [];
  readonly collected: unknown[] = [];
  /** The accumulators the operator's functions registered. */
  readonly accumulators = new TaskAccumulators();
  readonly time: ManualProcessingTimeService;
  readonly operator: StreamOperator;
  /** What the operator's user functions registered through getMetricGroup(); `metricGroup.dumpInto` reads it. */
  readonly metricGroup: MetricGroupImpl = unregisteredGroup("harness");
  /** Per input, when the harness has channels. */
  private readonly valves: StatusWatermarkValve[] | undefined;
  private readonly operatorState: OperatorStateBackend;
  private readonly restored: boolean;

  /** `kind` names a registered operator; or give a factory for one that is not (e.g. a SourceOperator). */
  constructor(kind: string | ((ctx: OperatorContext) => StreamOperator), options: HarnessOptions = {}) {
    this.time = new ManualProcessingTimeService(options.startTime ?? 0);
    const parallelism = options.parallelism ?? 1;
    const subtaskIndex = options.subtaskIndex ?? 0;
    const maxParallelism = options.maxParallelism ?? 128;
    const range = keyGroupRange(maxParallelism, parallelism, subtaskIndex);
    const keySelectors = (options.keySelectors ?? []) as Array<KeySelector<unknown, Key> | undefined>;
    const metricGroup = this.metricGroup;
    const name = typeof kind === "string" ? kind : "operator";
    this.operatorState = new OperatorStateBackend(options.restoredOperatorState ?? {});
    this.restored = options.restoredOperatorState !== undefined;
    this.operator = (typeof kind === "string" ? operatorFactory(kind) : kind)({
      descriptor: {
        nodeId: 1,
        kind: name,
        name: `${name} under test`,
        uid: "under-test",
        inputs: options.inputs ?? 1,
        config: options.config ?? {},
        chainedOutputs: [],
        networkOutputs: [],
      },
      fns: options.fns ?? {},
      keySelectors,
      runtimeContext: { jobId: "test-job", taskName: name, subtaskIndex, parallelism, maxParallelism, attemptNumber: 0, globalJobParameters: {}, ...this.accumulators.context, getMetricGroup: () => metricGroup },
      keyedState: keySelectors.some((k) => k) ? (options.keyedStateBackend ?? new HeapKeyedStateBackend(maxParallelism, range.start, range.end)) : undefined,
      processingTime: this.time,
      settings: options.settings ?? {},
      collect: (values) => this.collected.push(...values),
      operatorState: this.operatorState,
      isRestored: this.restored,
    });
    const ts = (t: number): number | undefined => (t === NO_TIMESTAMP ? undefined : t);
    const out: Output = {
      collect: (value, timestamp) => this.output.push({ kind: "record", value, timestamp: ts(timestamp) }),
      collectSide: (tag, value, timestamp) => this.output.push({ kind: "side", tag, value, timestamp: ts(timestamp) }),
      emitWatermark: (timestamp) => this.output.push({ kind: "watermark", timestamp }),
      emitStreamStatus: (idle) => this.output.push({ kind: "stream-status", idle }),
    };
    this.operator.setOutput(out);
    if (options.channels !== undefined) {
      this.valves = Array.from({ length: options.inputs ?? 1 }, () => {
        const valve = new StatusWatermarkValve();
        for (let c = 0; c < options.channels!; c++) valve.addChannel();
        return valve;
      });
    }
  }

  /** As the task does: initializeState (restored or not), then open. */
  async open(): Promise<this> {
    this.operator.initializeState(this.restored);
    await this.operator.open();
    return this;
  }

  processElement(value: unknown, timestamp?: number): void {
    this.operator.processElement(value, timestamp ?? NO_TIMESTAMP, 0);
  }

  processElement2(value: unknown, timestamp?: number): void {
    this.operator.processElement(value, timestamp ?? NO_TIMESTAMP, 1);
  }

  /** A watermark on an input; with channels, on `channel` of that input. */
  processWatermark(timestamp: number, input = 0, channel?: number): void {
    if (this.valves) deliverValveChange(this.valve(input, channel).inputWatermark(channel!, timestamp), this.operator, input);
    else this.operator.processWatermark(timestamp, input);
  }

  /** A stream status (idle or active) on an input; with channels, on `channel` of that input. */
  processStreamStatus(idle: boolean, input = 0, channel?: number): void {
    if (this.valves) deliverValveChange(this.valve(input, channel).inputStreamStatus(channel!, idle), this.operator, input);
    else this.operator.processStreamStatus(idle, input);
  }

  private valve(input: number, channel: number | undefined): StatusWatermarkValve {
    if (channel === undefined) throw new Error("this harness has channels: name the channel of the watermark or status");
    return this.valves![input]!;
  }

  /** Moves processing time forward, firing due processing-time timers. */
  setProcessingTime(timestamp: number): void {
    this.time.advanceTo(timestamp);
  }

  /** Takes checkpoint `checkpointId` as the task does; returns the operator state it holds. */
  async snapshot(checkpointId: number, options: { timestamp?: number; isSavepoint?: boolean } = {}): Promise<OperatorStateSnapshot> {
    await this.operator.snapshotState(checkpointId, { isSavepoint: options.isSavepoint ?? false, timestamp: options.timestamp ?? this.time.now() });
    return this.operatorState.snapshot();
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    await this.operator.notifyCheckpointComplete(checkpointId);
  }

  notifyCheckpointAborted(checkpointId: number): void {
    this.operator.notifyCheckpointAborted(checkpointId);
  }

  async endInput(input = 0): Promise<void> {
    await this.operator.endInput(input);
  }

  async finish(): Promise<void> {
    await this.operator.finish();
  }

  async close(): Promise<void> {
    await this.operator.close();
  }

  /** Values of the main output's records, in order. */
  records(): unknown[] {
    return this.output.filter((e) => e.kind === "record").map((e) => (e as { value: unknown }).value);
  }

  sideOutput(tag: string): unknown[] {
    return this.output.filter((e) => e.kind === "side" && e.tag === tag).map((e) => (e as { value: unknown }).value);
  }

  watermarks(): number[] {
    return this.output.filter((e) => e.kind === "watermark").map((e) => (e as { timestamp: number }).timestamp);
  }

  clearOutput(): void {
    this.output.length = 0;
  }
}
