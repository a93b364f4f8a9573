import { bids } from "./streams.js";
/** SPLIT_INDEX(url, '/', 3..5): "https:", "", host, then the directories. */
export function urlDirectories(b) {
    const parts = b.url.split("/");
    return { auction: b.auction, bidder: b.bidder, price: b.price, channel: b.channel, dir1: parts[3] ?? null, dir2: parts[4] ?? null, dir3: parts[5] ?? null };
}
export function q22(events) {
    return bids(events).map(urlDirectories).name("q22: URL directories");
}
//# sourceMappingURL=q22.js.map