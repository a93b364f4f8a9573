/**
 * Estimated serialized size of an event, the measure the avg*ByteSize settings aim at: 8 bytes per
 * numeric field plus the length of every string (all generated text is ASCII). Unlike Beam, the
 * estimate counts every field, so the configured average is what a record actually carries.
 */
import type { Auction, Bid, NexmarkEvent, Person } from "./model.js";

const NUMBER_BYTES = 8;

/** Person without `extra`: id, dateTime and its strings. */
export function personBaseSize(name: string, email: string, creditCard: string, city: string, state: string): number {
  return 2 * NUMBER_BYTES + name.length + email.length + creditCard.length + city.length + state.length;
}

/** Auction without `extra`: seven numbers (id, initialBid, reserve, dateTime, expires, seller, category). */
export function auctionBaseSize(itemName: string, description: string): number {
  return 7 * NUMBER_BYTES + itemName.length + description.length;
}

/** Bid without `extra`: four numbers (auction, bidder, price, dateTime), channel and url. */
export function bidBaseSize(channel: string, url: string): number {
  return 4 * NUMBER_BYTES + channel.length + url.length;
}

export function personByteSize(p: Person): number {
  return personBaseSize(p.name, p.emailAddress, p.creditCard, p.city, p.state) + p.extra.length;
}

export function auctionByteSize(a: Auction): number {
  return auctionBaseSize(a.itemName, a.description) + a.extra.length;
}

export function bidByteSize(b: Bid): number {
  return bidBaseSize(b.channel, b.url) + b.extra.length;
}

export function nexmarkEventByteSize(event: NexmarkEvent): number {
  switch (event.type) {
    case "person":
      return personByteSize(event.person);
    case "auction":
      return auctionByteSize(event.auction);
    case "bid":
      return bidByteSize(event.bid);
  }
}
