/**
 * Nexmark q9, winning bids: every auction with its highest bid.
 * Run: npx sluice run examples/nexmark/q9.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q9 } from "./queries/q9.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q9", q9);
//# sourceMappingURL=q9.js.map