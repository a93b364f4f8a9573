/**
 * Nexmark q14, calculation: expensive bids in euros with a time-of-day label.
 * Run: npx sluice run examples/nexmark/q14.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q14 } from "./queries/q14.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q14", q14);
//# sourceMappingURL=q14.js.map