/**
 * q10, log to file system: every bid with its day and minute, the partition it is filed under
 * (see PartitionedFileSink for the files; the query itself is the projection).
 */
import type { DataStream, NexmarkEvent } from "sluice";
import { bids, formatDay, formatHourMinute } from "./streams.js";

export interface Q10Result {
  auction: number;
  bidder: number;
  price: number;
  dateTime: number;
  extra: string;
  /** 'yyyy-MM-dd' (UTC). */
  dt: string;
  /** 'HH:mm' (UTC). */
  hm: string;
}

export function q10(events: DataStream<NexmarkEvent>): DataStream<Q10Result> {
  return bids(events)
    .map(
      (b): Q10Result => ({
        auction: b.auction,
        bidder: b.bidder,
        price: b.price,
        dateTime: b.dateTime,
        extra: b.extra,
        dt: formatDay(b.dateTime),
        hm: formatHourMinute(b.dateTime),
      }),
    )
    .name("q10: partition columns");
}
