/** Bid events: mostly on a hot auction by a hot bidder, otherwise on a recent auction by an active person. */
import { HOT_CHANNELS, HOT_CHANNELS_RATIO, NUM_COLD_CHANNELS, channelTable } from "./channels.js";
import { FIRST_AUCTION_ID, FIRST_PERSON_ID, HOT_AUCTION_BATCH, HOT_BIDDER_BATCH, lastBase0AuctionId, lastBase0PersonId, nextBase0AuctionId, nextBase0PersonId, } from "./ids.js";
import { nextPrice } from "./price.js";
import { bidBaseSize } from "./sizes.js";
import { nextExtra } from "./strings.js";
export function nextBid(config, eventId, random, timestamp) {
    // P(hot auction) = 1 - 1/hotAuctionRatio; the hot auction is the first of the latest batch.
    const auction = (random.nextInt(config.hotAuctionRatio) > 0
        ? Math.floor(lastBase0AuctionId(config, eventId) / HOT_AUCTION_BATCH) * HOT_AUCTION_BATCH
        : nextBase0AuctionId(config, eventId, random)) + FIRST_AUCTION_ID;
    // P(hot bidder) = 1 - 1/hotBiddersRatio; the second person of the batch, so that hot bidders
    // and hot sellers differ.
    const bidder = (random.nextInt(config.hotBiddersRatio) > 0
        ? Math.floor(lastBase0PersonId(config, eventId) / HOT_BIDDER_BATCH) * HOT_BIDDER_BATCH + 1
        : nextBase0PersonId(config, eventId, random)) + FIRST_PERSON_ID;
    const price = nextPrice(random);
    const channels = channelTable();
    let channel;
    let url;
    if (random.nextInt(HOT_CHANNELS_RATIO) > 0) {
        const i = random.nextInt(HOT_CHANNELS.length);
        channel = HOT_CHANNELS[i];
        url = channels.hotUrls[i];
    }
    else {
        const i = random.nextInt(NUM_COLD_CHANNELS);
        channel = channels.coldNames[i];
        url = channels.coldUrls[i];
    }
    const extra = nextExtra(random, bidBaseSize(channel, url), config.avgBidByteSize);
    return { auction, bidder, price, channel, url, dateTime: timestamp, extra };
}
//# sourceMappingURL=bid-generator.js.map