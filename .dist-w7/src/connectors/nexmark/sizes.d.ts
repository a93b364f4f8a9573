/**
 * Estimated serialized size of an event, the measure the avg*ByteSize settings aim at: 8 bytes per
 * numeric field plus the length of every string (all generated text is ASCII). Unlike Beam, the
 * estimate counts every field, so the configured average is what a record actually carries.
 */
import type { Auction, Bid, NexmarkEvent, Person } from "./model.js";
/** Person without `extra`: id, dateTime and its strings. */
export declare function personBaseSize(name: string, email: string, creditCard: string, city: string, state: string): number;
/** Auction without `extra`: seven numbers (id, initialBid, reserve, dateTime, expires, seller, category). */
export declare function auctionBaseSize(itemName: string, description: string): number;
/** Bid without `extra`: four numbers (auction, bidder, price, dateTime), channel and url. */
export declare function bidBaseSize(channel: string, url: string): number;
export declare function personByteSize(p: Person): number;
export declare function auctionByteSize(a: Auction): number;
export declare function bidByteSize(b: Bid): number;
export declare function nexmarkEventByteSize(event: NexmarkEvent): number;
