/** q11, user sessions: how many bids each bidder made per session (10 s of inactivity ends one). */
import { EventTimeSessionWindows } from "sluice";
import { bids } from "./streams.js";
export const Q11_SESSION_GAP_MS = 10_000;
export const countAll = {
    createAccumulator: () => 0,
    add: (_v, n) => n + 1,
    getResult: (n) => n,
    merge: (a, b) => a + b,
};
export function q11(events) {
    return bids(events)
        .keyBy((b) => b.bidder)
        .window(EventTimeSessionWindows.withGap(Q11_SESSION_GAP_MS))
        .aggregate(countAll, (bidder, ctx, counts, out) => {
        const w = ctx.window();
        out.collect({ bidder, bid_count: counts[0], starttime: w.start, endtime: w.end });
    })
        .name("q11: bids per session");
}
//# sourceMappingURL=q11.js.map