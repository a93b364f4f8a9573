/**
 * q12, processing time windows: how many bids each bidder makes per 10 s of wall-clock time.
 * Which window a bid lands in depends on when it is processed, so only the counts summed over
 * windows are reproducible.
 */
import { TumblingProcessingTimeWindows } from "sluice";
import { bids } from "./streams.js";
import { countAll } from "./q11.js";
export const Q12_WINDOW_MS = 10_000;
export function q12(events) {
    return bids(events)
        .keyBy((b) => b.bidder)
        .window(TumblingProcessingTimeWindows.of(Q12_WINDOW_MS))
        .aggregate(countAll, (bidder, ctx, counts, out) => {
        const w = ctx.window();
        out.collect({ bidder, bid_count: counts[0], starttime: w.start, endtime: w.end });
    })
        .name("q12: bids per bidder and wall-clock window");
}
//# sourceMappingURL=q12.js.map