export declare const HOT_CHANNELS: readonly string[];
export declare const NUM_COLD_CHANNELS = 10000;
/** A bid comes from a hot channel with probability 1 - 1/HOT_CHANNELS_RATIO. */
export declare const HOT_CHANNELS_RATIO = 100;
export interface ChannelTable {
    readonly hotUrls: readonly string[];
    readonly coldNames: readonly string[];
    readonly coldUrls: readonly string[];
}
export declare function channelTable(): ChannelTable;
