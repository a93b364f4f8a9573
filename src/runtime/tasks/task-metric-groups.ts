/**
 * The standard metrics of a task and of its chained operators, with Flink's names
 * (docs/metrics.md, "Task and operator"). They are views on what the task counts anyway — the
 * records and bytes it reads, the network layer's output counters, the time accounting, the input
 * gate's watermark and queues — so nothing is counted twice; only per-operator record counts and
 * watermarks inside a chain are extra, and only where they differ (chain-io-metrics.ts).
 */
import type { Counter, MetricGroup } from "../../api/metrics.js";
import type { MetricGroupImpl, MetricRegistry } from "../metrics/metric-group.js";
import type { MetricGroupDump } from "../metrics/metric-dump.js";
import { MeterView, SimpleCounter } from "../metrics/metric-types.js";
import { operatorGroup, taskGroup, type TaskScope } from "../metrics/scopes.js";
import type { TimeAccounting } from "./time-accounting.js";

/** Flink's Long.MIN_VALUE: "no watermark yet" (exactly representable as a double). */
export const NO_WATERMARK_VALUE = -(2 ** 63);

export interface TaskIoSources {
  numRecordsIn: Counter;
  numBytesIn: Counter;
  numRecordsOut: Counter;
  numBytesOut: Counter;
  accounting: TimeAccounting;
  inputWatermark(): number | null;
  /** Buffers received and not yet processed / buffers waiting for credit. */
  inputQueueLength(): number;
  outputQueueLength(): number;
  /** Credits granted to all input channels: the capacity inputQueueLength is measured against. */
  inputCapacity(): number;
  /** Output channels holding buffers that wait for credit, and all output channels (for outPoolUsage). */
  backloggedOutputChannels(): number;
  outputChannels(): number;
}

function registerIo(g: MetricGroup, recordsIn: Counter, recordsOut: Counter): void {
  g.counter("numRecordsIn", recordsIn);
  g.counter("numRecordsOut", recordsOut);
  g.meter("numRecordsInPerSecond", new MeterView(recordsIn));
  g.meter("numRecordsOutPerSecond", new MeterView(recordsOut));
}

/** Flink's Long.MAX_VALUE (the final watermark), as near as a double gets. */
export const MAX_WATERMARK_VALUE = 2 ** 63;

const watermarkValue = (w: number | null): number =>
  w === null || Number.isNaN(w) || w === Number.NEGATIVE_INFINITY ? NO_WATERMARK_VALUE : w === Number.POSITIVE_INFINITY ? MAX_WATERMARK_VALUE : Math.trunc(w);

/**
 * The counters and watermarks of one operator in a chain; chain-io-metrics.ts decides which
 * counters are shared and where the others are counted.
 */
export class OperatorIoMetrics {
  inputWatermark = Number.NEGATIVE_INFINITY;
  outputWatermark = Number.NEGATIVE_INFINITY;

  constructor(
    readonly group: MetricGroup,
    readonly numRecordsIn: Counter,
    readonly numRecordsOut: Counter,
    options: {
      /** The head's input watermark (the input gate's). */
      headInputWatermark?: () => number | null;
      /** The only successor, whose input watermark is this operator's output watermark. */
      outputWatermarkOf?: OperatorIoMetrics;
      isSource: boolean;
    },
  ) {
    registerIo(group, numRecordsIn, numRecordsOut);
    const head = options.headInputWatermark;
    const successor = options.outputWatermarkOf;
    group.gauge("currentInputWatermark", head ? () => watermarkValue(head()) : () => watermarkValue(this.inputWatermark));
    group.gauge("currentOutputWatermark", successor ? () => watermarkValue(successor.inputWatermark) : () => watermarkValue(this.outputWatermark));
    const isSource = options.isSource;
    // FLIP-33: how far the source's watermark is behind the wall clock.
    if (isSource) {
      group.gauge("watermarkLag", () => {
        const w = successor ? successor.inputWatermark : this.outputWatermark;
        return Number.isFinite(w) ? Math.max(0, Date.now() - w) : 0;
      });
    }
  }
}

export class TaskMetricGroups {
  readonly task: MetricGroupImpl;
  /** What a task with inputs reads (source tasks count what their reader emits instead). */
  readonly numRecordsIn = new SimpleCounter();
  readonly numBytesIn = new SimpleCounter();
  private readonly operators: MetricGroupImpl[] = [];

  constructor(
    private readonly registry: MetricRegistry,
    private readonly scope: TaskScope,
    /** metrics.operator-io.enabled: count records and watermarks per chained operator. */
    readonly operatorIo: boolean,
  ) {
    this.task = taskGroup(registry, scope);
  }

  operator(operatorId: string, operatorName: string): MetricGroupImpl {
    const g = operatorGroup(this.registry, this.scope, operatorId, operatorName);
    this.operators.push(g);
    return g;
  }

  registerTask(s: TaskIoSources): void {
    const g = this.task;
    registerIo(g, s.numRecordsIn, s.numRecordsOut);
    g.counter("numBytesIn", s.numBytesIn);
    g.counter("numBytesOut", s.numBytesOut);
    g.meter("numBytesInPerSecond", new MeterView(s.numBytesIn));
    g.meter("numBytesOutPerSecond", new MeterView(s.numBytesOut));
    g.gauge("busyTimeMsPerSecond", () => s.accounting.perSecond().busy);
    g.gauge("idleTimeMsPerSecond", () => s.accounting.perSecond().idle);
    g.gauge("backPressuredTimeMsPerSecond", () => s.accounting.perSecond().backpressured);
    g.gauge("accumulatedBusyTime", () => s.accounting.accumulated().busy);
    g.gauge("accumulatedIdleTime", () => s.accounting.accumulated().idle);
    g.gauge("accumulatedBackPressuredTime", () => s.accounting.accumulated().backpressured);
    g.gauge("currentInputWatermark", () => watermarkValue(s.inputWatermark()));
    g.gauge("buffers.inputQueueLength", s.inputQueueLength);
    g.gauge("buffers.outputQueueLength", s.outputQueueLength);
    g.gauge("buffers.inPoolUsage", () => {
      const capacity = s.inputCapacity();
      return capacity > 0 ? Math.min(1, s.inputQueueLength() / capacity) : 0;
    });
    // A channel's producer may fill one buffer and then waits for credit (docs/metrics.md): a
    // backlogged channel is a full pool for it, so the share of backlogged channels plays the part of
    // Flink's outPoolUsage — 1 when every consumer backpressures this task.
    g.gauge("buffers.outPoolUsage", () => {
      const channels = s.outputChannels();
      return channels > 0 ? s.backloggedOutputChannels() / channels : 0;
    });
  }

  /** The task's and its operators' metrics now. */
  dump(): MetricGroupDump[] {
    const out: MetricGroupDump[] = [];
    this.task.dumpInto(out);
    for (const o of this.operators) o.dumpInto(out);
    return out;
  }

  close(): void {
    this.task.close();
    for (const o of this.operators) o.close();
  }
}

