/**
 * Per-operator record counts and watermarks inside an operator chain (docs/metrics.md, "Task and
 * operator"), at the least cost per record. Counters are shared wherever the count is the same
 * number: a head's numRecordsIn is the task's; an operator that emits exactly one record per input
 * (a source head, a map) has numRecordsOut = numRecordsIn; an operator whose only output is one
 * chained successor (with no other input) shares that successor's numRecordsIn. Only what remains
 * is counted, by a field increment where the predecessor calls the operator or in its output.
 * In a source → map → filter → sink chain that is one increment per record.
 */
import type { Counter, MetricGroup } from "../../api/metrics.js";
import type { JobVertex } from "../../graph/job-graph.js";
import { SimpleCounter } from "../metrics/metric-types.js";
import type { Output, RecordTarget } from "../operators/output.js";
import type { StreamOperator } from "../operators/stream-operator.js";
import { OperatorIoMetrics } from "./task-metric-groups.js";

/** Operator kinds that emit exactly one record per input record. */
const ONE_TO_ONE_KINDS = new Set(["map"]);

export interface OperatorIo {
  metrics: OperatorIoMetrics;
  /** The predecessor's call counts numRecordsIn (else it is shared with a count made elsewhere). */
  countsIn: boolean;
  /** The output counts numRecordsOut (else it is shared). */
  countsOut: boolean;
  /** The single chained successor whose input is this operator's output, if any. */
  onlySuccessor: number | undefined;
}

export function planOperatorIo(
  vertex: JobVertex,
  groupOf: (nodeId: number) => MetricGroup,
  taskRecordsIn: Counter,
  headInputWatermark: (() => number | null) | undefined,
): Map<number, OperatorIo> {
  const predecessors = new Map<number, number>();
  for (const d of vertex.operators) for (const c of d.chainedOutputs) predecessors.set(c.nodeId, (predecessors.get(c.nodeId) ?? 0) + 1);
  const inputOf = new Map<number, { counter: Counter; counted: boolean }>();
  const specs = new Map<number, { in: Counter; countsIn: boolean; out: Counter; countsOut: boolean; only: number | undefined }>();
  // Forward: who counts what (operators are in topological order).
  vertex.operators.forEach((d, i) => {
    const isHead = i === 0;
    const input = isHead ? { counter: taskRecordsIn, counted: false } : (inputOf.get(d.nodeId) ?? { counter: new SimpleCounter(), counted: true });
    const c = d.chainedOutputs[0];
    const only = d.chainedOutputs.length === 1 && d.networkOutputs.length === 0 && c!.sideOutput === undefined && predecessors.get(c!.nodeId) === 1 ? c!.nodeId : undefined;
    const oneToOne = (isHead && vertex.isSource) || ONE_TO_ONE_KINDS.has(d.kind);
    let out: Counter;
    if (oneToOne) out = input.counter;
    else out = new SimpleCounter();
    if (only !== undefined) inputOf.set(only, { counter: out, counted: !oneToOne });
    specs.set(d.nodeId, { in: input.counter, countsIn: input.counted, out, countsOut: !oneToOne && only === undefined, only });
  });
  // Backward: an operator's output watermark is its only successor's input watermark.
  const plans = new Map<number, OperatorIo>();
  [...vertex.operators].reverse().forEach((d) => {
    const s = specs.get(d.nodeId)!;
    const isHead = d === vertex.operators[0];
    const metrics = new OperatorIoMetrics(groupOf(d.nodeId), s.in, s.out, {
      headInputWatermark: isHead ? headInputWatermark : undefined,
      outputWatermarkOf: s.only !== undefined ? plans.get(s.only)!.metrics : undefined,
      isSource: isHead && vertex.isSource,
    });
    plans.set(d.nodeId, { metrics, countsIn: s.countsIn, countsOut: s.countsOut, onlySuccessor: s.only });
  });
  return plans;
}

/** A chained operator's input: counts its numRecordsIn (when that is its own count) and remembers its input watermark. */
export function chainedTarget(op: StreamOperator, io: OperatorIo | undefined): RecordTarget {
  if (io?.countsIn) {
    const recordsIn = io.metrics.numRecordsIn as SimpleCounter;
    const m = io.metrics;
    return {
      collect: (v, ts) => {
        recordsIn.count++;
        op.processElement(v, ts, 0);
      },
      emitWatermark: (w) => {
        m.inputWatermark = w;
        op.processWatermark(w, 0);
      },
      emitStreamStatus: (idle) => op.processStreamStatus(idle),
    };
  }
  const m = io?.metrics;
  return {
    collect: (v, ts) => op.processElement(v, ts, 0),
    emitWatermark: m
      ? (w) => {
          m.inputWatermark = w;
          op.processWatermark(w, 0);
        }
      : (w) => op.processWatermark(w, 0),
    emitStreamStatus: (idle) => op.processStreamStatus(idle),
  };
}

/** An operator's output, counting its numRecordsOut (when that is its own count) and remembering its output watermark. */
export function instrumentedOutput(out: Output, io: OperatorIo | undefined): Output {
  // With an only successor, that successor's input keeps both.
  if (!io || io.onlySuccessor !== undefined) return out;
  const m = io.metrics;
  const watermark = (w: number): void => {
    m.outputWatermark = w;
    out.emitWatermark(w);
  };
  // Records pass straight through (bound, not wrapped in another call).
  if (!io.countsOut) return { collect: out.collect.bind(out), collectSide: out.collectSide.bind(out), emitWatermark: watermark, emitStreamStatus: out.emitStreamStatus.bind(out) };
  const recordsOut = m.numRecordsOut as SimpleCounter;
  return {
    collect: (v, ts) => {
      recordsOut.count++;
      out.collect(v, ts);
    },
    collectSide: (tag, v, ts) => {
      recordsOut.count++;
      out.collectSide(tag, v, ts);
    },
    emitWatermark: watermark,
    emitStreamStatus: (idle) => out.emitStreamStatus(idle),
  };
}
