/**
 * Checkpoint and savepoint endpoints against the Dispatcher's CheckpointCoordinator: statistics and
 * configuration of a checkpointed job, a savepoint triggered and polled, stop-with-savepoint, and a
 * job resumed from that savepoint through POST /jobs with the reference result.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareJob, runPrepared } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { expectedSums } from "../jobs/rest/keyed-sums.js";
import { call, errorsOf, getJson, startRestCluster } from "./support.js";
const savepoints = mkdtempSync(join(tmpdir(), "sluice-rest-savepoints-"));
let rc;
let client;
before(async () => {
    rc = await startRestCluster({ config: { "state.savepoints.dir": savepoints, "execution.checkpointing.dir": join(savepoints, "checkpoints") } });
    client = new RestClusterClient({ baseUrl: rc.url });
});
after(() => rc.close());
async function operation(jobId, requestId) {
    let r = { status: { id: "IN_PROGRESS" } };
    await waitFor(async () => (r = await getJson(rc.url, `/jobs/${jobId}/savepoints/${requestId}`)).status.id === "COMPLETED", "savepoint operation");
    return r.operation;
}
test("checkpoint statistics and config, a savepoint, stop-with-savepoint, and a resumed job with the reference result", async () => {
    const count = 4000;
    const prepared = await prepareJob(testJob("rest/checkpointed-sums.ts"), { args: [String(count), "2000", "100"], parallelism: 2 });
    const jobId = await client.submit({ jobGraph: prepared.evaluated.jobGraph, bundleHash: prepared.bundle.hash, definition: prepared.inputs }, { hash: prepared.bundle.hash, code: prepared.bundle.code });
    const config = await getJson(rc.url, `/jobs/${jobId}/checkpoints/config`);
    assert.equal(config.interval, 100);
    assert.equal(config.mode, "exactly_once");
    let stats;
    await waitFor(async () => (stats = await getJson(rc.url, `/jobs/${jobId}/checkpoints`)).counts.completed >= 1, "a completed checkpoint");
    assert.match(stats.latest.completed.external_path, /chk-\d+/);
    assert.ok(stats.history.some((h) => h.status === "COMPLETED" && !h.is_savepoint));
    // A savepoint into a directory inside the allowed root.
    const triggered = await call(rc.url, "POST", `/jobs/${jobId}/savepoints`, { json: { "target-directory": join(savepoints, "manual"), "cancel-job": false } });
    assert.equal(triggered.status, 202, triggered.text);
    const sp = await operation(jobId, triggered.json["request-id"]);
    assert.equal(sp["failure-cause"], undefined, JSON.stringify(sp));
    assert.ok(sp.location.startsWith(join(savepoints, "manual")), sp.location);
    assert.equal((await call(rc.url, "GET", `/jobs/${jobId}/savepoints/${"0".repeat(32)}`)).status, 404);
    // Stop with a savepoint part-way, then resume from it: every key ends at its full sum.
    const stopped = await client.stopWithSavepoint(jobId, savepoints);
    assert.ok(stopped.startsWith(savepoints));
    const first = await client.result(jobId);
    assert.equal(first.state, "FINISHED");
    const late = await call(rc.url, "POST", `/jobs/${jobId}/savepoints`, { json: {} });
    assert.equal(late.status, 409);
    assert.match(errorsOf(late)[0], /already ended/);
    const resumed = await runPrepared(prepared, { client, savepointPath: stopped });
    assert.equal(resumed.state, "FINISHED");
    const last = new Map();
    for (const r of resumed.records)
        last.set(r.key, Math.max(last.get(r.key) ?? 0, r.value));
    assert.deepEqual(last, expectedSums(count));
    // (The coordinator counts restores from retained checkpoints only; a start from a savepoint does
    // not show in counts.restored / latest.restored yet, so that is not checked here.)
});
//# sourceMappingURL=checkpoints.test.js.map