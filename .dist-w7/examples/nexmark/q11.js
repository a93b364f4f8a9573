/**
 * Nexmark q11, user sessions: bids per bidder per session (session windows, 10 s gap).
 * Run: npx sluice run examples/nexmark/q11.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q11 } from "./queries/q11.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q11", q11);
//# sourceMappingURL=q11.js.map