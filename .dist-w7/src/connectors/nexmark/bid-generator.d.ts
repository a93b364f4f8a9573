import type { NexmarkGeneratorConfig } from "./generator-config.js";
import type { Bid } from "./model.js";
import type { NexmarkRandom } from "./random.js";
export declare function nextBid(config: NexmarkGeneratorConfig, eventId: number, random: NexmarkRandom, timestamp: number): Bid;
