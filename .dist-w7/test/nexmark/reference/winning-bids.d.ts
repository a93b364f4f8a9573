/**
 * References of the winning-bid queries q4, q6 and q9. Per auction, the highest bid (by the
 * queries' total order on bids) with a time within [dateTime, expires]; an auction closes once
 * an event later than its expiry is seen (or at the end), in order of (expires, id).
 */
import { type Auction, type Bid } from "../../../src/connectors/nexmark/index.js";
import type { Q4Result } from "../../../examples/nexmark/queries/q4.js";
import type { Q6Result } from "../../../examples/nexmark/queries/q6.js";
import type { Q9Result } from "../../../examples/nexmark/queries/q9.js";
import { type Reference, type ReferenceInput } from "./events.js";
export declare function winningBidsLoop(input: ReferenceInput, onClose: (a: Auction, best: Bid) => void): void;
export declare const q4: Reference<Q4Result>;
export declare const q6: Reference<Q6Result>;
export declare const q9: Reference<Q9Result>;
