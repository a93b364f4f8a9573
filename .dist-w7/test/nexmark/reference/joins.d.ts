import type { Q3Result } from "../../../examples/nexmark/queries/q3.js";
import type { Q8Result } from "../../../examples/nexmark/queries/q8.js";
import type { Q20Result } from "../../../examples/nexmark/queries/q20.js";
import { type Reference } from "./events.js";
/** Every (person in OR/ID/CA, category-10 auction they sell), emitted when the later of the two is seen. */
export declare const q3: Reference<Q3Result>;
/** People and the sellers of each 10 s window; a window closes once a later event is seen. */
export declare const q8: Reference<Q8Result>;
export declare const q20: Reference<Q20Result>;
