/**
 * Keyed word count at parallelism 2 on the MiniCluster: records cross between the two slot workers
 * through serialized, credit-controlled buffers. Compared with the serializer's own encode+decode
 * rate on the same records, measured in the same run.
 * Run: npm run build && node dist/bench/keyed-wordcount.js [--count N]
 */
import { runJob } from "../src/client/job-runner.js";
import { RecordBatchDecoder, RecordBatchEncoder } from "../src/runtime/network/record-batch-codec.js";
import { argNumber, benchJob, machine, perSecond, rate, timed } from "./support.js";
import { wordAt } from "./jobs/words.js";
const count = argNumber("count", 10_000_000);
const parallelism = argNumber("parallelism", 2);
function serializerRoundTrip(n) {
    const encoder = new RecordBatchEncoder();
    const decoder = new RecordBatchDecoder();
    const batch = 2048;
    let bytes = 0;
    let values = [];
    for (let i = 0; i < n; i++) {
        values.push({ word: wordAt(i), count: 1 });
        if (values.length === batch) {
            const buf = encoder.encode(values, null);
            bytes += buf.byteLength;
            decoder.decode(buf);
            values = [];
        }
    }
    return { bytes };
}
serializerRoundTrip(200_000);
const serde = await timed(() => serializerRoundTrip(count));
const job = await runJob(benchJob("keyed-wordcount.ts"), { args: [String(count), String(parallelism)] });
if (job.state !== "FINISHED")
    throw new Error(`job ${job.state}: ${job.failure?.message}`);
const ms = job.endTime - job.startTime;
const bytesPerRecord = serde.result.bytes / count;
console.log(`machine: ${machine()}`);
console.log(`records: ${count}, parallelism ${parallelism}, ${bytesPerRecord.toFixed(1)} bytes/record serialized`);
console.log(`serializer encode+decode (1 thread): ${rate(count, serde.ms)}`);
console.log(`sluice keyed word count:            ${rate(count, ms)}, ${((perSecond(count, ms) * bytesPerRecord) / 2 ** 20).toFixed(1)} MiB/s (${ms.toFixed(0)} ms submit to FINISHED)`);
console.log(`ratio sluice / serializer:          ${(perSecond(count, ms) / perSecond(count, serde.ms)).toFixed(2)}  (target: ≥ 3 M records/s)`);
//# sourceMappingURL=keyed-wordcount.js.map