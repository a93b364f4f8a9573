/**
 * q8, monitor new users: people who registered and opened an auction within the same 10 s
 * tumbling window. A window coGroup of people (by id) and auctions (by seller): each such person
 * is reported once per window, however many auctions they opened in it.
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
