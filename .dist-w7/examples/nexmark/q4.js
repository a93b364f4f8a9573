/**
 * Nexmark q4, average price per category: the average winning bid of closed auctions, per category.
 * Run: npx sluice run examples/nexmark/q4.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q4 } from "./queries/q4.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q4", q4);
//# sourceMappingURL=q4.js.map