/**
 * The summary the JobMaster keeps per subtask (the dashboard's vertex metrics), read from the same
 * counters the task's metric groups report, so REST's vertex view and the metrics never disagree.
 */
import type { InputGate } from "../network/input-gate.js";
import type { OutputCounters } from "../network/result-subpartition.js";
import type { TaskMetrics } from "./deployment.js";
import type { OperatorChain } from "./operator-chain.js";
import { SourceOperator } from "./source-operator.js";
import type { TaskAccumulators } from "./task-accumulators.js";
import type { TaskMetricGroups } from "./task-metric-groups.js";
import type { TimeAccounting } from "./time-accounting.js";

export interface TaskMetricSources {
  accounting: TimeAccounting;
  chain: OperatorChain;
  gate: InputGate | undefined;
  metricGroups: TaskMetricGroups;
  outputCounters: OutputCounters;
  accumulators: TaskAccumulators;
  restoredLocally: boolean | undefined;
}

export function taskMetricsSummary(s: TaskMetricSources): TaskMetrics {
  const t = s.accounting.perSecond();
  const total = s.accounting.accumulated();
  const head = s.chain.head;
  const metrics: TaskMetrics = {
    numRecordsIn: head instanceof SourceOperator ? head.emitted.count : s.metricGroups.numRecordsIn.count,
    numRecordsOut: s.outputCounters.records,
    numBytesIn: s.metricGroups.numBytesIn.count,
    numBytesOut: s.outputCounters.bytes,
    busyTimeMsPerSecond: t.busy,
    backPressuredTimeMsPerSecond: t.backpressured,
    idleTimeMsPerSecond: t.idle,
    accumulatedBusyTimeMs: total.busy,
    accumulatedBackPressuredTimeMs: total.backpressured,
    accumulatedIdleTimeMs: total.idle,
    inFlightBuffers: s.chain.backlogBuffers() + (s.gate?.queuedBuffers ?? 0),
    currentInputWatermark: s.gate?.currentWatermark() ?? null,
  };
  if (s.accumulators.size > 0) metrics.accumulators = s.accumulators.snapshot();
  if (s.restoredLocally !== undefined) metrics.restoredLocally = s.restoredLocally;
  return metrics;
}
