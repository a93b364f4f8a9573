/**
 * Every job endpoint on a running and on a finished multi-vertex job, over loopback against a
 * MiniCluster: Flink's field names, the declared schemas (checked by the server on every answer),
 * and values that match what the job does.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { hostname } from "node:os";
import { prepareJob, runPrepared } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { expectedSums } from "../jobs/rest/keyed-sums.js";
import { call, errorsOf, getJson, startRestCluster } from "./support.js";
let rc;
let client;
before(async () => {
    rc = await startRestCluster();
    client = new RestClusterClient({ baseUrl: rc.url });
});
after(() => rc.close());
test("a running multi-vertex job through every job and vertex endpoint, then cancelled with PATCH", async () => {
    const prepared = await prepareJob(testJob("unbounded.ts"));
    const { bundle, evaluated, inputs } = prepared;
    const jobId = await client.submit({ jobGraph: evaluated.jobGraph, bundleHash: bundle.hash, definition: inputs }, { hash: bundle.hash, code: bundle.code });
    assert.match(jobId, /^[0-9a-f]{32}$/);
    // Running, every subtask deployed, and metrics flowing on both vertices.
    let job;
    await waitFor(async () => {
        job = await getJson(rc.url, `/jobs/${jobId}`);
        const [src, sink] = job.vertices;
        return job["status-counts"].RUNNING === 4 && src?.metrics["write-records"] > 0 && sink?.metrics["read-records"] > 0;
    }, "job running with metrics");
    assert.equal(job.jid, jobId);
    assert.equal(job.state, "RUNNING");
    assert.equal(job["end-time"], -1);
    assert.ok(job.timestamps.RUNNING >= job["start-time"] && job.timestamps.FINISHED === 0);
    assert.equal(job.vertices.length, 2);
    const [source, sum] = job.vertices;
    assert.match(source.name, /Ticks/);
    assert.equal(source.parallelism, 2);
    assert.deepEqual(Object.keys(source.tasks).sort(), ["CANCELED", "CANCELING", "CREATED", "DEPLOYING", "FAILED", "FINISHED", "INITIALIZING", "RUNNING", "SCHEDULED"]);
    assert.equal(source.tasks.RUNNING, 2);
    assert.ok(source.metrics["write-records"] > 0 && sum.metrics["read-records"] > 0);
    // The plan: the sum vertex reads the source through a keyed (HASH) exchange.
    const sumNode = job.plan.nodes.find((n) => n.id === sum.id);
    assert.deepEqual(sumNode.inputs?.map((i) => [i.id, i.ship_strategy]), [[source.id, "HASH"]]);
    // Lists and overviews.
    assert.deepEqual((await getJson(rc.url, "/jobs")).jobs, [{ id: jobId, status: "RUNNING" }]);
    const overview = (await getJson(rc.url, "/jobs/overview")).jobs;
    assert.equal(overview[0].jid, jobId);
    assert.equal(overview[0].tasks.total, 4);
    assert.equal(overview[0].tasks.running, 4);
    const cluster = await getJson(rc.url, "/overview");
    assert.equal(cluster["jobs-running"], 1);
    assert.equal(cluster.taskmanagers, 2);
    assert.equal(cluster["slots-total"], 4);
    assert.equal(cluster["slots-available"], 2);
    // One vertex: subtasks with host, state and metrics; backpressure; watermarks.
    const vertex = await getJson(rc.url, `/jobs/${jobId}/vertices/${sum.id}`);
    assert.deepEqual(vertex.subtasks.map((s) => [s.subtask, s.status, s.host]), [[0, "RUNNING", hostname()], [1, "RUNNING", hostname()]]);
    assert.ok(vertex.subtasks.every((s) => s["taskmanager-id"].startsWith("tm-")));
    let bp = { status: "deprecated" };
    await waitFor(async () => (bp = await getJson(rc.url, `/jobs/${jobId}/vertices/${source.id}/backpressure`)).subtasks?.length === 2, "backpressure stats of both subtasks");
    assert.equal(bp.status, "ok");
    assert.ok(["ok", "low", "high"].includes(bp["backpressure-level"]));
    assert.equal(bp.subtasks.length, 2);
    for (const s of bp.subtasks)
        assert.ok(s.ratio + s.idleRatio + s.busyRatio <= 1.01, JSON.stringify(s));
    const watermarks = await getJson(rc.url, `/jobs/${jobId}/vertices/${sum.id}/watermarks`);
    assert.deepEqual(watermarks.map((w) => w.id), ["0.currentInputWatermark", "1.currentInputWatermark"]);
    assert.ok(watermarks.every((w) => /^-?\d+$/.test(w.value)));
    // No failures, no result yet, checkpoints: none configured for this job.
    assert.deepEqual(await getJson(rc.url, `/jobs/${jobId}/exceptions`), { exceptionHistory: { entries: [], truncated: false } });
    assert.deepEqual(await getJson(rc.url, `/jobs/${jobId}/execution-result`), { status: { id: "IN_PROGRESS" } });
    const checkpoints = await getJson(rc.url, `/jobs/${jobId}/checkpoints`);
    assert.equal(checkpoints.counts.completed, 0);
    const config = await call(rc.url, "GET", `/jobs/${jobId}/checkpoints/config`);
    assert.equal(config.status, 404);
    assert.match(errorsOf(config)[0], /checkpointing is not enabled/);
    // The TaskManager view shows which job holds its slots.
    const tms = await getJson(rc.url, "/taskmanagers");
    const busy = tms.taskmanagers.find((t) => t.freeSlots < 2);
    const tm = await getJson(rc.url, `/taskmanagers/${busy.id}`);
    assert.ok(tm.allocatedSlots.some((s) => s.jobId === jobId));
    // Cancel with Flink's PATCH; a second cancel is a conflict.
    const cancel = await call(rc.url, "PATCH", `/jobs/${jobId}?mode=cancel`);
    assert.equal(cancel.status, 202);
    const result = await client.result(jobId);
    assert.equal(result.state, "CANCELED");
    const again = await call(rc.url, "PATCH", `/v1/jobs/${jobId}?mode=cancel`);
    assert.equal(again.status, 409);
    assert.match(errorsOf(again)[0], /already ended \(CANCELED\)/);
    const ended = await getJson(rc.url, `/jobs/${jobId}`);
    assert.equal(ended.state, "CANCELED");
    assert.ok(ended["end-time"] >= ended["start-time"] && ended.timestamps.CANCELED > 0);
    const execution = await getJson(rc.url, `/jobs/${jobId}/execution-result`);
    assert.equal(execution["job-execution-result"]["application-status"], "CANCELED");
});
test("a finished job: results through the REST client, final state and metrics in every endpoint", async () => {
    const count = 3000;
    const prepared = await prepareJob(testJob("rest/keyed-sums.ts"), { args: [String(count)], parallelism: 2 });
    const result = await runPrepared(prepared, { client });
    assert.equal(result.state, "FINISHED");
    const last = new Map();
    for (const r of result.records)
        last.set(r.key, Math.max(last.get(r.key) ?? 0, r.value));
    assert.equal(result.records.length, count);
    assert.deepEqual(last, expectedSums(count));
    const job = await getJson(rc.url, `/jobs/${result.jobId}`);
    assert.equal(job.state, "FINISHED");
    assert.equal(job.name, "REST keyed sums");
    assert.equal(job.duration, job["end-time"] - job["start-time"]);
    assert.ok(job.vertices.every((v) => v.status === "FINISHED" && v.tasks.FINISHED === v.parallelism));
    const [source, sums] = job.vertices;
    // Metrics are the last ones the TaskManagers reported (every metrics.report-interval), which may
    // predate the last records: the runtime does not send final counts with FINISHED (Flink does).
    for (const [v, field] of [[source, "write-records"], [sums, "read-records"]]) {
        const n = v.metrics[field];
        assert.ok(n > 0 && n <= count, `${field} ${n}`);
        assert.equal(v.metrics[`${field}-complete`], true);
    }
    const execution = await getJson(rc.url, `/jobs/${result.jobId}/execution-result`);
    assert.equal(execution["job-execution-result"]["application-status"], "SUCCEEDED");
    assert.equal(Object.keys(execution["job-execution-result"].collected).length, 1);
    const vertex = await getJson(rc.url, `/jobs/${result.jobId}/vertices/${sums.id}`);
    assert.ok(vertex.subtasks.every((s) => s.status === "FINISHED" && s.duration >= 0));
    const overview = await getJson(rc.url, "/overview");
    assert.ok(overview["jobs-finished"] >= 1);
});
test("a failing job: its exception history and failure cause", async () => {
    const prepared = await prepareJob(testJob("throwing.ts"), { args: ["500"] });
    const result = await runPrepared(prepared, { client });
    assert.equal(result.state, "FAILED");
    assert.equal(result.failure?.name, "InvalidReadingError");
    const ex = await getJson(rc.url, `/jobs/${result.jobId}/exceptions`);
    const first = ex.exceptionHistory.entries[0];
    assert.equal(first.exceptionName, "InvalidReadingError");
    assert.equal(first.message, "reading 500 is invalid");
    assert.match(first.stacktrace, /throwing\.ts:\d+/);
    assert.match(first.taskName, /\(1\/1\)/);
    const limited = await getJson(rc.url, `/jobs/${result.jobId}/exceptions?maxExceptions=1`);
    assert.equal(limited.exceptionHistory.entries.length, 1);
    const execution = await getJson(rc.url, `/jobs/${result.jobId}/execution-result`);
    assert.equal(execution["job-execution-result"]["application-status"], "FAILED");
    assert.equal(execution["job-execution-result"]["failure-cause"].class, "InvalidReadingError");
});
test("unknown jobs and vertices are 404 with a JSON message; malformed ids are 400", async () => {
    const unknown = "0123456789abcdef0123456789abcdef";
    for (const path of [`/jobs/${unknown}`, `/jobs/${unknown}/exceptions`, `/jobs/${unknown}/vertices/${unknown}`, `/jobs/${unknown}/checkpoints`, `/jobs/${unknown}/execution-result`]) {
        const a = await call(rc.url, "GET", path);
        assert.equal(a.status, 404, path);
        assert.match(errorsOf(a)[0], /not found|no job/i);
    }
    const bad = await call(rc.url, "GET", "/jobs/not-a-job-id");
    assert.equal(bad.status, 400);
    assert.match(errorsOf(bad)[0], /path parameter jobid/);
});
//# sourceMappingURL=job-endpoints.test.js.map