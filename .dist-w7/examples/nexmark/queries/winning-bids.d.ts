/**
 * Winning bids, the first stage of q4, q6 and q9: per auction, the highest bid placed while the
 * auction was open (bid time between the auction's dateTime and expires, both inclusive),
 * emitted once the watermark passes the auction's expiry, with that expiry as its timestamp.
 * Auctions without a valid bid emit nothing.
 *
 * A bid may arrive before its auction (the generator names a few auctions not created yet, and
 * parallel sources interleave freely). Such a bid waits in state until its auction comes, but
 * only until the watermark passes the bid's own time: an auction that could still make the bid
 * valid must have started no later than the bid, so by then it has arrived (the sources are
 * ordered in event time, so nothing is late). Bids on auctions that are over, or that never
 * come, are thus dropped instead of kept forever.
 *
 * Generic over what the caller keeps of auctions and bids: q4 and q6 project both to the few
 * fields they need before the join (as a SQL planner pushes projections down), so that less
 * crosses the network and less sits in state.
 */
import { type Auction, type Bid, type DataStream } from "sluice";
/** What the join needs of an auction. */
export interface AuctionTimes {
    id: number;
    dateTime: number;
    expires: number;
}
/** What the join needs of a bid. */
export interface BidTime {
    auction: number;
    dateTime: number;
}
export interface WinningBid<A extends AuctionTimes = Auction, B extends BidTime = Bid> {
    auction: A;
    bid: B;
}
/** Winning bids of whole auctions and bids, ties broken by the full bid order (q9). */
export declare function winningBids(auctions: DataStream<Auction>, bids: DataStream<Bid>): DataStream<WinningBid>;
/** Winning bids of projected auctions and bids; `compare(a, b) < 0` when bid a beats bid b. */
export declare function winningBidsOf<A extends AuctionTimes, B extends BidTime>(auctions: DataStream<A>, bids: DataStream<B>, compare: (a: B, b: B) => number): DataStream<WinningBid<A, B>>;
/** What q4 and q6 keep of a bid: only its price decides, so ties need no further order. */
export interface PricedBid extends BidTime {
    price: number;
}
export declare const higherPrice: (a: PricedBid, b: PricedBid) => number;
export declare function pricedBids(bids: DataStream<Bid>): DataStream<PricedBid>;
