/**
 * Async I/O on the real runtime: calls with random delays, ordered and unordered, with a small
 * capacity. Each result reports the subtask and how many calls that subtask had in flight when
 * the call started, so the test can check order and capacity. Args: [count, capacity]
 */
import { AsyncDataStream, defineJob } from "sluice";
import { collectAs } from "./support/collect.js";
class SlowLookup {
    slowId;
    subtask = -1;
    inFlight = 0;
    constructor(slowId) {
        this.slowId = slowId;
    }
    open(ctx) {
        this.subtask = ctx.subtaskIndex;
    }
    asyncInvoke(id, result) {
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
//# sourceMappingURL=async-job.js.map