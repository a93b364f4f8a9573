/**
 * References of the windowed queries: q5 (sliding), q7 (tumbling), q11 (sessions), q12
 * (processing time: only the count per bidder is reproducible), q15–q17 (daily reports). A
 * window closes once an event at or after its end is seen, and at the end of the stream.
 */
import { nexmarkEventTime } from "../../../src/connectors/nexmark/index.js";
import { forEachEvent } from "./events.js";
const DAY = 86_400_000;
/** Windows by start; `close` gets those whose end is at or before `t`, oldest first. */
class WindowTable {
    size;
    create;
    byStart = new Map();
    /** The earliest end of an open window: nothing to close before it (checked per event). */
    firstEnd = Number.POSITIVE_INFINITY;
    constructor(size, create) {
        this.size = size;
        this.create = create;
    }
    get(start) {
        let w = this.byStart.get(start);
        if (!w) {
            this.byStart.set(start, (w = this.create()));
            this.firstEnd = Math.min(this.firstEnd, start + this.size);
        }
        return w;
    }
    closeUntil(t, close) {
        if (t < this.firstEnd)
            return;
        this.firstEnd = Number.POSITIVE_INFINITY;
        for (const start of [...this.byStart.keys()].sort((a, b) => a - b)) {
            if (start + this.size > t) {
                this.firstEnd = start + this.size;
                break;
            }
            close(start, this.byStart.get(start));
            this.byStart.delete(start);
        }
    }
}
export const q5 = (input, emit) => {
    const size = 10_000;
    const slide = 2_000;
    const windows = new WindowTable(size, () => new Map());
    const close = (starttime, counts) => {
        let max = 0;
        for (const n of counts.values())
            if (n > max)
                max = n;
        for (const [auction, num] of counts)
            if (num === max)
                emit({ auction, num, starttime });
    };
    forEachEvent(input, (e) => {
        const t = nexmarkEventTime(e);
        windows.closeUntil(t, close);
        if (e.type !== "bid")
            return;
        for (let start = t - (t % slide); start > t - size; start -= slide) {
            const counts = windows.get(start);
            counts.set(e.bid.auction, (counts.get(e.bid.auction) ?? 0) + 1);
        }
    });
    windows.closeUntil(Number.POSITIVE_INFINITY, close);
};
export const q7 = (input, emit) => {
    const size = 10_000;
    const windows = new WindowTable(size, () => ({ price: -1, bids: [] }));
    const close = (_start, w) => {
        for (const b of w.bids)
            emit({ auction: b.auction, price: b.price, bidder: b.bidder, dateTime: b.dateTime, extra: b.extra });
    };
    forEachEvent(input, (e) => {
        const t = nexmarkEventTime(e);
        windows.closeUntil(t, close);
        if (e.type !== "bid")
            return;
        const w = windows.get(t - (t % size));
        if (e.bid.price > w.price) {
            w.price = e.bid.price;
            w.bids = [e.bid];
        }
        else if (e.bid.price === w.price)
            w.bids.push(e.bid);
    });
    windows.closeUntil(Number.POSITIVE_INFINITY, close);
};
/** A session grows while bids come within 10 s of its last one (adjacent windows merge, as in Flink). */
export const q11 = (input, emit) => {
    const gap = 10_000;
    const sessions = new Map();
    const close = (bidder, s) => emit({ bidder, bid_count: s.count, starttime: s.start, endtime: s.last + gap });
    forEachEvent(input, (e) => {
        if (e.type !== "bid")
            return;
        const { bidder, dateTime: t } = e.bid;
        const s = sessions.get(bidder);
        if (s && t <= s.last + gap) {
            s.last = t;
            s.count++;
            return;
        }
        if (s)
            close(bidder, s);
        sessions.set(bidder, { start: t, last: t, count: 1 });
    });
    for (const [bidder, s] of sessions)
        close(bidder, s);
};
/** Bids per bidder, one result per bidder: what any split into processing-time windows sums to. */
export const q12 = (input, emit) => {
    const counts = new Map();
    forEachEvent(input, (e) => {
        if (e.type === "bid")
            counts.set(e.bid.bidder, (counts.get(e.bid.bidder) ?? 0) + 1);
    });
    for (const [bidder, bid_count] of counts)
        emit({ bidder, bid_count, starttime: 0, endtime: 0 });
};
const newStats = () => ({ bids: [0, 0, 0, 0], bidders: [0, 1, 2, 3].map(() => new Set()), auctions: [0, 1, 2, 3].map(() => new Set()), maxTime: 0 });
function addBid(s, b) {
    const rank = b.price < 10_000 ? 1 : b.price < 1_000_000 ? 2 : 3;
    for (const i of [0, rank]) {
        s.bids[i]++;
        s.bidders[i].add(b.bidder);
        s.auctions[i].add(b.auction);
    }
    s.maxTime = Math.max(s.maxTime, b.dateTime);
}
function report(s) {
    const [b, p, a] = [s.bids, s.bidders.map((x) => x.size), s.auctions.map((x) => x.size)];
    return {
        total_bids: b[0],
        rank1_bids: b[1],
        rank2_bids: b[2],
        rank3_bids: b[3],
        total_bidders: p[0],
        rank1_bidders: p[1],
        rank2_bidders: p[2],
        rank3_bidders: p[3],
        total_auctions: a[0],
        rank1_auctions: a[1],
        rank2_auctions: a[2],
        rank3_auctions: a[3],
    };
}
const iso = (t) => new Date(t).toISOString();
const day = (t) => iso(t).slice(0, 10);
const minute = (t) => iso(t).slice(11, 16);
export const q15 = (input, emit) => {
    const days = new WindowTable(DAY, newStats);
    const close = (start, s) => emit({ day: day(start), ...report(s) });
    forEachEvent(input, (e) => {
        const t = nexmarkEventTime(e);
        days.closeUntil(t, close);
        if (e.type === "bid")
            addBid(days.get(t - (t % DAY)), e.bid);
    });
    days.closeUntil(Number.POSITIVE_INFINITY, close);
};
export const q16 = (input, emit) => {
    const days = new WindowTable(DAY, () => new Map());
    const close = (start, channels) => {
        for (const [channel, s] of channels)
            emit({ channel, day: day(start), minute: minute(s.maxTime), ...report(s) });
    };
    forEachEvent(input, (e) => {
        const t = nexmarkEventTime(e);
        days.closeUntil(t, close);
        if (e.type !== "bid")
            return;
        const channels = days.get(t - (t % DAY));
        let s = channels.get(e.bid.channel);
        if (!s)
            channels.set(e.bid.channel, (s = newStats()));
        addBid(s, e.bid);
    });
    days.closeUntil(Number.POSITIVE_INFINITY, close);
};
export const q17 = (input, emit) => {
    const days = new WindowTable(DAY, () => new Map());
    const close = (start, auctions) => {
        for (const [auction, s] of auctions) {
            emit({
                auction,
                day: day(start),
                total_bids: s.bids[0],
                rank1_bids: s.bids[1],
                rank2_bids: s.bids[2],
                rank3_bids: s.bids[3],
                min_price: s.min,
                max_price: s.max,
                avg_price: Math.trunc(s.sum / s.bids[0]),
                sum_price: s.sum,
            });
        }
    };
    forEachEvent(input, (e) => {
        const t = nexmarkEventTime(e);
        days.closeUntil(t, close);
        if (e.type !== "bid")
            return;
        const b = e.bid;
        const auctions = days.get(t - (t % DAY));
        let s = auctions.get(b.auction);
        if (!s)
            auctions.set(b.auction, (s = { bids: [0, 0, 0, 0], min: Infinity, max: -Infinity, sum: 0 }));
        s.bids[0]++;
        s.bids[b.price < 10_000 ? 1 : b.price < 1_000_000 ? 2 : 3]++;
        s.min = Math.min(s.min, b.price);
        s.max = Math.max(s.max, b.price);
        s.sum += b.price;
    });
    days.closeUntil(Number.POSITIVE_INFINITY, close);
};
//# sourceMappingURL=windows.js.map