/**
 * Winning bids, the first stage of q4, q6 and q9: per auction, the highest bid placed while the
 * auction was open (bid time between the auction's dateTime and expires, both inclusive),
 * emitted once the watermark passes the auction's expiry, with that expiry as its timestamp.
 * Auctions without a valid bid emit nothing.
 *
 * A bid may arrive before its auction (the generator names a few auctions not created yet, and
 * parallel sources interleave freely). Such a bid waits in state until its auction comes, but
 * only until the watermark passes the bid's own time: an auction that could still make the bid
 * valid must have started no later than the bid, so by then it has arrived (the sources are
 * ordered in event time, so nothing is late). Bids on auctions that are over, or that never
 * come, are thus dropped instead of kept forever.
 *
 * Generic over what the caller keeps of auctions and bids: q4 and q6 project both to the few
 * fields they need before the join (as a SQL planner pushes projections down), so that less
 * crosses the network and less sits in state.
 */
import { ListStateDescriptor, ValueStateDescriptor, } from "sluice";
import { compareBidsByPrice } from "./streams.js";
function isValidFor(bid, auction) {
    return bid.dateTime >= auction.dateTime && bid.dateTime <= auction.expires;
}
class WinningBidFunction {
    compare;
    auction;
    best;
    early;
    /** `compare(a, b) < 0` when bid a beats bid b. */
    constructor(compare) {
        this.compare = compare;
    }
    open(ctx) {
        this.auction = ctx.getState(new ValueStateDescriptor("auction"));
        this.best = ctx.getState(new ValueStateDescriptor("best-bid"));
        this.early = ctx.getListState(new ListStateDescriptor("bids-before-auction"));
    }
    processElement1(auction, ctx, _out) {
        this.auction.update(auction);
        let best;
        for (const b of this.early.get())
            if (isValidFor(b, auction) && (best === undefined || this.compare(b, best) < 0))
                best = b;
        this.early.clear();
        if (best !== undefined)
            this.best.update(best);
        ctx.timerService().registerEventTimeTimer(auction.expires);
    }
    processElement2(bid, ctx, _out) {
        const auction = this.auction.value();
        if (auction === undefined) {
            this.early.add(bid);
            ctx.timerService().registerEventTimeTimer(bid.dateTime);
            return;
        }
        if (!isValidFor(bid, auction))
            return;
        const best = this.best.value();
        if (best === undefined || this.compare(bid, best) < 0)
            this.best.update(bid);
    }
    onTimer(timestamp, _ctx, out) {
        const auction = this.auction.value();
        if (auction === undefined) {
            // Bids up to this time cannot belong to an auction that has yet to arrive.
            const keep = [...this.early.get()].filter((b) => b.dateTime > timestamp);
            if (keep.length > 0)
                this.early.update(keep);
            else
                this.early.clear();
            return;
        }
        if (timestamp !== auction.expires)
            return;
        const best = this.best.value();
        if (best !== undefined)
            out.collect({ auction, bid: best });
        this.auction.clear();
        this.best.clear();
    }
}
/** Winning bids of whole auctions and bids, ties broken by the full bid order (q9). */
export function winningBids(auctions, bids) {
    return winningBidsOf(auctions, bids, compareBidsByPrice);
}
/** Winning bids of projected auctions and bids; `compare(a, b) < 0` when bid a beats bid b. */
export function winningBidsOf(auctions, bids, compare) {
    return auctions
        .keyBy((a) => a.id)
        .connect(bids.keyBy((b) => b.auction))
        .process(new WinningBidFunction(compare))
        .name("Winning bids");
}
export const higherPrice = (a, b) => b.price - a.price;
export function pricedBids(bids) {
    return bids.map((b) => ({ auction: b.auction, dateTime: b.dateTime, price: b.price })).name("Bid: auction, time, price");
}
//# sourceMappingURL=winning-bids.js.map