/** The pipeline's shape depends on a random number: different in every worker. */
import { defineJob } from "sluice";
export default defineJob((env) => {
    let s = env.fromSequence(1, 100);
    const extraMaps = Math.floor(Math.random() * 1_000_000);
    s = s.map((n) => n + 1).setParallelism(1 + (extraMaps % 3));
    s.rebalance().map((n) => n).name(`map-${extraMaps}`).print();
});
//# sourceMappingURL=non-deterministic.js.map