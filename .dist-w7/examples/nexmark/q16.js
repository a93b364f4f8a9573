/**
 * Nexmark q16, channel statistics report: q15's figures per channel and day.
 * Run: npx sluice run examples/nexmark/q16.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q16 } from "./queries/q16.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q16", q16);
//# sourceMappingURL=q16.js.map