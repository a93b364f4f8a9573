import { bids } from "./streams.js";
export const Q13_SIDE_INPUT_KEYS = 10_000;
/** Row `key` of the side input. */
export function sideInputValue(key) {
    return `value-${(key * 7919) % Q13_SIDE_INPUT_KEYS}`;
}
class SideInputJoin {
    table = [];
    open() {
        this.table = Array.from({ length: Q13_SIDE_INPUT_KEYS }, (_, k) => sideInputValue(k));
    }
    map(b) {
        return { auction: b.auction, bidder: b.bidder, price: b.price, dateTime: b.dateTime, value: this.table[b.auction % Q13_SIDE_INPUT_KEYS] };
    }
}
export function q13(events) {
    return bids(events).map(new SideInputJoin()).name("q13: side input join");
}
//# sourceMappingURL=q13.js.map