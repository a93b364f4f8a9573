export function bids(events) {
    return events
        .flatMap((e, out) => {
        if (e.type === "bid")
            out.collect(e.bid);
    })
        .name("Bids");
}
export function auctions(events) {
    return events
        .flatMap((e, out) => {
        if (e.type === "auction")
            out.collect(e.auction);
    })
        .name("Auctions");
}
export function persons(events) {
    return events
        .flatMap((e, out) => {
        if (e.type === "person")
            out.collect(e.person);
    })
        .name("Persons");
}
export const DAY_MS = 86_400_000;
/** Compares strings by code unit, like SQL's default collation on ASCII text. */
function compareStrings(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * The bid order of "highest bid" queries (q7, q9, q19): higher price first, then the earlier bid,
 * then the remaining fields, so that no two distinct bids compare equal.
 */
export function compareBidsByPrice(a, b) {
    return b.price - a.price || a.dateTime - b.dateTime || a.bidder - b.bidder || a.auction - b.auction || compareStrings(a.extra, b.extra);
}
/** Whether `a` is a later bid than `b` (q18): later time, ties broken by the other fields. */
export function isLaterBid(a, b) {
    return (a.dateTime - b.dateTime || a.price - b.price || compareStrings(a.extra, b.extra) || compareStrings(a.url, b.url)) > 0;
}
const pad2 = (n) => (n < 10 ? `0${n}` : String(n));
/** DATE_FORMAT(t, 'yyyy-MM-dd') in UTC. */
export function formatDay(t) {
    const d = new Date(t);
    return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}
/** DATE_FORMAT(t, 'HH:mm') in UTC. */
export function formatHourMinute(t) {
    const d = new Date(t);
    return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}
/** Integer average as SQL's AVG over BIGINT computes it (truncated towards zero). */
export function integerAverage(sum, count) {
    return Math.trunc(sum / count);
}
//# sourceMappingURL=streams.js.map