/**
 * Nexmark q3, local item suggestion: sellers in OR, ID or CA with their category-10 auctions (incremental join).
 * Run: npx sluice run examples/nexmark/q3.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q3 } from "./queries/q3.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q3", q3);
//# sourceMappingURL=q3.js.map