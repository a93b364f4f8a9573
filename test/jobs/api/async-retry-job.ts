/**
 * Async I/O with retries (issue 20 item 5). The "service" fails element i's first
 * failuresOf(i) calls with an error, and answers nothing (an empty result) on the first call of
 * every fifth element; the retry strategies make both good. Each result says how many calls it took.
 * Args: ["ordered" | "unordered" | "exhausted"]
 */
import { AsyncDataStream, AsyncRetryStrategies, RetryPredicates, defineJob, type ResultFuture } from "sluice";
import { collectAs } from "../windowing/support/collect.js";

export const COUNT = 60;
export const failuresOf = (i: number): number => i % 3;
export const emptyFirst = (i: number): boolean => i % 5 === 0;

interface Answer {
  i: number;
  calls: number;
}

function flakyService() {
  const calls = new Map<number, number>();
  return {
    asyncInvoke(i: number, future: ResultFuture<Answer>) {
      const n = (calls.get(i) ?? 0) + 1;
      calls.set(i, n);
      setTimeout(() => {
        if (n <= failuresOf(i)) future.completeExceptionally(new Error(`service unavailable for ${i} (call ${n})`));
        else if (emptyFirst(i) && n === failuresOf(i) + 1) future.complete([]);
        else future.complete([{ i, calls: n }]);
      }, 1);
    },
  };
}

export default defineJob((env, args) => {
  env.setParallelism(1);
  const mode = args[0] ?? "ordered";
  const numbers = env.fromSequence(0, COUNT - 1);
  if (mode === "ordered") {
    const retry = AsyncRetryStrategies.fixedDelay<Answer>(4, 3).ifException(RetryPredicates.HAS_EXCEPTION_PREDICATE).ifResult(RetryPredicates.EMPTY_RESULT_PREDICATE).build();
    collectAs(AsyncDataStream.orderedWaitWithRetry(numbers, flakyService(), 30_000, 8, retry), "answers");
  } else if (mode === "unordered") {
    const retry = AsyncRetryStrategies.exponentialBackoff<Answer>(4, 2, 10, 2).ifException((e) => /service unavailable/.test(e.message)).ifResult((r) => r.length === 0).build();
    collectAs(AsyncDataStream.unorderedWaitWithRetry(numbers, flakyService(), 30_000, 8, retry), "answers");
  } else {
    // One retry is not enough for elements that fail twice: the last error stands and fails the job.
    const retry = AsyncRetryStrategies.fixedDelay<Answer>(1, 1).ifException(RetryPredicates.HAS_EXCEPTION_PREDICATE).build();
    collectAs(AsyncDataStream.orderedWaitWithRetry(numbers, flakyService(), 30_000, 8, retry), "answers");
  }
});
