/** q17, auction statistics report: per auction and day, bids by price rank and price min/max/avg/sum. */
import { TumblingEventTimeWindows, } from "sluice";
import { priceRank } from "./bid-statistics.js";
import { DAY_MS, bids, formatDay, integerAverage } from "./streams.js";
const auctionStatistics = {
    createAccumulator: () => ({ bids: [0, 0, 0, 0], min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, sum: 0 }),
    add: (b, acc) => {
        acc.bids[0]++;
        acc.bids[priceRank(b.price)]++;
        if (b.price < acc.min)
            acc.min = b.price;
        if (b.price > acc.max)
            acc.max = b.price;
        acc.sum += b.price;
        return acc;
    },
    getResult: (acc) => acc,
};
export function q17(events) {
    return bids(events)
        .keyBy((b) => b.auction)
        .window(TumblingEventTimeWindows.of(DAY_MS))
        .aggregate(auctionStatistics, (auction, ctx, r, out) => {
        const a = r[0];
        out.collect({
            auction,
            day: formatDay(ctx.window().start),
            total_bids: a.bids[0],
            rank1_bids: a.bids[1],
            rank2_bids: a.bids[2],
            rank3_bids: a.bids[3],
            min_price: a.min,
            max_price: a.max,
            avg_price: integerAverage(a.sum, a.bids[0]),
            sum_price: a.sum,
        });
    })
        .name("q17: auction statistics");
}
//# sourceMappingURL=q17.js.map