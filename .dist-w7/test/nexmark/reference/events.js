/**
 * The serial event stream the references loop over: event numbers 0 … count-1 of the same
 * generator config as the job's source. Serial events are in event-time order, so "the
 * watermark has passed t" is simply "an event later than t has been seen".
 */
import { createNexmarkConfig, nexmarkEvent } from "../../../src/connectors/nexmark/index.js";
export function referenceInput(count, overrides = {}) {
    return { count, config: createNexmarkConfig({ numEvents: count, ...overrides }) };
}
export function forEachEvent(input, fn) {
    const { count, config } = input;
    for (let n = 0; n < count; n++)
        fn(nexmarkEvent(n, config));
}
//# sourceMappingURL=events.js.map