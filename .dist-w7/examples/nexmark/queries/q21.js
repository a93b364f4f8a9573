import { bids } from "./streams.js";
const KNOWN_CHANNELS = { apple: "0", google: "1", facebook: "2", baidu: "3" };
const CHANNEL_ID = /(&|^)channel_id=([^&]*)/;
/** The reference's CASE: a known channel's id, else REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2); undefined drops the bid. */
export function channelId(b) {
    const known = KNOWN_CHANNELS[b.channel.toLowerCase()];
    if (known !== undefined)
        return known;
    return CHANNEL_ID.exec(b.url)?.[2];
}
export function q21(events) {
    return bids(events)
        .flatMap((b, out) => {
        const id = channelId(b);
        if (id !== undefined)
            out.collect({ auction: b.auction, bidder: b.bidder, price: b.price, channel: b.channel, channel_id: id });
    })
        .name("q21: channel id");
}
//# sourceMappingURL=q21.js.map