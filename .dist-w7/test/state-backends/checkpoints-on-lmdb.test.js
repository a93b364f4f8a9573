/**
 * Checkpoints of the LMDB backend in running jobs: the sequence check (consecutive numbers per
 * key, any gap or duplicate fails the job) under injected failures restores from LMDB snapshots;
 * a savepoint taken on LMDB resumes on the heap backend at another parallelism, and back.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { runJob } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
const JOB = testJob("sequence-check.ts");
const dir = mkdtempSync(join(tmpdir(), "sluice-lmdb-checkpoints-"));
after(() => rmSync(dir, { recursive: true, force: true }));
/** A cache smaller than the job's 10 keys: every checkpoint and restore goes through LMDB itself. */
const lmdb = { "state.backend.type": "lmdb", "state.backend.lmdb.cache-entries": "6", "state.backend.lmdb.localdir": dir };
test("lmdb: no gap or duplicate under repeated failures, recovering from checkpoints", async () => {
    const count = 20_000;
    const failures = 3;
    const result = await runJob(JOB, { args: [String(count), String(failures), "2", "5000"], config: lmdb });
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.equal(result.restarts, failures);
    assert.ok(result.checkpoints.restored >= 1, `restored from checkpoints ${result.checkpoints.restored} times`);
    assert.deepEqual(finalsOf(result.records), referenceFinals(count));
    assert.deepEqual(lmdbFolders(), [], "failed, cancelled and finished tasks all deleted their LMDB folders");
});
test("a savepoint taken on lmdb resumes on hashmap at parallelism 3, and one taken on hashmap on lmdb at 1", async () => {
    const count = 12_000;
    const savepoints = join(dir, "savepoints");
    const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 3 });
    const client = new MiniClusterClient(cluster);
    try {
        const ended = (jobId) => ["FINISHED", "FAILED", "CANCELED"].includes(cluster.dispatcher.requestJob(jobId).state);
        const stopPartWay = async (config, parallelism) => {
            let jobId = "";
            const run = runJob(JOB, { client, config, args: [String(count), "0", String(parallelism), "3000", "2"], onSubmitted: (id) => (jobId = id) });
            // Sources, collect sink and the checkers all running (or the job ended early: the stop then says why).
            await waitFor(() => jobId !== "" && (cluster.dispatcher.requestJob(jobId).statusCounts.RUNNING === 3 + parallelism || ended(jobId)), "job running");
            if (ended(jobId))
                assert.fail(`the job ended before the savepoint: ${JSON.stringify((await run).failure ?? (await run).state)}`);
            await new Promise((r) => setTimeout(r, 500));
            const savepoint = await client.stopWithSavepoint(jobId, savepoints);
            const stopped = await run;
            assert.equal(stopped.state, "FINISHED", stopped.failure?.message);
            return { records: stopped.records, savepoint };
        };
        const first = await stopPartWay(lmdb, 2);
        assert.ok(first.records.length > 0 && first.records.length < count, `stopped after ${first.records.length} records`);
        const resumed = await runJob(JOB, { client, config: { "state.backend.type": "hashmap" }, args: [String(count), "0", "3", "1000000", "2"], savepointPath: first.savepoint });
        assert.equal(resumed.state, "FINISHED", resumed.failure?.message);
        assert.deepEqual(finalsOf(first.records, resumed.records), referenceFinals(count));
        const onHeap = await stopPartWay({ "state.backend.type": "hashmap" }, 2);
        const onLmdb = await runJob(JOB, { client, config: lmdb, args: [String(count), "0", "1", "1000000", "2"], savepointPath: onHeap.savepoint });
        assert.equal(onLmdb.state, "FINISHED", onLmdb.failure?.message);
        assert.deepEqual(finalsOf(onHeap.records, onLmdb.records), referenceFinals(count));
        assert.equal(onHeap.records.length + onLmdb.records.length, count, "no record twice, none lost");
    }
    finally {
        await cluster.close();
    }
    assert.deepEqual(lmdbFolders(), []);
});
function lmdbFolders() {
    return readdirSync(dir).filter((f) => f.startsWith("sluice-lmdb-"));
}
//# sourceMappingURL=checkpoints-on-lmdb.test.js.map