/** q0, pass through: every bid, unchanged. Measures the cost of the framework and the generator. */
import type { Bid, DataStream, NexmarkEvent } from "sluice";
export declare function q0(events: DataStream<NexmarkEvent>): DataStream<Bid>;
