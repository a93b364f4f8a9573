/**
 * Nexmark q22, get URL directories: the first three directories of each bid's URL.
 * Run: npx sluice run examples/nexmark/q22.ts [events=100000] [rate=0] [sink=print|discard] [event-rate=N] [seed=N] [-p N]
 * (rate 0 = full speed; see docs/nexmark.md)
 */
import { q22 } from "./queries/q22.js";
import { nexmarkJob } from "./support/nexmark-job.js";
export default nexmarkJob("q22", q22);
//# sourceMappingURL=q22.js.map