const NUMBER_BYTES = 8;
/** Person without `extra`: id, dateTime and its strings. */
export function personBaseSize(name, email, creditCard, city, state) {
    return 2 * NUMBER_BYTES + name.length + email.length + creditCard.length + city.length + state.length;
}
/** Auction without `extra`: seven numbers (id, initialBid, reserve, dateTime, expires, seller, category). */
export function auctionBaseSize(itemName, description) {
    return 7 * NUMBER_BYTES + itemName.length + description.length;
}
/** Bid without `extra`: four numbers (auction, bidder, price, dateTime), channel and url. */
export function bidBaseSize(channel, url) {
    return 4 * NUMBER_BYTES + channel.length + url.length;
}
export function personByteSize(p) {
    return personBaseSize(p.name, p.emailAddress, p.creditCard, p.city, p.state) + p.extra.length;
}
export function auctionByteSize(a) {
    return auctionBaseSize(a.itemName, a.description) + a.extra.length;
}
export function bidByteSize(b) {
    return bidBaseSize(b.channel, b.url) + b.extra.length;
}
export function nexmarkEventByteSize(event) {
    switch (event.type) {
        case "person":
            return personByteSize(event.person);
        case "auction":
            return auctionByteSize(event.auction);
        case "bid":
            return bidByteSize(event.bid);
    }
}
//# sourceMappingURL=sizes.js.map