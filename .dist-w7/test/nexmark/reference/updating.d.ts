/** References of the updating queries: q18 (last bid per bidder and auction), q19 (top 10 per auction). */
import type { Bid } from "../../../src/connectors/nexmark/index.js";
import type { Q19Result } from "../../../examples/nexmark/queries/q19.js";
import { type Reference } from "./events.js";
export declare const q18: Reference<Bid>;
export declare const q19: Reference<Q19Result>;
