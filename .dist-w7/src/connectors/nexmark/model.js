/**
 * The Nexmark data model (online auction system): people register, open auctions, and bid on them.
 * Field names follow the Nexmark benchmark as Flink runs it, so its queries read the same here.
 * Times are epoch milliseconds.
 */
/** The event time of any Nexmark event, for watermark strategies. */
export function nexmarkEventTime(event) {
    switch (event.type) {
        case "person":
            return event.person.dateTime;
        case "auction":
            return event.auction.dateTime;
        case "bid":
            return event.bid.dateTime;
    }
}
//# sourceMappingURL=model.js.map