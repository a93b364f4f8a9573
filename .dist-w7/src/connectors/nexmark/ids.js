/** Ids start above zero so queries on small data sets still find matches (as in Nexmark). */
export const FIRST_PERSON_ID = 1000;
export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;
export const NUM_CATEGORIES = 5;
/**
 * Cold picks may name up to this many people/auctions not created yet, so that related events
 * sometimes arrive in the "wrong" order, as they do in real systems.
 */
export const PERSON_ID_LEAD = 10;
export const AUCTION_ID_LEAD = 10;
/** Hot sellers, bidders and auctions are the first (bidders: second) of each batch of this size. */
export const HOT_SELLER_BATCH = 100;
export const HOT_BIDDER_BATCH = 100;
export const HOT_AUCTION_BATCH = 100;
export function totalProportion(config) {
    return config.personProportion + config.auctionProportion + config.bidProportion;
}
/** The person created by this event if it is a person event, else the last one created before it. */
export function lastBase0PersonId(config, eventId) {
    const total = totalProportion(config);
    const epoch = Math.floor(eventId / total);
    let offset = eventId - epoch * total;
    if (offset >= config.personProportion)
        offset = config.personProportion - 1;
    return epoch * config.personProportion + offset;
}
/** The auction created by this event if it is an auction event, else the last one created before it. */
export function lastBase0AuctionId(config, eventId) {
    const total = totalProportion(config);
    let epoch = Math.floor(eventId / total);
    let offset = eventId - epoch * total;
    if (offset < config.personProportion) {
        // A person event: the last auction is the last one of the previous cycle.
        epoch -= 1;
        offset = config.auctionProportion - 1;
    }
    else if (offset >= config.personProportion + config.auctionProportion) {
        // A bid event: the last auction of this cycle.
        offset = config.auctionProportion - 1;
    }
    else {
        offset -= config.personProportion;
    }
    return epoch * config.auctionProportion + offset;
}
/**
 * A random recent person: among the last numActivePeople, plus a few not yet created. Limiting the
 * choice to active people keeps the bids and auctions per person steady in long runs.
 */
export function nextBase0PersonId(config, eventId, random) {
    const numPeople = lastBase0PersonId(config, eventId) + 1;
    const activePeople = Math.min(numPeople, config.numActivePeople);
    return numPeople - activePeople + random.nextLong(activePeople + PERSON_ID_LEAD);
}
/** A random auction among those likely still open (the last numInFlightAuctions), plus a few ahead. */
export function nextBase0AuctionId(config, eventId, random) {
    const maxAuction = lastBase0AuctionId(config, eventId);
    const minAuction = Math.max(maxAuction - config.numInFlightAuctions, 0);
    return minAuction + random.nextLong(maxAuction - minAuction + 1 + AUCTION_ID_LEAD);
}
//# sourceMappingURL=ids.js.map