const SINE_STEPS = 10;
export function eventTiming(config) {
    const rates = stepRates(config);
    if (rates.length === 1) {
        return { stepRates: rates, stepEvents: [Infinity], stepMillis: [Infinity], eventsPerEpoch: Infinity, epochMillis: Infinity };
    }
    const stepLengthSec = Math.ceil(config.ratePeriodSec / rates.length);
    const stepEvents = rates.map((rate) => Math.max(1, Math.floor(stepLengthSec * rate)));
    const stepMillis = stepEvents.map((events, i) => Math.floor((events * 1000) / rates[i]));
    return {
        stepRates: rates,
        stepEvents,
        stepMillis,
        eventsPerEpoch: stepEvents.reduce((a, b) => a + b, 0),
        epochMillis: stepMillis.reduce((a, b) => a + b, 0),
    };
}
/** Timestamp (epoch ms) of event number `eventNumber`; non-decreasing in eventNumber. */
export function eventTimestamp(timing, baseTime, eventNumber) {
    const rates = timing.stepRates;
    if (rates.length === 1)
        return baseTime + Math.floor((eventNumber * 1000) / rates[0]);
    const epoch = Math.floor(eventNumber / timing.eventsPerEpoch);
    let n = eventNumber - epoch * timing.eventsPerEpoch;
    let offsetMs = epoch * timing.epochMillis;
    for (let i = 0; i < rates.length; i++) {
        const events = timing.stepEvents[i];
        if (n < events)
            return baseTime + offsetMs + Math.floor((n * 1000) / rates[i]);
        n -= events;
        offsetMs += timing.stepMillis[i];
    }
    throw new Error("unreachable: eventsPerEpoch is the sum of stepEvents");
}
function stepRates(config) {
    const first = config.firstEventRate;
    const next = config.nextEventRate;
    if (first === next)
        return [first];
    if (config.rateShape === "square")
        return [first, next];
    const mid = (first + next) / 2;
    const amplitude = (first - next) / 2;
    const rates = [];
    for (let i = 0; i < SINE_STEPS; i++) {
        rates.push(Math.max(1, Math.round(mid + amplitude * Math.cos((2 * Math.PI * i) / SINE_STEPS))));
    }
    return rates;
}
//# sourceMappingURL=event-timing.js.map