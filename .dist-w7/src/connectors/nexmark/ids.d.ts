/**
 * Which person and auction ids exist at a given event, computed from the event id alone (Beam's
 * scheme). Events cycle through `person × P, auction × A, bid × B` by event id, so the number of
 * people and auctions created before any event is arithmetic; no generator state is needed, which
 * is what lets subtasks generate independently.
 *
 * "base0" ids count from 0; published ids add FIRST_PERSON_ID / FIRST_AUCTION_ID.
 */
import type { NexmarkGeneratorConfig } from "./generator-config.js";
import type { NexmarkRandom } from "./random.js";
/** Ids start above zero so queries on small data sets still find matches (as in Nexmark). */
export declare const FIRST_PERSON_ID = 1000;
export declare const FIRST_AUCTION_ID = 1000;
export declare const FIRST_CATEGORY_ID = 10;
export declare const NUM_CATEGORIES = 5;
/**
 * Cold picks may name up to this many people/auctions not created yet, so that related events
 * sometimes arrive in the "wrong" order, as they do in real systems.
 */
export declare const PERSON_ID_LEAD = 10;
export declare const AUCTION_ID_LEAD = 10;
/** Hot sellers, bidders and auctions are the first (bidders: second) of each batch of this size. */
export declare const HOT_SELLER_BATCH = 100;
export declare const HOT_BIDDER_BATCH = 100;
export declare const HOT_AUCTION_BATCH = 100;
export declare function totalProportion(config: NexmarkGeneratorConfig): number;
/** The person created by this event if it is a person event, else the last one created before it. */
export declare function lastBase0PersonId(config: NexmarkGeneratorConfig, eventId: number): number;
/** The auction created by this event if it is an auction event, else the last one created before it. */
export declare function lastBase0AuctionId(config: NexmarkGeneratorConfig, eventId: number): number;
/**
 * A random recent person: among the last numActivePeople, plus a few not yet created. Limiting the
 * choice to active people keeps the bids and auctions per person steady in long runs.
 */
export declare function nextBase0PersonId(config: NexmarkGeneratorConfig, eventId: number, random: NexmarkRandom): number;
/** A random auction among those likely still open (the last numInFlightAuctions), plus a few ahead. */
export declare function nextBase0AuctionId(config: NexmarkGeneratorConfig, eventId: number, random: NexmarkRandom): number;
