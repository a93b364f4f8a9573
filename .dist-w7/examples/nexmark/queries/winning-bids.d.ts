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
 */
import { type Auction, type Bid, type DataStream } from "sluice";
export interface WinningBid {
    auction: Auction;
    bid: Bid;
}
export declare function winningBids(auctions: DataStream<Auction>, bids: DataStream<Bid>): DataStream<WinningBid>;
