/**
 * q20, expand bid with auction: every bid on an auction of category 10, joined with the auction
 * (an incremental inner join on bid.auction = auction.id).
 *
 * All auctions enter the join, so that a bid on an auction of another category is dropped as
 * soon as that auction is known; a bid waits only for an auction not generated yet.
 */
import { ListStateDescriptor, ValueStateDescriptor, } from "sluice";
import { auctions, bids } from "./streams.js";
export const Q20_CATEGORY = 10;
export function expandBid(b, a) {
    return {
        auction: b.auction,
        bidder: b.bidder,
        price: b.price,
        channel: b.channel,
        url: b.url,
        dateTime: b.dateTime,
        extra: b.extra,
        itemName: a.itemName,
        description: a.description,
        initialBid: a.initialBid,
        reserve: a.reserve,
        auctionDateTime: a.dateTime,
        expires: a.expires,
        seller: a.seller,
        category: a.category,
        auctionExtra: a.extra,
    };
}
class ExpandBidJoin {
    auction;
    waiting;
    open(ctx) {
        this.auction = ctx.getState(new ValueStateDescriptor("auction"));
        this.waiting = ctx.getListState(new ListStateDescriptor("bids-waiting-for-auction"));
    }
    processElement1(a, _ctx, out) {
        const wanted = a.category === Q20_CATEGORY;
        this.auction.update(wanted ? a : "other-category");
        if (wanted)
            for (const b of this.waiting.get())
                out.collect(expandBid(b, a));
        this.waiting.clear();
    }
    processElement2(b, _ctx, out) {
        const a = this.auction.value();
        if (a === undefined)
            this.waiting.add(b);
        else if (a !== "other-category")
            out.collect(expandBid(b, a));
    }
}
export function q20(events) {
    return auctions(events)
        .keyBy((a) => a.id)
        .connect(bids(events).keyBy((b) => b.auction))
        .process(new ExpandBidJoin())
        .name("q20: join bids with auctions");
}
//# sourceMappingURL=q20.js.map