/**
 * Nexmark q0, pass through: every bid, unchanged.
 * Run: npx sluice run examples/nexmark/q0.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q0 } from "./queries/q0.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q0", q0);
//# sourceMappingURL=q0.js.map