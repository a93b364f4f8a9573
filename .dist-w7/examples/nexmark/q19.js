/**
 * Nexmark q19, auction top-10 price: the 10 highest bids of each auction (top-N).
 * Run: npx sluice run examples/nexmark/q19.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q19 } from "./queries/q19.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q19", q19);
//# sourceMappingURL=q19.js.map