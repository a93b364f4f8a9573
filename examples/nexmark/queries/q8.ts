/**
 * q8, monitor new users: people who registered and opened an auction within the same 10 s
 * tumbling window. A window coGroup of people (by id) and auctions (by seller): each such person
 * is reported once per window, however many auctions they opened in it.
 */
import { TumblingEventTimeWindows, type Auction, type Collector, type DataStream, type NexmarkEvent, type Person } from "sluice";
import { auctions, persons } from "./streams.js";

export const Q8_WINDOW_MS = 10_000;

export interface Q8Result {
  id: number;
  name: string;
  /** Start of the window. */
  starttime: number;
}

export function q8(events: DataStream<NexmarkEvent>): DataStream<Q8Result> {
  return persons(events)
    .coGroup(auctions(events))
    .where((p) => p.id)
    .equalTo((a) => a.seller)
    .window(TumblingEventTimeWindows.of(Q8_WINDOW_MS))
    .apply((people: Person[], opened: Auction[], out: Collector<Q8Result>) => {
      if (opened.length === 0) return;
      // Windows are aligned to the epoch: the person's own time gives the window's start.
      for (const p of people) out.collect({ id: p.id, name: p.name, starttime: p.dateTime - (p.dateTime % Q8_WINDOW_MS) });
    }, "q8: new users");
}
