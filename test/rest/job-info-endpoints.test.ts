/**
 * The endpoints of a job beyond its details, over loopback against a MiniCluster, with values
 * checked against what the job does: accumulators (merged over subtasks, in the job result and at
 * /accumulators, per vertex and per subtask) against the job's reference computation, status,
 * configuration, subtasks and their state timestamps, resource requirements; a checkpoint
 * triggered through REST and found in the history and its details; a savepoint disposed of.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareJob, runPrepared } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { EXECUTION_STATES } from "../../src/rest/schemas/common.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { accumulatorReference } from "../jobs/rest/accumulating.js";
import { call, errorsOf, getJson, startRestCluster, type RestCluster } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-rest-info-"));
const savepoints = join(dir, "savepoints");
let rc: RestCluster;
let client: RestClusterClient;
before(async () => {
  rc = await startRestCluster({ config: { "state.savepoints.dir": savepoints, "execution.checkpointing.dir": join(dir, "checkpoints") } });
  client = new RestClusterClient({ baseUrl: rc.url });
});
after(() => rc.close());

interface UserAccumulator {
  name: string;
  type: string;
  value: string;
}
interface Operation {
  status: { id: string };
  operation?: Record<string, unknown>;
}

async function completed(path: string): Promise<Record<string, unknown>> {
  let r: Operation = { status: { id: "IN_PROGRESS" } };
  await waitFor(async () => (r = await getJson<Operation>(rc.url, path)).status.id === "COMPLETED", `operation ${path}`, 30_000);
  return r.operation ?? {};
}

test("a finished job's accumulators equal the reference in the result, at /accumulators, per vertex and per subtask; subtasks, timestamps and config", async () => {
  const count = 2000;
  const prepared = await prepareJob(testJob("rest/accumulating.ts"), { args: [String(count)] });
  const result = await runPrepared(prepared, { client });
  assert.equal(result.state, "FINISHED");
  const reference = accumulatorReference(count);
  assert.deepEqual(result.accumulators, reference);
  const jobId = result.jobId;

  const job = await getJson<{ vertices: { id: string; name: string; parallelism: number }[] }>(rc.url, `/jobs/${jobId}`);
  const counting = job.vertices.find((v) => v.name.includes("Count"))!;
  const sums = job.vertices.find((v) => v.name.includes("Sum per key"))!;
  const acc = await getJson<{ "user-task-accumulators": UserAccumulator[]; "serialized-user-task-accumulators": Record<string, unknown> }>(rc.url, `/jobs/${jobId}/accumulators?includeSerializedValue=true`);
  const byName = new Map(acc["user-task-accumulators"].map((a) => [a.name, a]));
  assert.deepEqual(byName.get("records"), { name: "records", type: "Long", value: String(count) });
  assert.deepEqual(byName.get("mod-4"), { name: "mod-4", type: "TreeMap", value: "{0=500, 1=500, 2=500, 3=500}" });
  assert.equal(Number(byName.get("value-sum")!.value), reference["value-sum"]);
  assert.equal(byName.get("mean")!.type, "Double");
  assert.deepEqual(acc["serialized-user-task-accumulators"], reference);
  assert.deepEqual((await getJson(rc.url, `/jobs/${jobId}/accumulators`))["serialized-user-task-accumulators"], {});

  // Only the vertex with the counting map has accumulators; per subtask they add up to the total.
  const vertexAcc = await getJson<{ id: string; "user-accumulators": UserAccumulator[] }>(rc.url, `/jobs/${jobId}/vertices/${counting.id}/accumulators`);
  assert.equal(vertexAcc.id, counting.id);
  assert.equal(vertexAcc["user-accumulators"].find((a) => a.name === "records")!.value, String(count));
  assert.deepEqual((await getJson(rc.url, `/jobs/${jobId}/vertices/${sums.id}/accumulators`))["user-accumulators"], []);
  const perSubtask = await getJson<{ parallelism: number; subtasks: { subtask: number; attempt: number; "user-accumulators": UserAccumulator[] }[] }>(
    rc.url,
    `/jobs/${jobId}/vertices/${counting.id}/subtasks/accumulators`,
  );
  assert.equal(perSubtask.subtasks.length, 2);
  const records = perSubtask.subtasks.map((s) => Number(s["user-accumulators"].find((a) => a.name === "records")!.value));
  assert.equal(records[0]! + records[1]!, count);
  assert.ok(records.every((n) => n > 0), `both subtasks read records: ${records}`);
  const attemptAcc = await getJson<{ subtask: number; attempt: number; id: string; "user-accumulators": UserAccumulator[] }>(
    rc.url,
    `/jobs/${jobId}/vertices/${counting.id}/subtasks/1/attempts/0/accumulators`,
  );
  assert.equal(Number(attemptAcc["user-accumulators"].find((a) => a.name === "records")!.value), records[1]);
  assert.ok(attemptAcc.id.length > 0);

  // Status, configuration, requirements.
  assert.deepEqual(await getJson(rc.url, `/jobs/${jobId}/status`), { status: "FINISHED" });
  const config = await getJson<{ jid: string; "execution-config": { "job-parallelism": number; "restart-strategy": string; "user-config": Record<string, string> } }>(rc.url, `/jobs/${jobId}/config`);
  assert.equal(config.jid, jobId);
  assert.equal(config["execution-config"]["job-parallelism"], 2);
  assert.equal(config["execution-config"]["user-config"].checkpointInterval, "200");
  assert.match(config["execution-config"]["restart-strategy"], /exponential delay/);
  const requirements = await getJson<Record<string, { parallelism: { lowerBound: number; upperBound: number } }>>(rc.url, `/jobs/${jobId}/resource-requirements`);
  assert.deepEqual(Object.keys(requirements).sort(), job.vertices.map((v) => v.id).sort());
  for (const v of job.vertices) assert.deepEqual(requirements[v.id], { parallelism: { lowerBound: 1, upperBound: v.parallelism } });
  assert.deepEqual(await getJson(rc.url, `/jobs/${jobId}/jobmanager/config`), await getJson(rc.url, "/jobmanager/config"));
  const env = await getJson<{ jvm: { version: string; arch: string } }>(rc.url, `/jobs/${jobId}/jobmanager/environment`);
  assert.ok(env.jvm.version.includes(process.version) && env.jvm.arch === process.arch);

  // One subtask and its attempt; the states it went through, in order.
  const subtask = await getJson<Record<string, unknown>>(rc.url, `/jobs/${jobId}/vertices/${sums.id}/subtasks/1`);
  assert.equal(subtask.subtask, 1);
  assert.equal(subtask.status, "FINISHED");
  assert.deepEqual(await getJson(rc.url, `/jobs/${jobId}/vertices/${sums.id}/subtasks/1/attempts/0`), { ...subtask, metrics: (await getJson<Record<string, unknown>>(rc.url, `/jobs/${jobId}/vertices/${sums.id}/subtasks/1/attempts/0`)).metrics });
  const noAttempt = await call(rc.url, "GET", `/jobs/${jobId}/vertices/${sums.id}/subtasks/1/attempts/3`);
  assert.equal(noAttempt.status, 404);
  assert.match(errorsOf(noAttempt)[0]!, /is at attempt 0; Sluice keeps only the current attempt/);
  assert.equal((await call(rc.url, "GET", `/jobs/${jobId}/vertices/${sums.id}/subtasks/2`)).status, 404);
  const times = await getJson<{ subtasks: { subtask: number; timestamps: Record<string, number> }[] }>(rc.url, `/jobs/${jobId}/vertices/${sums.id}/subtasktimes`);
  assert.equal(times.subtasks.length, 2);
  for (const s of times.subtasks) {
    const reached = ["CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING", "RUNNING", "FINISHED"].map((st) => s.timestamps[st]!);
    assert.ok(reached.every((t) => t > 0), JSON.stringify(s));
    for (let i = 1; i < reached.length; i++) assert.ok(reached[i]! >= reached[i - 1]!, `states in order: ${JSON.stringify(s.timestamps)}`);
    assert.equal(s.timestamps.CANCELED, 0);
  }
  // The time accounting's totals: some time was accounted, and never more than the subtask existed.
  const m = subtask.metrics as Record<string, number>;
  const accounted = m["accumulated-busy-time"]! + m["accumulated-idle-time"]! + m["accumulated-backpressured-time"]!;
  assert.ok(accounted > 0 && accounted <= (subtask.duration as number) + 3, `accounted ${accounted} ms of a ${subtask.duration} ms subtask`);
  const durations = subtask["status-duration"] as Record<string, number>;
  assert.equal(durations.RUNNING, times.subtasks[1]!.timestamps.FINISHED! - times.subtasks[1]!.timestamps.RUNNING!);
  // Per TaskManager: every subtask once, with its state.
  const perTm = await getJson<{ taskmanagers: { "taskmanager-id": string; "status-counts": Record<string, number> }[] }>(rc.url, `/jobs/${jobId}/vertices/${sums.id}/taskmanagers`);
  assert.equal(perTm.taskmanagers.reduce((n, t) => n + t["status-counts"].FINISHED!, 0), 2);
  assert.ok(perTm.taskmanagers.every((t) => Object.keys(t["status-counts"]).length === EXECUTION_STATES.length && t["taskmanager-id"].startsWith("tm-")));
});

test("a checkpoint triggered through REST completes, shows in the history and its details per vertex and subtask; a savepoint is disposed of", async () => {
  const prepared = await prepareJob(testJob("rest/accumulating.ts"), { args: ["100000000", "400", "3600000"] });
  const jobId = await client.submit({ jobGraph: prepared.evaluated.jobGraph, bundleHash: prepared.bundle.hash, definition: prepared.inputs }, { hash: prepared.bundle.hash, code: prepared.bundle.code });
  const subtasks = prepared.evaluated.jobGraph.vertices.reduce((n, v) => n + v.parallelism, 0);
  await waitFor(async () => (await getJson<{ "status-counts": { RUNNING: number } }>(rc.url, `/jobs/${jobId}`))["status-counts"].RUNNING === subtasks, "job running");

  // While it runs, the accumulators grow (reported with the tasks' metrics).
  const recordsNow = async (): Promise<number> =>
    Number((await getJson<{ "user-task-accumulators": UserAccumulator[] }>(rc.url, `/jobs/${jobId}/accumulators`))["user-task-accumulators"].find((a) => a.name === "records")?.value ?? 0);
  await waitFor(async () => (await recordsNow()) > 0, "accumulators of the running job");
  const first = await recordsNow();
  await waitFor(async () => (await recordsNow()) > first, "the running job's accumulators to grow");

  let trigger: { status: number; json: unknown } = { status: 0, json: undefined };
  // A checkpoint needs every task running: retry while they start.
  await waitFor(async () => {
    trigger = await call(rc.url, "POST", `/jobs/${jobId}/checkpoints`, { json: { checkpointType: "FULL" } });
    assert.equal(trigger.status, 202);
    const op = await completed(`/jobs/${jobId}/checkpoints/${(trigger.json as { "request-id": string })["request-id"]}`);
    return typeof op.checkpointId === "number";
  }, "a triggered checkpoint", 30_000);
  const requestId = (trigger.json as { "request-id": string })["request-id"];
  const { checkpointId } = (await completed(`/jobs/${jobId}/checkpoints/${requestId}`)) as { checkpointId: number };
  const stats = await getJson<{ history: { id: number; status: string; is_savepoint: boolean; className: string }[] }>(rc.url, `/jobs/${jobId}/checkpoints`);
  const entry = stats.history.find((h) => h.id === checkpointId)!;
  assert.deepEqual([entry.status, entry.is_savepoint, entry.className], ["COMPLETED", false, "completed"]);

  const details = await getJson<{ id: number; num_acknowledged_subtasks: number; state_size: number; tasks: Record<string, { num_subtasks: number; num_acknowledged_subtasks: number; state_size: number }> }>(
    rc.url,
    `/jobs/${jobId}/checkpoints/details/${checkpointId}`,
  );
  assert.equal(details.id, checkpointId);
  assert.equal(details.num_acknowledged_subtasks, subtasks);
  const jobVertices = (await getJson<{ vertices: { id: string; parallelism: number }[] }>(rc.url, `/jobs/${jobId}`)).vertices;
  const vertices = jobVertices.map((v) => v.id);
  assert.deepEqual(Object.keys(details.tasks).sort(), [...vertices].sort());
  assert.equal(Object.values(details.tasks).reduce((n, t) => n + t.state_size, 0), details.state_size);
  for (const vertexId of vertices) {
    const v = await getJson<{ num_subtasks: number; state_size: number; subtasks: { index: number; status: string; state_size: number }[] }>(
      rc.url,
      `/jobs/${jobId}/checkpoints/details/${checkpointId}/subtasks/${vertexId}`,
    );
    const parallelism = jobVertices.find((x) => x.id === vertexId)!.parallelism;
    assert.deepEqual(v.subtasks.map((s) => [s.index, s.status]), Array.from({ length: parallelism }, (_, i) => [i, "completed"]));
    assert.equal(v.subtasks.reduce((n, s) => n + s.state_size, 0), details.tasks[vertexId]!.state_size);
  }
  assert.equal((await call(rc.url, "GET", `/jobs/${jobId}/checkpoints/details/999999`)).status, 404);

  // A savepoint, then its disposal: the folder is gone. A folder that is no savepoint is refused and kept.
  const sp = await call(rc.url, "POST", `/jobs/${jobId}/savepoints`, { json: {} });
  const location = (await completed(`/jobs/${jobId}/savepoints/${(sp.json as { "request-id": string })["request-id"]}`)).location as string;
  assert.ok(existsSync(location));
  // A savepoint's trigger id is not a checkpoint trigger.
  assert.equal((await call(rc.url, "GET", `/jobs/${jobId}/checkpoints/${(sp.json as { "request-id": string })["request-id"]}`)).status, 404);
  const disposal = await call(rc.url, "POST", "/savepoint-disposal", { json: { "savepoint-path": location } });
  assert.equal(disposal.status, 200);
  assert.deepEqual(await completed(`/savepoint-disposal/${(disposal.json as { "request-id": string })["request-id"]}`), {});
  assert.equal(existsSync(location), false);
  const notASavepoint = join(savepoints, "not-a-savepoint");
  mkdirSync(notASavepoint, { recursive: true });
  const refused = await call(rc.url, "POST", "/savepoint-disposal", { json: { "savepoint-path": notASavepoint } });
  const failure = (await completed(`/savepoint-disposal/${(refused.json as { "request-id": string })["request-id"]}`))["failure-cause"] as { class: string; message: string; "serialized-throwable": string };
  assert.equal(failure.class, "CheckpointStorageError");
  assert.match(failure.message, /not-a-savepoint is not a savepoint \(no _metadata\)/);
  assert.equal(JSON.parse(Buffer.from(failure["serialized-throwable"], "base64").toString()).name, "CheckpointStorageError");
  assert.ok(existsSync(notASavepoint));
  const outside = await call(rc.url, "POST", "/savepoint-disposal", { json: { "savepoint-path": tmpdir() } });
  assert.equal(outside.status, 400);
  assert.match(errorsOf(outside)[0]!, /savepoint-path: .* is outside the allowed directories/);

  // Cancelled with Flink's upper-case mode; then triggering is a conflict.
  assert.equal((await call(rc.url, "PATCH", `/jobs/${jobId}?mode=CANCEL`)).status, 202);
  await waitFor(async () => (await getJson<{ status: string }>(rc.url, `/jobs/${jobId}/status`)).status === "CANCELED", "job cancelled");
  assert.equal((await call(rc.url, "POST", `/jobs/${jobId}/checkpoints`, { json: {} })).status, 409);
});

test("a jar's plan without running it; a run with Flink's query parameters and a chosen job id", async () => {
  const prepared = await prepareJob(testJob("rest/accumulating.ts"));
  const jarId = await client.uploadJar(prepared.bundle.code);
  const plan = await call(rc.url, "POST", `/jars/${jarId}/plan?parallelism=1`, { json: { programArgsList: ["10"] } });
  assert.equal(plan.status, 200);
  const nodes = (plan.json as { plan: { nodes: { id: string; parallelism: number }[] } }).plan.nodes;

  const jobId = "ab".repeat(16);
  const run = await call(rc.url, "POST", `/jars/${jarId}/run?programArg=300&parallelism=1`, { json: { jobId, claimMode: "NO_CLAIM" } });
  assert.equal(run.status, 200, run.text);
  assert.deepEqual(run.json, { jobid: jobId });
  const result = await client.result(jobId);
  assert.equal(result.state, "FINISHED");
  // programArg reached the definition: 300 records.
  assert.deepEqual(result.accumulators, accumulatorReference(300));
  const jobPlan = (await getJson<{ plan: { nodes: { id: string }[] } }>(rc.url, `/jobs/${jobId}/plan`)).plan.nodes.map((n) => n.id);
  assert.deepEqual(nodes.map((n) => n.id), jobPlan);
  const again = await call(rc.url, "POST", `/jars/${jarId}/run?programArg=300`, { json: { jobId } });
  assert.equal(again.status, 400);
  assert.match(errorsOf(again)[0]!, /already/);
  // The savepoint query parameter is read (and checked like the body's).
  const outside = await call(rc.url, "POST", `/jars/${jarId}/run?savepointPath=${encodeURIComponent(tmpdir())}`, {});
  assert.equal(outside.status, 400);
  assert.match(errorsOf(outside)[0]!, /savepointPath: .* is outside the allowed directories/);
  const entry = await call(rc.url, "POST", `/jars/${jarId}/plan?entry-class=com.example.Main`, {});
  assert.equal(entry.status, 400);
  assert.match(errorsOf(entry)[0]!, /entryClass: a Sluice bundle has one entry/);
});

test("DELETE /cluster on an embedded cluster is refused: its program decides when it stops", async () => {
  const a = await call(rc.url, "DELETE", "/cluster");
  assert.equal(a.status, 409);
  assert.match(errorsOf(a)[0]!, /embedded in another program/);
  assert.equal((await getJson<{ taskmanagers: number }>(rc.url, "/overview")).taskmanagers, 2);
});
