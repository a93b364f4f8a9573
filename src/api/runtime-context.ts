/** What a running user function can learn about the task it runs in. */
export interface RuntimeContext {
  readonly jobId: string;
  readonly taskName: string;
  /** Index of this parallel instance, 0-based. */
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** 0 on the first run, incremented on every restart. */
  readonly attemptNumber: number;
}
