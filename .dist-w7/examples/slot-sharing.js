/**
 * The example from the user's documents: a job of five operators, where A and C are sources and E
 * is the sink; C and E run with parallelism 3, the others with 4. With slot sharing, one slot holds
 * one parallel slice of every operator, so the job needs exactly 4 slots (its highest parallelism).
 * `npx sluice info examples/slot-sharing.ts` shows the chains and the slot need.
 */
import { defineJob } from "sluice";
export default defineJob((env) => {
    env.setJobName("Slot sharing example");
    const a = env.fromSequence(1, 1000).name("A").setParallelism(4);
    const b = a.map((n) => n * 2).name("B").setParallelism(4);
    const c = env.fromSequence(1001, 1500).name("C").setParallelism(3);
    const d = b.union(c.rebalance()).map((n) => ({ n, even: n % 2 === 0 })).name("D").setParallelism(4);
    d.rebalance().print().name("E").setParallelism(3);
});
//# sourceMappingURL=slot-sharing.js.map