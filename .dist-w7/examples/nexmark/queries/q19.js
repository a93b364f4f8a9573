/**
 * q19, auction top-10 price: the 10 highest bids of each auction. Emits the auction's new top 10
 * whenever a bid enters it; the last emitted per auction is the result.
 */
import { ValueStateDescriptor, } from "sluice";
import { bids, compareBidsByPrice } from "./streams.js";
export const Q19_TOP_N = 10;
class TopBids {
    top;
    open(ctx) {
        this.top = ctx.getState(new ValueStateDescriptor("top-bids"));
    }
    processElement(b, _ctx, out) {
        const top = this.top.value() ?? [];
        if (top.length === Q19_TOP_N && compareBidsByPrice(b, top[Q19_TOP_N - 1]) >= 0)
            return;
        let i = top.length;
        while (i > 0 && compareBidsByPrice(b, top[i - 1]) < 0)
            i--;
        const next = [...top.slice(0, i), b, ...top.slice(i, Q19_TOP_N - 1)];
        this.top.update(next);
        out.collect({ auction: b.auction, top: next });
    }
}
export function q19(events) {
    return bids(events)
        .keyBy((b) => b.auction)
        .process(new TopBids())
        .name("q19: top 10 bids per auction");
}
//# sourceMappingURL=q19.js.map