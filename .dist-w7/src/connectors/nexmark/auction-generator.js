/**
 * Auction events: a new auction id per auction event, a seller who is usually hot, and an expiry
 * chosen so that about numInFlightAuctions auctions are open at any time.
 */
import { eventTimestamp } from "./event-timing.js";
import { FIRST_AUCTION_ID, FIRST_CATEGORY_ID, FIRST_PERSON_ID, HOT_SELLER_BATCH, NUM_CATEGORIES, lastBase0AuctionId, lastBase0PersonId, nextBase0PersonId, totalProportion, } from "./ids.js";
import { nextPrice } from "./price.js";
import { auctionBaseSize } from "./sizes.js";
import { nextExtra, nextString } from "./strings.js";
export function nextAuction(config, timing, eventNumber, eventId, random, timestamp) {
    const id = lastBase0AuctionId(config, eventId) + FIRST_AUCTION_ID;
    // P(hot seller) = 1 - 1/hotSellersRatio; the hot seller is the first of the latest batch of people.
    const seller = (random.nextInt(config.hotSellersRatio) > 0
        ? Math.floor(lastBase0PersonId(config, eventId) / HOT_SELLER_BATCH) * HOT_SELLER_BATCH
        : nextBase0PersonId(config, eventId, random)) + FIRST_PERSON_ID;
    const category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
    const initialBid = nextPrice(random);
    const expires = timestamp + nextAuctionLengthMs(config, timing, eventNumber, random, timestamp);
    const itemName = nextString(random, 20);
    const description = nextString(random, 100);
    const reserve = initialBid + nextPrice(random);
    const extra = nextExtra(random, auctionBaseSize(itemName, description), config.avgAuctionByteSize);
    return { id, itemName, description, initialBid, reserve, dateTime: timestamp, expires, seller, category, extra };
}
/**
 * An auction lasts on average until numInFlightAuctions more auctions have been opened, so the
 * number of open auctions stays near that figure whatever the event rate.
 */
function nextAuctionLengthMs(config, timing, eventNumber, random, timestamp) {
    const eventsForAuctions = Math.floor((config.numInFlightAuctions * totalProportion(config)) / config.auctionProportion);
    const futureAuction = eventTimestamp(timing, config.baseTime, eventNumber + eventsForAuctions);
    const horizonMs = futureAuction - timestamp;
    return 1 + random.nextLong(Math.max(horizonMs * 2, 1));
}
//# sourceMappingURL=auction-generator.js.map