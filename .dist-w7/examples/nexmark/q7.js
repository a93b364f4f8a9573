/**
 * Nexmark q7, highest bid: the highest bids of each 10 s tumbling window.
 * Run: npx sluice run examples/nexmark/q7.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q7 } from "./queries/q7.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q7", q7);
//# sourceMappingURL=q7.js.map