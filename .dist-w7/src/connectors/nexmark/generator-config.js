/**
 * Settings of the Nexmark generator, with the defaults of the Nexmark benchmark (Beam's
 * NexmarkConfiguration). A config is plain data so it can travel in a JobGraph to every subtask;
 * all subtasks must get the same config, which is why `baseTime` is a fixed default rather than
 * "now" (a source sets it once, at submission).
 */
export const DEFAULT_NEXMARK_CONFIG = Object.freeze({
    firstEventRate: 10_000,
    nextEventRate: 10_000,
    rateShape: "square",
    ratePeriodSec: 600,
    numEvents: 100_000,
    personProportion: 1,
    auctionProportion: 3,
    bidProportion: 46,
    hotAuctionRatio: 2,
    hotBiddersRatio: 4,
    hotSellersRatio: 4,
    numInFlightAuctions: 100,
    numActivePeople: 1000,
    avgPersonByteSize: 200,
    avgAuctionByteSize: 500,
    avgBidByteSize: 100,
    firstEventId: 0,
    baseTime: Date.UTC(2020, 0, 1),
    seed: 0,
});
/**
 * The defaults with `overrides` applied, validated and frozen. `nextEventRate` follows
 * `firstEventRate` unless given, so overriding one rate alone keeps the rate constant.
 */
export function createNexmarkConfig(overrides = {}) {
    const config = {
        ...DEFAULT_NEXMARK_CONFIG,
        ...overrides,
        nextEventRate: overrides.nextEventRate ?? overrides.firstEventRate ?? DEFAULT_NEXMARK_CONFIG.nextEventRate,
    };
    validateNexmarkConfig(config);
    return Object.freeze(config);
}
/** Throws a clear error for a config the generator cannot work with (e.g. one built by hand). */
export function validateNexmarkConfig(c) {
    const positive = ["firstEventRate", "nextEventRate", "ratePeriodSec"];
    for (const key of positive) {
        if (!(Number.isFinite(c[key]) && c[key] > 0))
            throw new Error(`nexmark ${key} must be a positive number, got ${c[key]}`);
    }
    // Ids are derived from the event id through these counts; zero people or auctions per cycle
    // would leave bids nothing to refer to.
    const atLeastOne = [
        "personProportion",
        "auctionProportion",
        "hotAuctionRatio",
        "hotBiddersRatio",
        "hotSellersRatio",
        "numInFlightAuctions",
        "numActivePeople",
    ];
    for (const key of atLeastOne) {
        if (!(Number.isSafeInteger(c[key]) && c[key] >= 1))
            throw new Error(`nexmark ${key} must be an integer ≥ 1, got ${c[key]}`);
    }
    const nonNegative = [
        "bidProportion",
        "numEvents",
        "avgPersonByteSize",
        "avgAuctionByteSize",
        "avgBidByteSize",
        "firstEventId",
        "baseTime",
    ];
    for (const key of nonNegative) {
        if (!(Number.isSafeInteger(c[key]) && c[key] >= 0))
            throw new Error(`nexmark ${key} must be an integer ≥ 0, got ${c[key]}`);
    }
    if (!Number.isSafeInteger(c.seed))
        throw new Error(`nexmark seed must be an integer, got ${c.seed}`);
    if (c.rateShape !== "square" && c.rateShape !== "sine")
        throw new Error(`nexmark rateShape must be square or sine, got ${String(c.rateShape)}`);
}
//# sourceMappingURL=generator-config.js.map