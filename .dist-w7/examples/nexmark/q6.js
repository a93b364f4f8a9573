/**
 * Nexmark q6, average selling price by seller: the average winning bid of each seller's last 10 closed auctions.
 * Run: npx sluice run examples/nexmark/q6.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q6 } from "./queries/q6.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q6", q6);
//# sourceMappingURL=q6.js.map