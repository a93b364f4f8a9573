/**
 * The Nexmark event generator, after the nexmark/Beam specification: event n is a pure function
 * of (config, n). Its kind follows the event id (firstEventId + n) through the
 * person:auction:bid cycle (1:3:46 by default), its ids follow from how many people and auctions
 * the cycle has produced before it, its time from n and the rate, and its random fields from a
 * PRNG seeded with (seed, event id). No state, so subtasks split the work by event number alone.
 */
import { nextAuction } from "./auction-generator.js";
import { nextBid } from "./bid-generator.js";
import { eventNumbers } from "./event-range.js";
import { eventTimestamp, eventTiming } from "./event-timing.js";
import { DEFAULT_NEXMARK_CONFIG, validateNexmarkConfig } from "./generator-config.js";
import { totalProportion } from "./ids.js";
import { nextPerson } from "./person-generator.js";
import { NexmarkRandom } from "./random.js";
export { eventRangeSize, eventNumbers, skipEvents, splitEventRange } from "./event-range.js";
// Derived once per config object; configs are frozen by createNexmarkConfig.
const timings = new WeakMap();
// Reseeded for every event and never held across calls, so one instance serves all of them.
const random = new NexmarkRandom();
export function nexmarkEvent(eventNumber, config = DEFAULT_NEXMARK_CONFIG) {
    if (!(Number.isSafeInteger(eventNumber) && eventNumber >= 0)) {
        throw new Error(`eventNumber must be a non-negative integer, got ${eventNumber}`);
    }
    const timing = timingOf(config);
    const eventId = config.firstEventId + eventNumber;
    const timestamp = eventTimestamp(timing, config.baseTime, eventNumber);
    random.reseed(config.seed, eventId);
    switch (eventTypeOfId(config, eventId)) {
        case "person":
            return { type: "person", person: nextPerson(config, eventId, random, timestamp) };
        case "auction":
            return { type: "auction", auction: nextAuction(config, timing, eventNumber, eventId, random, timestamp) };
        case "bid":
            return { type: "bid", bid: nextBid(config, eventId, random, timestamp) };
    }
}
/** The kind of event number `eventNumber`, without generating it (e.g. to skip to bids). */
export function nexmarkEventType(eventNumber, config = DEFAULT_NEXMARK_CONFIG) {
    timingOf(config); // validates a config seen for the first time
    return eventTypeOfId(config, config.firstEventId + eventNumber);
}
/** The event time of event number `eventNumber`, without generating it (e.g. for rate limiting). */
export function nexmarkEventTimestamp(eventNumber, config = DEFAULT_NEXMARK_CONFIG) {
    return eventTimestamp(timingOf(config), config.baseTime, eventNumber);
}
/** All events of a range, in order. */
export function* nexmarkEvents(range, config = DEFAULT_NEXMARK_CONFIG) {
    for (const n of eventNumbers(range))
        yield nexmarkEvent(n, config);
}
function eventTypeOfId(config, eventId) {
    const rem = eventId % totalProportion(config);
    if (rem < config.personProportion)
        return "person";
    if (rem < config.personProportion + config.auctionProportion)
        return "auction";
    return "bid";
}
function timingOf(config) {
    let timing = timings.get(config);
    if (!timing) {
        validateNexmarkConfig(config); // a hand-built config is checked once, on first use
        timing = eventTiming(config);
        timings.set(config, timing);
    }
    return timing;
}
//# sourceMappingURL=generator.js.map