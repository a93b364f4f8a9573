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
/**
 * Per auction: open (the auction and its best bid so far), or closed: a marker that drops its
 * late bids at once. Bids keep coming for a closed auction for a while (a hot auction stays the
 * bidders' favourite for a whole batch of auctions), and without the marker each would wait in
 * state with a timer. The marker is dropped ten auction lifetimes after the close, which only
 * bounds memory: a bid arriving after that takes the early-bid path and is dropped when the
 * watermark passes it, so the result is the same either way.
 */
const CLOSED_MARKER_LIFETIMES = 10;
class WinningBidFunction {
    compare;
    slot;
    early;
    /** `compare(a, b) < 0` when bid a beats bid b. */
    constructor(compare) {
        this.compare = compare;
    }
    open(ctx) {
        this.slot = ctx.getState(new ValueStateDescriptor("auction"));
        this.early = ctx.getListState(new ListStateDescriptor("bids-before-auction"));
    }
    processElement1(auction, ctx, _out) {
        let best;
        for (const b of this.early.get())
            if (isValidFor(b, auction) && (best === undefined || this.compare(b, best) < 0))
                best = b;
        this.early.clear();
        this.slot.update({ open: true, auction, best });
        ctx.timerService().registerEventTimeTimer(auction.expires);
    }
    processElement2(bid, ctx, _out) {
        const slot = this.slot.value();
        if (slot === undefined) {
            this.early.add(bid);
            ctx.timerService().registerEventTimeTimer(bid.dateTime);
            return;
        }
        if (!slot.open || !isValidFor(bid, slot.auction))
            return;
        if (slot.best === undefined || this.compare(bid, slot.best) < 0) {
            slot.best = bid;
            this.slot.update(slot);
        }
    }
    onTimer(timestamp, ctx, out) {
        const slot = this.slot.value();
        if (slot === undefined) {
            // Bids up to this time cannot belong to an auction that has yet to arrive.
            const keep = [...this.early.get()].filter((b) => b.dateTime > timestamp);
            if (keep.length > 0)
                this.early.update(keep);
            else
                this.early.clear();
            return;
        }
        if (!slot.open) {
            if (timestamp >= slot.until)
                this.slot.clear();
            return;
        }
        const auction = slot.auction;
        if (timestamp !== auction.expires)
            return;
        if (slot.best !== undefined)
            out.collect({ auction, bid: slot.best });
        const until = auction.expires + CLOSED_MARKER_LIFETIMES * Math.max(auction.expires - auction.dateTime, 1);
        this.slot.update({ open: false, until });
        ctx.timerService().registerEventTimeTimer(until);
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