/**
 * Nexmark q13, bounded side input join: bids enriched from a static table.
 * Run: npx sluice run examples/nexmark/q13.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q13 } from "./queries/q13.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q13", q13);
//# sourceMappingURL=q13.js.map