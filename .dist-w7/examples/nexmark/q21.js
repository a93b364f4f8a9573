/**
 * Nexmark q21, add channel id: bids with a channel id from the channel name or URL.
 * Run: npx sluice run examples/nexmark/q21.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q21 } from "./queries/q21.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q21", q21);
//# sourceMappingURL=q21.js.map