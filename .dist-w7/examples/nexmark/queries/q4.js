/**
 * q4, average price per category: the average winning price (highest valid bid) of the closed
 * auctions of each category. Auctions close when the watermark passes their expiry; each close
 * updates its category's average, emitted as an update (the last one per category is the
 * result, as with the reference's updating table).
 */
import { ValueStateDescriptor, } from "sluice";
import { auctions, bids, integerAverage } from "./streams.js";
import { higherPrice, pricedBids, winningBidsOf } from "./winning-bids.js";
class CategoryAverage {
    totals;
    open(ctx) {
        this.totals = ctx.getState(new ValueStateDescriptor("totals"));
    }
    processElement(w, _ctx, out) {
        const t = this.totals.value() ?? { sum: 0, count: 0 };
        const next = { sum: t.sum + w.price, count: t.count + 1 };
        this.totals.update(next);
        out.collect({ category: w.category, avgPrice: integerAverage(next.sum, next.count) });
    }
}
export function q4(events) {
    const categorized = auctions(events)
        .map((a) => ({ id: a.id, dateTime: a.dateTime, expires: a.expires, category: a.category }))
        .name("q4: auction times, category");
    return winningBidsOf(categorized, pricedBids(bids(events)), higherPrice)
        .map((w) => ({ category: w.auction.category, price: w.bid.price }))
        .name("q4: winning price")
        .keyBy((w) => w.category)
        .process(new CategoryAverage())
        .name("q4: average per category");
}
//# sourceMappingURL=q4.js.map