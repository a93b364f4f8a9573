/**
 * Nexmark q5, hot items: the auctions with the most bids in 10 s windows sliding by 2 s.
 * Run: npx sluice run examples/nexmark/q5.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q5 } from "./queries/q5.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q5", q5);
//# sourceMappingURL=q5.js.map