import { bids, formatDay, formatHourMinute } from "./streams.js";
export function q10(events) {
    return bids(events)
        .map((b) => ({
        auction: b.auction,
        bidder: b.bidder,
        price: b.price,
        dateTime: b.dateTime,
        extra: b.extra,
        dt: formatDay(b.dateTime),
        hm: formatHourMinute(b.dateTime),
    }))
        .name("q10: partition columns");
}
//# sourceMappingURL=q10.js.map