/**
 * The exactly-once PostgreSQL sink against a real server the test starts: under failures in user
 * code and at every point of the two-phase protocol the table holds every row exactly once; rows
 * are written before a checkpoint but visible only after it; recovery rolls back the prepared
 * transactions of its own subtasks that no checkpoint names, and nothing else.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Client } from "pg";
import { runJob } from "../../src/client/job-runner.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { startPostgres } from "../support/postgres.js";
import { waitFor } from "../support/wait.js";
import { failurePoints, referenceLines, seededRandom } from "../jobs/sinks/support/sink-job-spec.js";
import { SINK_JOB, indexesOf, expectedRestarts, jobArgs, sinkFaultGuard, testSeed } from "./sink-test-support.js";
import { assertSameLines } from "./same-lines.js";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let server;
let admin;
let tables = 0;
before(async () => {
    server = await startPostgres();
    admin = new Client({ connectionString: server.connectionString });
    await admin.connect();
});
after(async () => {
    await admin?.end().catch(() => undefined);
    await server?.stop();
});
/** No key on purpose: a duplicate must show up as a second row, not as an error. */
async function freshTable() {
    const name = `out${++tables}`;
    await admin.query(`CREATE TABLE ${name} (k int NOT NULL, idx bigint NOT NULL, n bigint NOT NULL, total bigint NOT NULL)`);
    return name;
}
async function tableLines(table) {
    const r = await admin.query(`SELECT k, idx, n, total FROM ${table}`);
    return r.rows.map((row) => `${row.k},${row.idx},${row.n},${row.total}`).sort();
}
async function preparedGids() {
    const r = await admin.query("SELECT gid FROM pg_prepared_xacts ORDER BY gid");
    return r.rows.map((row) => row.gid);
}
function postgresSpec(table, overrides = {}, prefix) {
    return {
        target: { kind: "postgres", connection: server.connectionString, table, transactionIdPrefix: prefix, rowsPerStatement: 50 },
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
describe("PostgresSink", () => {
    it("writes every row exactly once under failures at random points, at parallelism 1 and 2", async () => {
        const seed = testSeed();
        for (const parallelism of [1, 2]) {
            const random = seededRandom(seed * 7 + parallelism);
            const count = 5000;
            const table = await freshTable();
            const userFailures = failurePoints(random, 2, count, 0.05, 0.25);
            // A crash at each point of the protocol: before and after PREPARE, before and after COMMIT PREPARED.
            const sinkFaults = [
                { attempt: 2, at: "after-pre-commit", checkpoint: 1 },
                { attempt: 3, at: "before-commit", checkpoint: 1 },
                { attempt: 4, at: "after-commit", checkpoint: 1 },
                { attempt: 5, at: "before-pre-commit", checkpoint: 1 },
            ];
            const spec = postgresSpec(table, { count, parallelism, userFailures, sinkFaults, sinkFaultsBelowIndex: sinkFaultGuard(parallelism, count) });
            const context = `parallelism ${parallelism}, seed ${seed}, failures at ${userFailures.join(",")}`;
            const result = await runJob(SINK_JOB, { args: jobArgs(spec) });
            assert.equal(result.state, "FINISHED", `${context}: ${result.failure?.message}`);
            const restarts = expectedRestarts(result.restarts, parallelism, userFailures.length, sinkFaults.length);
            assert.equal(restarts, undefined, `${context}: ${restarts}`);
            assertSameLines(await tableLines(table), referenceLines(count), context);
            // The fault after PREPARE left a prepared transaction; recovery rolled it back.
            assert.deepEqual(await preparedGids(), [], context);
        }
    });
    it("rows are written before a checkpoint but become visible only when it completes", async () => {
        const table = await freshTable();
        const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 1 });
        const client = new MiniClusterClient(cluster);
        try {
            let jobId = "";
            const spec = postgresSpec(table, { count: 1_000_000, recordsPerSecond: 2000, checkpointIntervalMs: 0 });
            const run = runJob(SINK_JOB, { client, args: jobArgs(spec), onSubmitted: (id) => (jobId = id) });
            // A session whose transaction has an xid has written rows that nobody else can see yet.
            await waitFor(async () => {
                const r = await admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()");
                return Number(r.rows[0].n) > 0;
            }, "the sink's open transaction to have inserted rows");
            assert.deepEqual(await tableLines(table), [], "no checkpoint yet: no row visible");
            let previous = [];
            for (let round = 1; round <= 2; round++) {
                await cluster.dispatcher.triggerCheckpoint(jobId);
                await waitFor(async () => (await tableLines(table)).length > previous.length, `checkpoint ${round}'s rows committed`);
                const visible = await tableLines(table);
                // Parallelism 1: exactly the records before the barrier, each once.
                assert.deepEqual(indexesOf(visible), Array.from({ length: visible.length }, (_, i) => i), `round ${round}`);
                await sleep(300);
                assert.deepEqual(await tableLines(table), visible, "without a checkpoint the visible rows stay as they are");
                previous = visible;
            }
            await client.cancel(jobId);
            assert.equal((await run).state, "CANCELED");
            assert.deepEqual(await tableLines(table), previous, "cancelling commits nothing");
            assert.deepEqual(await preparedGids(), [], "nothing left prepared");
        }
        finally {
            await cluster.close();
        }
    });
    it("rolls back its own subtasks' prepared leftovers on start and leaves other sinks' alone", async () => {
        const table = await freshTable();
        const prepare = async (gid, idx) => {
            await admin.query("BEGIN");
            await admin.query(`INSERT INTO ${table} VALUES (0, $1, 0, 0)`, [idx]);
            await admin.query(`PREPARE TRANSACTION '${gid}'`);
        };
        await prepare("leftover-test:0-3-c17", -1); // this sink's subtask 0, from an earlier run
        await prepare("another-sink:0-0-c1", -2);
        try {
            const count = 300;
            const result = await runJob(SINK_JOB, { args: jobArgs(postgresSpec(table, { count }, "leftover-test")) });
            assert.equal(result.state, "FINISHED", result.failure?.message);
            assert.deepEqual(await preparedGids(), ["another-sink:0-0-c1"]);
            assertSameLines(await tableLines(table), referenceLines(count), "the leftover's row never became visible");
        }
        finally {
            await admin.query("ROLLBACK PREPARED 'another-sink:0-0-c1'").catch(() => undefined);
        }
    });
});
//# sourceMappingURL=postgres-sink.test.js.map