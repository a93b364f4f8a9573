/**
 * Async I/O (Flink's AsyncFunction): call an external service per element without blocking the
 * stream. Either a plain async function returning one result, or an object whose asyncInvoke
 * completes a ResultFuture with any number of results and whose optional timeout() decides what
 * happens to an element whose call took too long (the default fails the job, as in Flink).
 */
import type { RichFunction } from "../functions.js";
import { registerErrorClass, SluiceError } from "../../errors/sluice-error.js";

export interface ResultFuture<OUT> {
  complete(results: Iterable<OUT>): void;
  completeExceptionally(error: Error): void;
}

export interface RichAsyncFunction<IN, OUT> extends RichFunction {
  asyncInvoke(input: IN, resultFuture: ResultFuture<OUT>): void | Promise<void>;
  timeout?(input: IN, resultFuture: ResultFuture<OUT>): void;
}

export type AsyncFunction<IN, OUT> = ((input: IN) => Promise<OUT>) | RichAsyncFunction<IN, OUT>;

export class AsyncTimeoutError extends SluiceError {}
registerErrorClass(AsyncTimeoutError);
