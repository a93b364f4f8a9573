/**
 * The serial event stream the references loop over: event numbers 0 … count-1 of the same
 * generator config as the job's source. Serial events are in event-time order, so "the
 * watermark has passed t" is simply "an event later than t has been seen".
 */
import { type NexmarkEvent, type NexmarkGeneratorConfig } from "../../../src/connectors/nexmark/index.js";
export interface ReferenceInput {
    count: number;
    config: NexmarkGeneratorConfig;
}
export declare function referenceInput(count: number, overrides?: Partial<NexmarkGeneratorConfig>): ReferenceInput;
export declare function forEachEvent(input: ReferenceInput, fn: (e: NexmarkEvent) => void): void;
/** A query as one loop: every result goes to emit (updates included, for updating queries). */
export type Reference<R> = (input: ReferenceInput, emit: (r: R) => void) => void;
