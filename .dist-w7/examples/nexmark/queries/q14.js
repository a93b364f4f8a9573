import { bids } from "./streams.js";
import { dollarsToEuros } from "./q1.js";
/** The reference's CASE on HOUR(dateTime) (UTC here). */
export function bidTimeType(dateTime) {
    const hour = new Date(dateTime).getUTCHours();
    if (hour >= 8 && hour <= 18)
        return "dayTime";
    if (hour <= 6 || hour >= 20)
        return "nightTime";
    return "otherTime";
}
/** count_char(s, 'c'). */
export function countChar(s, c) {
    const code = c.charCodeAt(0);
    let n = 0;
    for (let i = 0; i < s.length; i++)
        if (s.charCodeAt(i) === code)
            n++;
    return n;
}
export function q14(events) {
    return bids(events)
        .filter((b) => {
        const euros = dollarsToEuros(b.price);
        return euros > 1_000_000 && euros < 50_000_000;
    })
        .name("q14: price range")
        .map((b) => ({
        auction: b.auction,
        bidder: b.bidder,
        price: dollarsToEuros(b.price),
        bidTimeType: bidTimeType(b.dateTime),
        dateTime: b.dateTime,
        extra: b.extra,
        c_counts: countChar(b.extra, "c"),
    }))
        .name("q14: calculate");
}
//# sourceMappingURL=q14.js.map