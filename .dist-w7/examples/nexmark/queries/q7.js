/**
 * q7, highest bid: the bids with the highest price of each 10 s tumbling window. Each parallel
 * task first finds the highest bids of its auctions per window; one task per window (keyed by
 * its start) then keeps the overall highest.
 *
 * Deviation: the reference joins bids whose time lies in [window end − 10 s, window end], both
 * ends inclusive, so a bid at a window's very end also counts for the next window; here a bid
 * belongs to the window [start, end) it falls in.
 */
import { TumblingEventTimeWindows, } from "sluice";
import { bids } from "./streams.js";
export const Q7_WINDOW_MS = 10_000;
/** All bids with the highest price seen (ties are kept: every one of them is a result). */
const highestBids = {
    createAccumulator: () => ({ price: -1, bids: [] }),
    add: (b, acc) => {
        if (b.price > acc.price)
            return { price: b.price, bids: [b] };
        if (b.price === acc.price)
            acc.bids.push(b);
        return acc;
    },
    getResult: (acc) => acc,
    merge: (a, b) => (a.price > b.price ? a : b.price > a.price ? b : { price: a.price, bids: [...a.bids, ...b.bids] }),
};
const mergeHighest = {
    createAccumulator: () => ({ price: -1, bids: [] }),
    add: (h, acc) => {
        if (h.price > acc.price)
            return { price: h.price, bids: [...h.bids] };
        if (h.price === acc.price)
            acc.bids.push(...h.bids);
        return acc;
    },
    getResult: (acc) => acc,
};
export function q7(events) {
    return bids(events)
        // The result's columns only (no channel and URL): less to shuffle and to keep.
        .map((b) => ({ auction: b.auction, price: b.price, bidder: b.bidder, dateTime: b.dateTime, extra: b.extra }))
        .name("q7: project")
        .keyBy((b) => b.auction)
        .window(TumblingEventTimeWindows.of(Q7_WINDOW_MS))
        .aggregate(highestBids, (_a, ctx, r, out) => {
        out.collect({ start: ctx.window().start, price: r[0].price, bids: r[0].bids });
    })
        .name("q7: highest bids per auction")
        .keyBy((h) => h.start)
        .window(TumblingEventTimeWindows.of(Q7_WINDOW_MS))
        .aggregate(mergeHighest, (_start, _ctx, r, out) => {
        for (const b of r[0].bids)
            out.collect(b);
    })
        .name("q7: highest bids");
}
//# sourceMappingURL=q7.js.map