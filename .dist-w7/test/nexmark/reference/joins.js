/** References of the join queries: q3 (people ⋈ auctions), q8 (window join), q20 (bids ⋈ auctions). */
import { nexmarkEventTime } from "../../../src/connectors/nexmark/index.js";
import { forEachEvent } from "./events.js";
/** Every (person in OR/ID/CA, category-10 auction they sell), emitted when the later of the two is seen. */
export const q3 = (input, emit) => {
    const people = new Map();
    const waiting = new Map();
    const local = (p) => p.state === "OR" || p.state === "ID" || p.state === "CA";
    const result = (p, a) => ({ name: p.name, city: p.city, state: p.state, id: a.id });
    forEachEvent(input, (e) => {
        if (e.type === "person") {
            const p = e.person;
            people.set(p.id, p);
            const auctions = waiting.get(p.id);
            if (auctions && local(p))
                for (const a of auctions)
                    emit(result(p, a));
            waiting.delete(p.id);
        }
        else if (e.type === "auction" && e.auction.category === 10) {
            const a = e.auction;
            const p = people.get(a.seller);
            if (p === undefined)
                waiting.set(a.seller, [...(waiting.get(a.seller) ?? []), a]);
            else if (local(p))
                emit(result(p, a));
        }
    });
};
/** People and the sellers of each 10 s window; a window closes once a later event is seen. */
export const q8 = (input, emit) => {
    const size = 10_000;
    const windows = new Map();
    const close = (start) => {
        const w = windows.get(start);
        for (const p of w.people)
            if (w.sellers.has(p.id))
                emit({ id: p.id, name: p.name, starttime: start });
        windows.delete(start);
    };
    forEachEvent(input, (e) => {
        const t = nexmarkEventTime(e);
        for (const start of windows.keys())
            if (start + size <= t)
                close(start);
        if (e.type === "bid")
            return;
        const start = t - (t % size);
        let w = windows.get(start);
        if (!w)
            windows.set(start, (w = { people: [], sellers: new Set() }));
        if (e.type === "person")
            w.people.push(e.person);
        else
            w.sellers.add(e.auction.seller);
    });
    for (const start of [...windows.keys()])
        close(start);
};
export const q20 = (input, emit) => {
    const auctions = new Map();
    const waiting = new Map();
    const row = (b, a) => ({
        auction: b.auction,
        bidder: b.bidder,
        price: b.price,
        channel: b.channel,
        url: b.url,
        dateTime: b.dateTime,
        extra: b.extra,
        itemName: a.itemName,
        description: a.description,
        initialBid: a.initialBid,
        reserve: a.reserve,
        auctionDateTime: a.dateTime,
        expires: a.expires,
        seller: a.seller,
        category: a.category,
        auctionExtra: a.extra,
    });
    forEachEvent(input, (e) => {
        if (e.type === "auction") {
            const a = e.auction;
            const wanted = a.category === 10;
            auctions.set(a.id, wanted ? a : null);
            const bids = waiting.get(a.id);
            if (bids && wanted)
                for (const b of bids)
                    emit(row(b, a));
            waiting.delete(a.id);
        }
        else if (e.type === "bid") {
            const b = e.bid;
            const a = auctions.get(b.auction);
            if (a === undefined)
                waiting.set(b.auction, [...(waiting.get(b.auction) ?? []), b]);
            else if (a !== null)
                emit(row(b, a));
        }
    });
};
//# sourceMappingURL=joins.js.map