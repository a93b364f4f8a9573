/**
 * The exactly-once file sink on the MiniCluster: under failures in user code and in the sink
 * itself, its committed part files hold every record of the reference exactly once; committed
 * files change only when a checkpoint completes; recovery removes what failed runs staged.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { parsePartFileName } from "../../src/connectors/file-sink/index.js";
import { waitFor } from "../support/wait.js";
import { failurePoints, referenceLines, seededRandom } from "../jobs/sinks/support/sink-job-spec.js";
import { SINK_JOB, committedLines, indexesOf, expectedRestarts, jobArgs, sinkFaultGuard, stagedPartFiles, testSeed } from "./sink-test-support.js";
import { assertSameLines } from "./same-lines.js";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function fileSpec(dir, overrides) {
    return {
        target: { kind: "file", dir },
        count: 4000,
        parallelism: 1,
        recordsPerSecond: 2000,
        checkpointIntervalMs: 50,
        userFailures: [],
        sinkFaults: [],
        sinkFaultsBelowIndex: 0,
        ...overrides,
    };
}
describe("FileSink", () => {
    it("commits every record exactly once under failures at random points, at parallelism 1 and 2", async () => {
        const seed = testSeed();
        for (const parallelism of [1, 2]) {
            const random = seededRandom(seed + parallelism);
            const count = 5000;
            const dir = mkdtempSync(join(tmpdir(), "sluice-file-sink-"));
            const userFailures = failurePoints(random, 3, count, 0.05, 0.25);
            // One sink fault per later attempt, at each point of the protocol, on the attempt's first
            // checkpoint (which every attempt has before its last record, so each fault fires).
            const sinkFaults = [
                { attempt: 3, at: "before-pre-commit", checkpoint: 1 },
                { attempt: 4, at: "after-pre-commit", checkpoint: 1 },
                { attempt: 5, at: "before-commit", checkpoint: 1 },
                { attempt: 6, at: "after-commit", checkpoint: 1 },
            ];
            const spec = fileSpec(dir, { count, parallelism, userFailures, sinkFaults, sinkFaultsBelowIndex: sinkFaultGuard(parallelism, count) });
            const context = `parallelism ${parallelism}, seed ${seed}, failures at ${userFailures.join(",")}`;
            const result = await runJob(SINK_JOB, { args: jobArgs(spec) });
            assert.equal(result.state, "FINISHED", `${context}: ${result.failure?.message}`);
            const restarts = expectedRestarts(result.restarts, parallelism, userFailures.length, sinkFaults.length);
            assert.equal(restarts, undefined, `${context}: ${restarts}`);
            assert.ok(result.checkpoints.restored >= 1, `${context}: restored from checkpoints ${result.checkpoints.restored} times`);
            assertSameLines(committedLines(dir), referenceLines(count), context);
            // The faults after pre-commits left pending files behind; recovery removed every one.
            assert.deepEqual(stagedPartFiles(dir), [], context);
        }
    });
    it("keeps records invisible until a checkpoint completes: committed files change only then", async () => {
        const dir = mkdtempSync(join(tmpdir(), "sluice-file-sink-visibility-"));
        const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 1 });
        const client = new MiniClusterClient(cluster);
        try {
            let jobId = "";
            // No periodic checkpoints: the test decides when one happens.
            const spec = fileSpec(dir, { count: 1_000_000, recordsPerSecond: 2000, checkpointIntervalMs: 0 });
            const run = runJob(SINK_JOB, { client, args: jobArgs(spec), onSubmitted: (id) => (jobId = id) });
            await waitFor(() => existsSync(dir) && stagedPartFiles(dir).length > 0, "records in an in-progress part file");
            await sleep(300);
            assert.deepEqual(committedLines(dir), [], "no checkpoint yet: nothing committed");
            let previous = [];
            for (let round = 1; round <= 2; round++) {
                await cluster.dispatcher.triggerCheckpoint(jobId);
                await waitFor(() => committedLines(dir).length > previous.length, `the part file of checkpoint ${round} committed`);
                const committed = committedLines(dir);
                // At parallelism 1 a checkpoint cuts the stream in two: the committed records are
                // exactly the indexes before its barrier, each once.
                assert.deepEqual(indexesOf(committed), Array.from({ length: committed.length }, (_, i) => i), `round ${round}`);
                await waitFor(() => stagedPartFiles(dir).length > 0, "records after the barrier in a staged part file");
                await sleep(300);
                assert.deepEqual(committedLines(dir), committed, "without a checkpoint the committed files stay as they are");
                previous = committed;
            }
            await client.cancel(jobId);
            assert.equal((await run).state, "CANCELED");
            assert.deepEqual(committedLines(dir), previous, "cancelling commits nothing");
            assert.deepEqual(stagedPartFiles(dir), [], "cancelling aborts the open transaction");
        }
        finally {
            await cluster.close();
        }
    });
    it("removes what an earlier run staged and never overwrites its committed files", async () => {
        const dir = mkdtempSync(join(tmpdir(), "sluice-file-sink-leftovers-"));
        writeFileSync(join(dir, ".part-0-5.inprogress"), "stale in-progress\n");
        writeFileSync(join(dir, ".part-0-6.pending"), "stale pending\n");
        writeFileSync(join(dir, ".part-1-2.pending"), "stale pending of subtask 1\n");
        writeFileSync(join(dir, "part-0-3"), "earlier,run\n");
        writeFileSync(join(dir, "notes.txt"), "not the sink's\n");
        const count = 300;
        const result = await runJob(SINK_JOB, { args: jobArgs(fileSpec(dir, { count, parallelism: 2 })) });
        assert.equal(result.state, "FINISHED", result.failure?.message);
        assert.deepEqual(stagedPartFiles(dir), []);
        assert.equal(readFileSync(join(dir, "part-0-3"), "utf8"), "earlier,run\n");
        assert.ok(existsSync(join(dir, "notes.txt")));
        assertSameLines(committedLines(dir).filter((l) => l !== "earlier,run"), referenceLines(count), "leftovers run");
        const newParts = readdirSync(dir)
            .map(parsePartFileName)
            .filter((p) => p?.state === "committed" && p.subtask === 0 && p.part !== 3);
        assert.ok(newParts.length > 0 && newParts.every((p) => p.part > 3), "numbering continues after the committed files");
    });
});
//# sourceMappingURL=file-sink.test.js.map