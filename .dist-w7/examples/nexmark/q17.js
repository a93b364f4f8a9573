/**
 * Nexmark q17, auction statistics report: daily bid counts and prices per auction.
 * Run: npx sluice run examples/nexmark/q17.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q17 } from "./queries/q17.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q17", q17);
//# sourceMappingURL=q17.js.map