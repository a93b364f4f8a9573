import type { AccumulatorContext } from "./accumulators.js";
import type { MetricGroup } from "./metrics.js";

/**
 * What a running user function can learn about the task it runs in, its accumulators (merged over all
 * subtasks into the job result; src/api/accumulators.ts) and its metric group (src/api/metrics.ts).
 */
export interface RuntimeContext extends AccumulatorContext {
  readonly jobId: string;
  readonly taskName: string;
  /** Index of this parallel instance, 0-based. */
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** 0 on the first run, incremented on every restart. */
  readonly attemptNumber: number;
  /**
   * The operator's metric group (Flink's getMetricGroup()): counters, gauges, meters and
   * histograms registered here are reported with the operator's scope and variables (docs/metrics.md).
   */
  getMetricGroup(): MetricGroup;
  /** env.getConfig().setGlobalJobParameters(...) (or pipeline.global-job-parameters), the same in every function. */
  readonly globalJobParameters: Readonly<Record<string, string>>;
}

import type { KeyedStateStore, OperatorStateStore } from "./state/state.js";

/**
 * What `open(ctx)` of a rich function receives: the task information plus state. Keyed state
 * (getState, getListState, …) is scoped to the current key and only exists on a KeyedStream;
 * calling it elsewhere throws. Create state handles in open() and use them per element.
 */
export interface StreamingRuntimeContext extends RuntimeContext, KeyedStateStore {
  getOperatorStateStore(): OperatorStateStore;
}
