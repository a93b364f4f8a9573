/**
 * Where bids come from (the `channel` and `url` of Flink's Nexmark bids, used by its later
 * queries): a few hot channels take almost all bids, the rest spread over many cold ones. URLs
 * look like `https://www.nexmark.com/<dir1>/<dir2>/<dir3>/item.htm?query=1`, and most cold
 * channels append `&channel_id=<n>`. The tables are built once from a fixed seed.
 */
import { NexmarkRandom } from "./random.js";
import { nextStringWith } from "./strings.js";
export const HOT_CHANNELS = ["Google", "Facebook", "Baidu", "Apple"];
export const NUM_COLD_CHANNELS = 10_000;
/** A bid comes from a hot channel with probability 1 - 1/HOT_CHANNELS_RATIO. */
export const HOT_CHANNELS_RATIO = 100;
const TABLE_SEED = 0x63686e6c; // "chnl"
let table;
export function channelTable() {
    table ??= buildTable();
    return table;
}
function buildTable() {
    const random = new NexmarkRandom(TABLE_SEED, 0);
    const hotUrls = HOT_CHANNELS.map(() => baseUrl(random));
    const coldNames = [];
    const coldUrls = [];
    for (let i = 0; i < NUM_COLD_CHANNELS; i++) {
        coldNames.push(`channel-${i}`);
        const url = baseUrl(random);
        coldUrls.push(random.nextInt(10) > 0 ? `${url}&channel_id=${reverseBits(i)}` : url);
    }
    return { hotUrls, coldNames, coldUrls };
}
function baseUrl(random) {
    const dir = () => nextStringWith(random, 5, "_");
    return `https://www.nexmark.com/${dir()}/${dir()}/${dir()}/item.htm?query=1`;
}
/** Channel ids that do not give away the channel number (as Flink's Integer.reverse). */
function reverseBits(n) {
    let r = 0;
    for (let i = 0; i < 31; i++)
        r = (r << 1) | ((n >>> i) & 1);
    return r >>> 0;
}
//# sourceMappingURL=channels.js.map