/**
 * q20, expand bid with auction: every bid on an auction of category 10, joined with the auction
 * (an incremental inner join on bid.auction = auction.id).
 *
 * All auctions enter the join, so that a bid on an auction of another category is dropped as
 * soon as that auction is known; a bid waits only for an auction not generated yet.
 */
import { type Auction, type Bid, type DataStream, type NexmarkEvent } from "sluice";
export declare const Q20_CATEGORY = 10;
export interface Q20Result {
    auction: number;
    bidder: number;
    price: number;
    channel: string;
    url: string;
    dateTime: number;
    extra: string;
    itemName: string;
    description: string;
    initialBid: number;
    reserve: number;
    auctionDateTime: number;
    expires: number;
    seller: number;
    category: number;
    auctionExtra: string;
}
export declare function expandBid(b: Bid, a: Auction): Q20Result;
export declare function q20(events: DataStream<NexmarkEvent>): DataStream<Q20Result>;
