/**
 * AsyncDataStream.orderedWait / unorderedWait: apply an async function to every element with at
 * most `capacity` calls outstanding. Ordered keeps the input order; unordered emits results as
 * they complete (never across a watermark). A call still running after `timeoutMs` goes to the
 * function's timeout() handler, or fails the job (0 = no timeout).
 */
import type { DataStream, SingleOutputStreamOperator } from "../data-stream.js";
import type { AsyncFunction } from "./async-function.js";
import type { AsyncRetryStrategy } from "./async-retry.js";

export const DEFAULT_ASYNC_CAPACITY = 100;

function add<IN, OUT>(
  stream: DataStream<IN>,
  fn: AsyncFunction<IN, OUT>,
  timeoutMs: number,
  capacity: number,
  ordered: boolean,
  retry?: AsyncRetryStrategy<OUT>,
): SingleOutputStreamOperator<OUT> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`async I/O capacity must be a positive integer, got ${capacity}`);
  if (!(timeoutMs >= 0)) throw new RangeError(`async I/O timeout must be >= 0 ms, got ${timeoutMs}`);
  const name = ordered ? "async wait operator (ordered)" : "async wait operator (unordered)";
  const fns = retry ? { fn, retry } : { fn };
  return stream.env.addOperator<OUT>("async-wait", name, stream.inputs, fns, { ordered, timeout: timeoutMs, capacity, retry: retry !== undefined });
}

export class AsyncDataStream {
  static orderedWait<IN, OUT>(stream: DataStream<IN>, fn: AsyncFunction<IN, OUT>, timeoutMs: number, capacity = DEFAULT_ASYNC_CAPACITY): SingleOutputStreamOperator<OUT> {
    return add(stream, fn, timeoutMs, capacity, true);
  }
  static unorderedWait<IN, OUT>(stream: DataStream<IN>, fn: AsyncFunction<IN, OUT>, timeoutMs: number, capacity = DEFAULT_ASYNC_CAPACITY): SingleOutputStreamOperator<OUT> {
    return add(stream, fn, timeoutMs, capacity, false);
  }
  /** orderedWait, retrying calls as the strategy says (AsyncRetryStrategies); the timeout covers all attempts. */
  static orderedWaitWithRetry<IN, OUT>(
    stream: DataStream<IN>,
    fn: AsyncFunction<IN, OUT>,
    timeoutMs: number,
    capacity: number,
    retry: AsyncRetryStrategy<OUT>,
  ): SingleOutputStreamOperator<OUT> {
    return add(stream, fn, timeoutMs, capacity, true, retry);
  }
  static unorderedWaitWithRetry<IN, OUT>(
    stream: DataStream<IN>,
    fn: AsyncFunction<IN, OUT>,
    timeoutMs: number,
    capacity: number,
    retry: AsyncRetryStrategy<OUT>,
  ): SingleOutputStreamOperator<OUT> {
    return add(stream, fn, timeoutMs, capacity, false, retry);
  }
}
