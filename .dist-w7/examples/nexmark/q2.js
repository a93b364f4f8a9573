/**
 * Nexmark q2, selection: the bids on every 123rd auction.
 * Run: npx sluice run examples/nexmark/q2.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q2 } from "./queries/q2.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q2", q2);
//# sourceMappingURL=q2.js.map