/**
 * Auction events: a new auction id per auction event, a seller who is usually hot, and an expiry
 * chosen so that about numInFlightAuctions auctions are open at any time.
 */
import { type EventTiming } from "./event-timing.js";
import type { NexmarkGeneratorConfig } from "./generator-config.js";
import type { Auction } from "./model.js";
import type { NexmarkRandom } from "./random.js";
export declare function nextAuction(config: NexmarkGeneratorConfig, timing: EventTiming, eventNumber: number, eventId: number, random: NexmarkRandom, timestamp: number): Auction;
