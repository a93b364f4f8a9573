import { auctions, bids } from "./streams.js";
import { winningBids } from "./winning-bids.js";
export function q9(events) {
    return winningBids(auctions(events), bids(events))
        .map(({ auction: a, bid: b }) => ({
        ...a,
        auction: b.auction,
        bidder: b.bidder,
        price: b.price,
        bid_dateTime: b.dateTime,
        bid_extra: b.extra,
    }))
        .name("q9: auction with winning bid");
}
//# sourceMappingURL=q9.js.map