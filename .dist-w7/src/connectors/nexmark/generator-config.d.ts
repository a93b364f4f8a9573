/**
 * Settings of the Nexmark generator, with the defaults of the Nexmark benchmark (Beam's
 * NexmarkConfiguration). A config is plain data so it can travel in a JobGraph to every subtask;
 * all subtasks must get the same config, which is why `baseTime` is a fixed default rather than
 * "now" (a source sets it once, at submission).
 */
export type RateShape = "square" | "sine";
export interface NexmarkGeneratorConfig {
    /** Events per second over all subtasks, at the start of a rate period. */
    readonly firstEventRate: number;
    /** Rate the shape moves to; equal to firstEventRate for a constant rate. */
    readonly nextEventRate: number;
    /** How the rate moves between firstEventRate and nextEventRate over a period. */
    readonly rateShape: RateShape;
    /** Length of one full rate period, in seconds. */
    readonly ratePeriodSec: number;
    /** Events a bounded source generates in total (over all subtasks); 0 means unbounded. */
    readonly numEvents: number;
    readonly personProportion: number;
    readonly auctionProportion: number;
    readonly bidProportion: number;
    /** A bid goes to a hot auction with probability 1 - 1/hotAuctionRatio. */
    readonly hotAuctionRatio: number;
    /** A bid comes from a hot bidder with probability 1 - 1/hotBiddersRatio. */
    readonly hotBiddersRatio: number;
    /** An auction is opened by a hot seller with probability 1 - 1/hotSellersRatio. */
    readonly hotSellersRatio: number;
    /** Cold bids pick among the most recent this-many auctions (those likely still open). */
    readonly numInFlightAuctions: number;
    /** Cold bidders and sellers pick among the most recent this-many people. */
    readonly numActivePeople: number;
    readonly avgPersonByteSize: number;
    readonly avgAuctionByteSize: number;
    readonly avgBidByteSize: number;
    /** Id of event number 0; the event kind follows the id, so this shifts the 1:3:46 cycle. */
    readonly firstEventId: number;
    /** Timestamp of event number 0, epoch ms. */
    readonly baseTime: number;
    /** Different seeds give different (but equally shaped) event streams. */
    readonly seed: number;
}
export declare const DEFAULT_NEXMARK_CONFIG: NexmarkGeneratorConfig;
/**
 * The defaults with `overrides` applied, validated and frozen. `nextEventRate` follows
 * `firstEventRate` unless given, so overriding one rate alone keeps the rate constant.
 */
export declare function createNexmarkConfig(overrides?: Partial<NexmarkGeneratorConfig>): NexmarkGeneratorConfig;
/** Throws a clear error for a config the generator cannot work with (e.g. one built by hand). */
export declare function validateNexmarkConfig(c: NexmarkGeneratorConfig): void;
