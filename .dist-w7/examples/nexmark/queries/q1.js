import { bids } from "./streams.js";
/** 0.908 × price rounded to three decimals: exact in integers first, so no binary-fraction drift. */
export function dollarsToEuros(price) {
    return Math.round(price * 908) / 1000;
}
export function q1(events) {
    return bids(events)
        .map((b) => ({ auction: b.auction, bidder: b.bidder, price: dollarsToEuros(b.price), dateTime: b.dateTime, extra: b.extra }))
        .name("q1: to euros");
}
//# sourceMappingURL=q1.js.map