/**
 * Nexmark q8, monitor new users: people who registered and opened an auction in the same 10 s window (window join).
 * Run: npx sluice run examples/nexmark/q8.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q8 } from "./queries/q8.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q8", q8);
//# sourceMappingURL=q8.js.map