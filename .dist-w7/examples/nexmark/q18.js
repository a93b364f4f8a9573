/**
 * Nexmark q18, find last bid: each bidder's latest bid per auction (deduplication).
 * Run: npx sluice run examples/nexmark/q18.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q18 } from "./queries/q18.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q18", q18);
//# sourceMappingURL=q18.js.map