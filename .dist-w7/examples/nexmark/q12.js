/**
 * Nexmark q12, processing time windows: bids per bidder per 10 s of wall-clock time.
 * Run: npx sluice run examples/nexmark/q12.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q12 } from "./queries/q12.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q12", q12);
//# sourceMappingURL=q12.js.map