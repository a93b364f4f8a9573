/** 1, 2 or 3: the price rank of the reference's FILTER clauses. */
export function priceRank(price) {
    return price < 10_000 ? 1 : price < 1_000_000 ? 2 : 3;
}
export const bidStatistics = {
    createAccumulator: () => ({
        bids: [0, 0, 0, 0],
        bidders: [new Set(), new Set(), new Set(), new Set()],
        auctions: [new Set(), new Set(), new Set(), new Set()],
        maxDateTime: Number.NEGATIVE_INFINITY,
    }),
    add: (b, acc) => {
        const rank = priceRank(b.price);
        acc.bids[0]++;
        acc.bids[rank]++;
        acc.bidders[0].add(b.bidder);
        acc.bidders[rank].add(b.bidder);
        acc.auctions[0].add(b.auction);
        acc.auctions[rank].add(b.auction);
        if (b.dateTime > acc.maxDateTime)
            acc.maxDateTime = b.dateTime;
        return acc;
    },
    getResult: (acc) => acc,
};
export function statisticsOf(acc) {
    return {
        total_bids: acc.bids[0],
        rank1_bids: acc.bids[1],
        rank2_bids: acc.bids[2],
        rank3_bids: acc.bids[3],
        total_bidders: acc.bidders[0].size,
        rank1_bidders: acc.bidders[1].size,
        rank2_bidders: acc.bidders[2].size,
        rank3_bidders: acc.bidders[3].size,
        total_auctions: acc.auctions[0].size,
        rank1_auctions: acc.auctions[1].size,
        rank2_auctions: acc.auctions[2].size,
        rank3_auctions: acc.auctions[3].size,
    };
}
//# sourceMappingURL=bid-statistics.js.map