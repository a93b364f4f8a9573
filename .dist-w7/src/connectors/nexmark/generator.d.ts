import { type EventRange } from "./event-range.js";
import { type NexmarkGeneratorConfig } from "./generator-config.js";
import type { NexmarkEvent, NexmarkEventType } from "./model.js";
export { eventRangeSize, eventNumbers, skipEvents, splitEventRange, type EventRange } from "./event-range.js";
export declare function nexmarkEvent(eventNumber: number, config?: NexmarkGeneratorConfig): NexmarkEvent;
/** The kind of event number `eventNumber`, without generating it (e.g. to skip to bids). */
export declare function nexmarkEventType(eventNumber: number, config?: NexmarkGeneratorConfig): NexmarkEventType;
/** The event time of event number `eventNumber`, without generating it (e.g. for rate limiting). */
export declare function nexmarkEventTimestamp(eventNumber: number, config?: NexmarkGeneratorConfig): number;
/** All events of a range, in order. */
export declare function nexmarkEvents(range: EventRange, config?: NexmarkGeneratorConfig): Generator<NexmarkEvent, void, undefined>;
