/** References of the updating queries: q18 (last bid per bidder and auction), q19 (top 10 per auction). */
import type { Bid } from "../../../src/connectors/nexmark/index.js";
import type { Q19Result } from "../../../examples/nexmark/queries/q19.js";
import { compareBidsByPrice, isLaterBid } from "../../../examples/nexmark/queries/streams.js";
import { forEachEvent, type Reference } from "./events.js";

export const q18: Reference<Bid> = (input, emit) => {
  const last = new Map<string, Bid>();
  forEachEvent(input, (e) => {
    if (e.type !== "bid") return;
    const key = `${e.bid.bidder}/${e.bid.auction}`;
    const l = last.get(key);
    if (l === undefined || isLaterBid(e.bid, l)) {
      last.set(key, e.bid);
      emit(e.bid);
    }
  });
};

export const q19: Reference<Q19Result> = (input, emit) => {
  const tops = new Map<number, Bid[]>();
  forEachEvent(input, (e) => {
    if (e.type !== "bid") return;
    const b = e.bid;
    const top = tops.get(b.auction) ?? [];
    if (top.length === 10 && compareBidsByPrice(b, top[9]!) >= 0) return;
    const next = [...top, b].sort(compareBidsByPrice).slice(0, 10);
    tops.set(b.auction, next);
    emit({ auction: b.auction, top: next });
  });
};
