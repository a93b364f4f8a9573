/**
 * q6, average selling price by seller: for each seller, the average winning price of their last
 * 10 closed auctions, updated whenever one of their auctions closes. (Flink cannot run the SQL
 * form of this query; this follows Beam's definition, with q4's winning bids.)
 *
 * Closed auctions of one seller come from several parallel tasks in any order, so they wait in
 * state until the watermark passes their closing time and are then taken in order of expiry
 * (then auction id): "the last 10" is then the same in every run.
 */
import { ListStateDescriptor, ValueStateDescriptor, } from "sluice";
import { auctions, bids, integerAverage } from "./streams.js";
import { higherPrice, pricedBids, winningBidsOf } from "./winning-bids.js";
export const Q6_LAST_AUCTIONS = 10;
class SellerAverage {
    pending;
    lastPrices;
    open(ctx) {
        this.pending = ctx.getListState(new ListStateDescriptor("closed-not-yet-ordered"));
        this.lastPrices = ctx.getState(new ValueStateDescriptor("last-prices"));
    }
    processElement(c, ctx, _out) {
        this.pending.add(c);
        ctx.timerService().registerEventTimeTimer(c.expires);
    }
    onTimer(timestamp, _ctx, out) {
        const ready = [];
        const later = [];
        for (const c of this.pending.get())
            (c.expires <= timestamp ? ready : later).push(c);
        if (ready.length === 0)
            return;
        ready.sort((a, b) => a.expires - b.expires || a.auction - b.auction);
        const prices = [...(this.lastPrices.value() ?? [])];
        for (const c of ready) {
            prices.push(c.price);
            if (prices.length > Q6_LAST_AUCTIONS)
                prices.shift();
            let sum = 0;
            for (const p of prices)
                sum += p;
            out.collect({ seller: c.seller, avgPrice: integerAverage(sum, prices.length), auction: c.auction });
        }
        this.lastPrices.update(prices);
        if (later.length > 0)
            this.pending.update(later);
        else
            this.pending.clear();
    }
}
export function q6(events) {
    const sold = auctions(events)
        .map((a) => ({ id: a.id, dateTime: a.dateTime, expires: a.expires, seller: a.seller }))
        .name("q6: auction times, seller");
    return winningBidsOf(sold, pricedBids(bids(events)), higherPrice)
        .map((w) => ({ seller: w.auction.seller, auction: w.auction.id, expires: w.auction.expires, price: w.bid.price }))
        .name("q6: closed auction")
        .keyBy((c) => c.seller)
        .process(new SellerAverage())
        .name("q6: average of the last 10");
}
//# sourceMappingURL=q6.js.map