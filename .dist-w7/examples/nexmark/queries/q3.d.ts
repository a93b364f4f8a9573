/**
 * q3, local item suggestion: who sells in Oregon, Idaho or California in category 10, and which
 * auctions. An incremental (unwindowed) inner join of people and auctions on person id = seller:
 * each match is emitted as soon as its second side arrives.
 *
 * Every person is joined, not only those of the three states, so that an auction whose seller
 * lives elsewhere is dropped as soon as the seller is known instead of waiting forever (a
 * seller may appear after their auction: the generator names a few people not created yet).
 * Both sides are projected to the result's columns before the shuffle, as a SQL planner would.
 */
import { type DataStream, type NexmarkEvent } from "sluice";
export interface Q3Result {
    name: string;
    city: string;
    state: string;
    /** The auction id. */
    id: number;
}
export declare const Q3_STATES: readonly string[];
export declare const Q3_CATEGORY = 10;
export declare function q3(events: DataStream<NexmarkEvent>): DataStream<Q3Result>;
