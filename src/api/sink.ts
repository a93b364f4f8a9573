import type { RuntimeContext } from "./runtime-context.js";

/** A sink writes the records of one parallel subtask. */
export interface SinkWriter<T> {
  /** Synchronous by design: the task processes records in synchronous batches (use async I/O for remote calls). */
  write(value: T, timestamp: number | undefined): void;
  /** Called at end of input and before a checkpoint: everything written so far must be durable or staged. */
  flush?(endOfInput: boolean): void | Promise<void>;
  close?(): void | Promise<void>;
}

export interface Sink<T> {
  createWriter(ctx: RuntimeContext): SinkWriter<T> | Promise<SinkWriter<T>>;
}
