import { bids } from "./streams.js";
export const Q2_AUCTION_MODULUS = 123;
export function q2(events) {
    return bids(events)
        .filter((b) => b.auction % Q2_AUCTION_MODULUS === 0)
        .name("q2: auction % 123 = 0")
        .map((b) => ({ auction: b.auction, price: b.price }))
        .name("q2: project");
}
//# sourceMappingURL=q2.js.map