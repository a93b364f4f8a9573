import { compareBidsByPrice, isLaterBid } from "../../../examples/nexmark/queries/streams.js";
import { forEachEvent } from "./events.js";
export const q18 = (input, emit) => {
    const last = new Map();
    forEachEvent(input, (e) => {
        if (e.type !== "bid")
            return;
        const key = `${e.bid.bidder}/${e.bid.auction}`;
        const l = last.get(key);
        if (l === undefined || isLaterBid(e.bid, l)) {
            last.set(key, e.bid);
            emit(e.bid);
        }
    });
};
export const q19 = (input, emit) => {
    const tops = new Map();
    forEachEvent(input, (e) => {
        if (e.type !== "bid")
            return;
        const b = e.bid;
        const top = tops.get(b.auction) ?? [];
        if (top.length === 10 && compareBidsByPrice(b, top[9]) >= 0)
            return;
        const next = [...top, b].sort(compareBidsByPrice).slice(0, 10);
        tops.set(b.auction, next);
        emit({ auction: b.auction, top: next });
    });
};
//# sourceMappingURL=updating.js.map