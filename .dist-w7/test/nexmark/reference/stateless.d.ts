/** References of the stateless queries: q0, q1, q2, q10, q13, q14, q21, q22. */
import type { Bid } from "../../../src/connectors/nexmark/index.js";
import type { Q1Result } from "../../../examples/nexmark/queries/q1.js";
import type { Q2Result } from "../../../examples/nexmark/queries/q2.js";
import type { Q10Result } from "../../../examples/nexmark/queries/q10.js";
import type { Q13Result } from "../../../examples/nexmark/queries/q13.js";
import type { Q14Result } from "../../../examples/nexmark/queries/q14.js";
import type { Q21Result } from "../../../examples/nexmark/queries/q21.js";
import type { Q22Result } from "../../../examples/nexmark/queries/q22.js";
import { type Reference } from "./events.js";
export declare const q0: Reference<Bid>;
export declare const q1: Reference<Q1Result>;
export declare const q2: Reference<Q2Result>;
export declare const q10: Reference<Q10Result>;
export declare const q13: Reference<Q13Result>;
export declare const q14: Reference<Q14Result>;
export declare const q21: Reference<Q21Result>;
export declare const q22: Reference<Q22Result>;
