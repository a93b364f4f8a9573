/**
 * q8, monitor new users: people who registered and opened an auction within the same 10 s
 * tumbling window. A window coGroup of people (by id) and auctions (by seller): each such person
 * is reported once per window, however many auctions they opened in it.
 *
 * Both sides are projected to what the result needs before they enter the window: a window
 * keeps its elements until it fires, and whole people and auctions (~200 and ~500 bytes) held
 * for 10 s of events cost more in garbage collection than everything else in this query.
 */
import { type DataStream, type NexmarkEvent } from "sluice";
export declare const Q8_WINDOW_MS = 10000;
export interface Q8Result {
    id: number;
    name: string;
    /** Start of the window. */
    starttime: number;
}
export declare function q8(events: DataStream<NexmarkEvent>): DataStream<Q8Result>;
