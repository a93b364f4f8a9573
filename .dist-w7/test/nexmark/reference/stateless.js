import { forEachEvent } from "./events.js";
export const q0 = (input, emit) => forEachEvent(input, (e) => {
    if (e.type === "bid")
        emit(e.bid);
});
const euros = (price) => Math.round(price * 908) / 1000;
export const q1 = (input, emit) => forEachEvent(input, (e) => {
    if (e.type !== "bid")
        return;
    const b = e.bid;
    emit({ auction: b.auction, bidder: b.bidder, price: euros(b.price), dateTime: b.dateTime, extra: b.extra });
});
export const q2 = (input, emit) => forEachEvent(input, (e) => {
    if (e.type === "bid" && e.bid.auction % 123 === 0)
        emit({ auction: e.bid.auction, price: e.bid.price });
});
const two = (n) => String(n).padStart(2, "0");
export const q10 = (input, emit) => forEachEvent(input, (e) => {
    if (e.type !== "bid")
        return;
    const b = e.bid;
    const d = new Date(b.dateTime);
    const dt = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
    const hm = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
    emit({ auction: b.auction, bidder: b.bidder, price: b.price, dateTime: b.dateTime, extra: b.extra, dt, hm });
});
export const q13 = (input, emit) => forEachEvent(input, (e) => {
    if (e.type !== "bid")
        return;
    const b = e.bid;
    const key = b.auction % 10_000;
    emit({ auction: b.auction, bidder: b.bidder, price: b.price, dateTime: b.dateTime, value: `value-${(key * 7919) % 10_000}` });
});
export const q14 = (input, emit) => forEachEvent(input, (e) => {
    if (e.type !== "bid")
        return;
    const b = e.bid;
    const price = euros(b.price);
    if (!(price > 1_000_000 && price < 50_000_000))
        return;
    const hour = new Date(b.dateTime).getUTCHours();
    const bidTimeType = hour >= 8 && hour <= 18 ? "dayTime" : hour <= 6 || hour >= 20 ? "nightTime" : "otherTime";
    const c_counts = b.extra.split("c").length - 1;
    emit({ auction: b.auction, bidder: b.bidder, price, bidTimeType, dateTime: b.dateTime, extra: b.extra, c_counts });
});
const CHANNEL_IDS = { apple: "0", google: "1", facebook: "2", baidu: "3" };
export const q21 = (input, emit) => forEachEvent(input, (e) => {
    if (e.type !== "bid")
        return;
    const b = e.bid;
    const fromUrl = /(&|^)channel_id=([^&]*)/.exec(b.url)?.[2];
    const id = CHANNEL_IDS[b.channel.toLowerCase()] ?? fromUrl;
    if (id !== undefined)
        emit({ auction: b.auction, bidder: b.bidder, price: b.price, channel: b.channel, channel_id: id });
});
export const q22 = (input, emit) => forEachEvent(input, (e) => {
    if (e.type !== "bid")
        return;
    const b = e.bid;
    const parts = b.url.split("/");
    emit({ auction: b.auction, bidder: b.bidder, price: b.price, channel: b.channel, dir1: parts[3] ?? null, dir2: parts[4] ?? null, dir3: parts[5] ?? null });
});
//# sourceMappingURL=stateless.js.map