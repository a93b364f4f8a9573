/**
 * Nexmark q20, expand bid with auction: bids on category-10 auctions joined with the auction.
 * Run: npx sluice run examples/nexmark/q20.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q20 } from "./queries/q20.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q20", q20);
//# sourceMappingURL=q20.js.map