import type { AccumulatorContext } from "./accumulators.js";

/**
 * What a running user function can learn about the task it runs in, and its accumulators (merged
 * over all subtasks into the job result; src/api/accumulators.ts).
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
