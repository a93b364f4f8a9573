import type { NexmarkRandom } from "./random.js";
/** A price in cents, log-uniform between $1 and $1,000,000 as in Nexmark. */
export declare function nextPrice(random: NexmarkRandom): number;
