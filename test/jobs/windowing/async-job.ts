/**
 * Async I/O on the real runtime: calls with random delays, ordered and unordered, with a small
 * capacity. Each result reports the subtask and how many calls that subtask had in flight when
 * the call started, so the test can check order and capacity. Args: [count, capacity]
 */
import { AsyncDataStream, defineJob, type ResultFuture, type StreamingRuntimeContext } from "sluice";
import { collectAs } from "./support/collect.js";

export interface AsyncResult {
  id: number;
  subtask: number;
  inFlight: number;
}

class SlowLookup {
  private subtask = -1;
  private inFlight = 0;
  constructor(private readonly slowId: number) {}
  open(ctx: StreamingRuntimeContext): void {
    this.subtask = ctx.subtaskIndex;
  }
  asyncInvoke(id: number, result: ResultFuture<AsyncResult>): void {
    const inFlight = ++this.inFlight;
    // Deterministic pseudo-random delays; one element is much slower than all others.
    const delay = id === this.slowId ? 150 : (id * 7919) % 13;
    setTimeout(() => {
      this.inFlight--;
      result.complete([{ id, subtask: this.subtask, inFlight }]);
    }, delay);
  }
}

export default defineJob((env, args) => {
  const count = Number(args[0] ?? 200);
  const capacity = Number(args[1] ?? 5);
  const ids = env.fromSequence(1, count).setParallelism(1).rebalance();
  collectAs(AsyncDataStream.orderedWait(ids, new SlowLookup(3), 10_000, capacity), "ordered");
  collectAs(AsyncDataStream.unorderedWait(ids, new SlowLookup(3), 10_000, capacity), "unordered");
});
