/**
 * Randomly shaped pipelines (maps, filters, flatMaps, every partitioner, parallelism changes,
 * unions, broken chains, keyed sums) give exactly the reference computation's output.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";
import { SUM_MODULUS, consumerParallelism, generateSpec, referenceOutput } from "../jobs/random-pipeline-spec.js";
const SEEDS = Array.from({ length: 8 }, (_, i) => 1000 + i * 7919);
for (const parallelism of [1, 2, 4])
    for (const seed of SEEDS) {
        test(`random pipeline ${seed} at parallelism ${parallelism} equals the reference`, async () => {
            const spec = generateSpec(seed, parallelism);
            const result = await runJob(testJob("random-pipeline.ts"), { args: [String(seed), String(parallelism)] });
            assert.equal(result.state, "FINISHED", result.failure?.message);
            const sinkParallelism = spec.sumKeys !== null ? spec.sourceParallelism : 1;
            const expected = referenceOutput(spec, (i) => consumerParallelism(spec, i, sinkParallelism));
            if (spec.sumKeys === null) {
                const actual = result.records.slice().sort((a, b) => a - b);
                assert.deepEqual(actual, expected);
                return;
            }
            const sums = new Map();
            const counts = new Map();
            for (const v of expected) {
                const k = v % spec.sumKeys;
                sums.set(k, ((sums.get(k) ?? 0) + v) % SUM_MODULUS);
                counts.set(k, (counts.get(k) ?? 0) + 1);
            }
            const last = new Map();
            const emitted = new Map();
            for (const [k, s] of result.records) {
                last.set(k, s);
                emitted.set(k, (emitted.get(k) ?? 0) + 1);
            }
            assert.deepEqual(new Map([...last].sort()), new Map([...sums].sort()), "final sum per key");
            assert.deepEqual(new Map([...emitted].sort()), new Map([...counts].sort()), "one running sum per input record");
        });
    }
//# sourceMappingURL=random-pipelines.test.js.map