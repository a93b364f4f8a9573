/**
 * q18, find last bid: each bidder's latest bid on each auction (a deduplication keeping the
 * last row). Emits the bid whenever it becomes the latest of its (bidder, auction); the last
 * emitted per pair is the result.
 */
import { ValueStateDescriptor, } from "sluice";
import { bids, isLaterBid } from "./streams.js";
class LastBid {
    last;
    open(ctx) {
        this.last = ctx.getState(new ValueStateDescriptor("last-bid"));
    }
    processElement(b, _ctx, out) {
        const last = this.last.value();
        if (last !== undefined && !isLaterBid(b, last))
            return;
        this.last.update(b);
        out.collect(b);
    }
}
export function q18(events) {
    return bids(events)
        .keyBy((b) => [b.bidder, b.auction])
        .process(new LastBid())
        .name("q18: last bid per bidder and auction");
}
//# sourceMappingURL=q18.js.map