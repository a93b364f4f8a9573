import type { Q5Result } from "../../../examples/nexmark/queries/q5.js";
import type { Q7Result } from "../../../examples/nexmark/queries/q7.js";
import type { Q11Result } from "../../../examples/nexmark/queries/q11.js";
import type { Q12Result } from "../../../examples/nexmark/queries/q12.js";
import type { Q15Result } from "../../../examples/nexmark/queries/q15.js";
import type { Q16Result } from "../../../examples/nexmark/queries/q16.js";
import type { Q17Result } from "../../../examples/nexmark/queries/q17.js";
import { type Reference } from "./events.js";
export declare const q5: Reference<Q5Result>;
export declare const q7: Reference<Q7Result>;
/** A session grows while bids come within 10 s of its last one (adjacent windows merge, as in Flink). */
export declare const q11: Reference<Q11Result>;
/** Bids per bidder, one result per bidder: what any split into processing-time windows sums to. */
export declare const q12: Reference<Q12Result>;
export declare const q15: Reference<Q15Result>;
export declare const q16: Reference<Q16Result>;
export declare const q17: Reference<Q17Result>;
