/**
 * AsyncDataStream.orderedWait / unorderedWait: apply an async function to every element with at
 * most `capacity` calls outstanding. Ordered keeps the input order; unordered emits results as
 * they complete (never across a watermark). A call still running after `timeoutMs` goes to the
 * function's timeout() handler, or fails the job (0 = no timeout).
 */
import type { DataStream, SingleOutputStreamOperator } from "../data-stream.js";
import type { AsyncFunction } from "./async-function.js";
export declare const DEFAULT_ASYNC_CAPACITY = 100;
export declare class AsyncDataStream {
    static orderedWait<IN, OUT>(stream: DataStream<IN>, fn: AsyncFunction<IN, OUT>, timeoutMs: number, capacity?: number): SingleOutputStreamOperator<OUT>;
    static unorderedWait<IN, OUT>(stream: DataStream<IN>, fn: AsyncFunction<IN, OUT>, timeoutMs: number, capacity?: number): SingleOutputStreamOperator<OUT>;
}
