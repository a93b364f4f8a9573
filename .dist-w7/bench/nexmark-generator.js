/**
 * Nexmark generator throughput: events generated per second on one core (serial, default config).
 * Reference, measured in the same run: a hand-written loop that only reseeds the PRNG and builds a
 * bare bid object per event, the floor of what any generator of this design could cost.
 *
 *   node --import tsx bench/nexmark-generator.ts [events=5000000]
 */
import { NexmarkRandom } from "../src/connectors/nexmark/random.js";
import { createNexmarkConfig, nexmarkEvent, nexmarkEventByteSize } from "../src/connectors/nexmark/index.js";
const events = Number(process.argv[2] ?? 5_000_000);
const config = createNexmarkConfig();
function measure(label, run) {
    run(); // warm-up pass (JIT) on the same work
    const start = process.hrtime.bigint();
    const checksum = run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const rate = events / seconds;
    console.log(`${label.padEnd(28)} ${(rate / 1e6).toFixed(2)} M events/s  (${seconds.toFixed(2)} s, checksum ${checksum})`);
    return rate;
}
const generated = measure("nexmarkEvent", () => {
    let sum = 0;
    for (let n = 0; n < events; n++)
        sum += nexmarkEvent(n, config).type.length;
    return sum;
});
const reference = measure("reference: PRNG + bare bid", () => {
    const random = new NexmarkRandom();
    let sum = 0;
    for (let n = 0; n < events; n++) {
        random.reseed(0, n);
        const bid = { auction: random.nextInt(1000), bidder: random.nextInt(1000), price: random.nextInt(1e6), dateTime: n };
        sum += bid.auction & 1;
    }
    return sum;
});
let bytes = 0;
const sample = Math.min(events, 500_000);
for (let n = 0; n < sample; n++)
    bytes += nexmarkEventByteSize(nexmarkEvent(n, config));
const avgBytes = bytes / sample;
console.log(`average event size           ${avgBytes.toFixed(1)} bytes → ${((generated * avgBytes) / 1e6).toFixed(0)} MB/s of event data`);
console.log(`ratio to reference           ${(generated / reference).toFixed(3)}`);
console.log(`node ${process.version}, ${events} events, default config (1:3:46, 200/500/100 bytes)`);
//# sourceMappingURL=nexmark-generator.js.map