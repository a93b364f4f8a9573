/**
 * The Nexmark data model (online auction system): people register, open auctions, and bid on them.
 * Field names follow the Nexmark benchmark as Flink runs it, so its queries read the same here.
 * Times are epoch milliseconds.
 */
export interface Person {
    id: number;
    name: string;
    emailAddress: string;
    creditCard: string;
    city: string;
    state: string;
    dateTime: number;
    /** Padding that brings the record to the configured average size. */
    extra: string;
}
export interface Auction {
    id: number;
    itemName: string;
    description: string;
    initialBid: number;
    reserve: number;
    dateTime: number;
    expires: number;
    /** A Person id. */
    seller: number;
    category: number;
    extra: string;
}
export interface Bid {
    /** An Auction id. */
    auction: number;
    /** A Person id. */
    bidder: number;
    /** In cents. */
    price: number;
    channel: string;
    url: string;
    dateTime: number;
    extra: string;
}
export type NexmarkEventType = "person" | "auction" | "bid";
export type NexmarkEvent = {
    type: "person";
    person: Person;
} | {
    type: "auction";
    auction: Auction;
} | {
    type: "bid";
    bid: Bid;
};
/** The event time of any Nexmark event, for watermark strategies. */
export declare function nexmarkEventTime(event: NexmarkEvent): number;
