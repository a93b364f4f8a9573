/**
 * Nexmark q15, bidding statistics report: daily bids, bidders and auctions by price rank.
 * Run: npx sluice run examples/nexmark/q15.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q15 } from "./queries/q15.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q15", q15);
//# sourceMappingURL=q15.js.map