/**
 * Nexmark q1, currency conversion: bid prices from dollars to euros.
 * Run: npx sluice run examples/nexmark/q1.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q1 } from "./queries/q1.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q1", q1);
//# sourceMappingURL=q1.js.map