/**
 * References of the winning-bid queries q4, q6 and q9. Per auction, the highest bid (by the
 * queries' total order on bids) with a time within [dateTime, expires]; an auction closes once
 * an event later than its expiry is seen (or at the end), in order of (expires, id).
 */
import { nexmarkEventTime } from "../../../src/connectors/nexmark/index.js";
import { compareBidsByPrice } from "../../../examples/nexmark/queries/streams.js";
import { forEachEvent } from "./events.js";
/** A binary min-heap of open auctions by (expires, id). */
class ExpiryHeap {
    items = [];
    get size() {
        return this.items.length;
    }
    peek() {
        return this.items[0];
    }
    less(i, j) {
        const a = this.items[i].auction;
        const b = this.items[j].auction;
        return a.expires < b.expires || (a.expires === b.expires && a.id < b.id);
    }
    swap(i, j) {
        const t = this.items[i];
        this.items[i] = this.items[j];
        this.items[j] = t;
    }
    push(x) {
        this.items.push(x);
        let i = this.items.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!this.less(i, parent))
                break;
            this.swap(i, parent);
            i = parent;
        }
    }
    pop() {
        const top = this.items[0];
        const last = this.items.pop();
        if (this.items.length > 0 && last !== undefined) {
            this.items[0] = last;
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                const r = l + 1;
                let m = i;
                if (l < this.items.length && this.less(l, m))
                    m = l;
                if (r < this.items.length && this.less(r, m))
                    m = r;
                if (m === i)
                    break;
                this.swap(i, m);
                i = m;
            }
        }
        return top;
    }
}
const valid = (b, a) => b.dateTime >= a.dateTime && b.dateTime <= a.expires;
export function winningBidsLoop(input, onClose) {
    const open = new Map();
    const closed = new Set();
    /** Bids on auctions not generated yet. */
    const early = new Map();
    const heap = new ExpiryHeap();
    const closeOne = () => {
        const o = heap.pop();
        open.delete(o.auction.id);
        closed.add(o.auction.id);
        if (o.best)
            onClose(o.auction, o.best);
    };
    const better = (b, best) => best === undefined || compareBidsByPrice(b, best) < 0;
    forEachEvent(input, (e) => {
        const t = nexmarkEventTime(e);
        while (heap.size > 0 && heap.peek().auction.expires < t)
            closeOne();
        if (e.type === "auction") {
            const o = { auction: e.auction, best: undefined };
            for (const b of early.get(e.auction.id) ?? [])
                if (valid(b, o.auction) && better(b, o.best))
                    o.best = b;
            early.delete(e.auction.id);
            open.set(o.auction.id, o);
            heap.push(o);
        }
        else if (e.type === "bid") {
            const b = e.bid;
            const o = open.get(b.auction);
            if (o) {
                if (valid(b, o.auction) && better(b, o.best))
                    o.best = b;
            }
            else if (!closed.has(b.auction)) {
                early.set(b.auction, [...(early.get(b.auction) ?? []), b]);
            }
        }
    });
    while (heap.size > 0)
        closeOne();
}
export const q4 = (input, emit) => {
    const totals = new Map();
    winningBidsLoop(input, (a, best) => {
        const t = totals.get(a.category) ?? { sum: 0, count: 0 };
        t.sum += best.price;
        t.count++;
        totals.set(a.category, t);
        emit({ category: a.category, avgPrice: Math.trunc(t.sum / t.count) });
    });
};
export const q6 = (input, emit) => {
    const last = new Map();
    winningBidsLoop(input, (a, best) => {
        const prices = last.get(a.seller) ?? [];
        prices.push(best.price);
        if (prices.length > 10)
            prices.shift();
        last.set(a.seller, prices);
        emit({ seller: a.seller, avgPrice: Math.trunc(prices.reduce((x, y) => x + y, 0) / prices.length), auction: a.id });
    });
};
export const q9 = (input, emit) => winningBidsLoop(input, (a, b) => emit({ ...a, auction: b.auction, bidder: b.bidder, price: b.price, bid_dateTime: b.dateTime, bid_extra: b.extra }));
//# sourceMappingURL=winning-bids.js.map