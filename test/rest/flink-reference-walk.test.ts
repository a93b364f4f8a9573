/**
 * Walks Flink 2.2's REST reference (test/rest/flink-reference.ts) against a MiniCluster with a
 * running and a finished multi-vertex job: for every endpoint Sluice serves (method and path in its
 * route table), the answer must carry every field Flink documents with Flink's JSON type, at every
 * depth. Path parameters are filled generically (job, vertex, subtask, attempt, checkpoint,
 * TaskManager, trigger and jar ids), so routes added later (the metrics endpoints) are walked too.
 * The deliberate differences are listed below, each with its reason; so are the endpoints not walked.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareJob, runPrepared, type PreparedJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { REST_ROUTES } from "../../src/rest/routes/index.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { call, getJson, startRestCluster, type RestCluster } from "./support.js";
import { checkAgainst, loadFlinkReference, schemaIndex, type FlinkEndpoint, type Mismatch } from "./flink-reference.js";

/**
 * Fields answered otherwise than the reference's schema says, by endpoint ("*": all) and field path
 * prefix, each with its reason. Most are Flink's own behaviour, which its schemas do not show (null
 * and absent values); the rest are Sluice's deliberate differences.
 */
const DIFFERENCES: { endpoint: string; field: string; reason: string }[] = [
  // Flink's own behaviour.
  { endpoint: "*", field: ".plan.nodes[].inputs", reason: "Flink omits inputs on source nodes too; streaming plans carry no local_strategy or caching (batch only)" },
  { endpoint: "GET /jobs/:jobid/checkpoints", field: ".latest", reason: "Flink answers null for a kind of checkpoint there has been none of (completed, savepoint, failed, restored)" },
  { endpoint: "GET /jobs/:jobid/checkpoints", field: ".history[].savepointFormat", reason: "Flink writes it for savepoints and null for checkpoints" },
  { endpoint: "GET /jobs/:jobid/checkpoints/details/:checkpointid", field: ".savepointFormat", reason: "null for checkpoints, as in Flink" },
  { endpoint: "GET /jobs/:jobid/execution-result", field: ".job-execution-result", reason: "absent while the job runs (status IN_PROGRESS), as in Flink" },
  { endpoint: "GET /jobs/:jobid/savepoints/:triggerid", field: ".operation.failure-cause", reason: "present only when the savepoint failed, as in Flink" },
  { endpoint: "GET /jobs/:jobid/checkpoints/:triggerid", field: ".operation.failureCause", reason: "present only when the checkpoint failed, as in Flink" },
  { endpoint: "GET /savepoint-disposal/:triggerid", field: ".operation.failure-cause", reason: "present only when the disposal failed, as in Flink" },
  {
    endpoint: "GET /jobs/:jobid/vertices/:vertexid/flamegraph",
    field: ".data",
    reason: "absent while there are no samples (endTimestamp -1 ended, -2 disabled, -3 sampling), as Flink's VertexFlameGraph leaves it out (NON_NULL); the walk's cluster has rest.flamegraph.enabled off, test/rest/flamegraph.test.ts checks data",
  },
  // Sluice's deliberate differences.
  { endpoint: "GET /jobs/:jobid", field: ".stream-graph", reason: "Sluice's client compiles the stream graph into the JobGraph before submission (no adaptive graph); plan.nodes[].chain lists each vertex's operators" },
];

/** Endpoints Sluice serves but this walk does not call, each with why. */
const NOT_WALKED: Record<string, string> = {
  "DELETE /cluster": "shuts the cluster down; test/rest/cluster-shutdown.test.ts covers it on a cluster of its own",
  "POST /jars/upload": "multipart upload, done by the walk's set-up (the jar id fills :jarid)",
  "DELETE /jars/:jarid": "would delete the jar other endpoints use; test/rest/jars.test.ts covers it",
  "PATCH /jobs/:jobid": "cancels the running job the walk needs; test/rest/job-endpoints.test.ts covers it",
  "POST /jobs/:jobid/stop": "stops the running job the walk needs; test/rest/checkpoints.test.ts covers it",
};

/** Requests of the endpoints that are not plain GETs: body and query, and what a finished job answers. */
const RECIPES: Record<string, { body?: unknown; query?: string; finishedStatus?: number }> = {
  "POST /jobs/:jobid/savepoints": { body: {}, finishedStatus: 409 },
  "POST /jobs/:jobid/checkpoints": { body: {}, finishedStatus: 409 },
  "POST /jars/:jarid/plan": { body: { programArgsList: ["100"] } },
  "POST /jars/:jarid/run": { body: { programArgsList: ["50"] } },
  "POST /savepoint-disposal": { body: { "savepoint-path": "(set in before)" } },
};

const allowed = (endpoint: string, m: Mismatch): boolean =>
  DIFFERENCES.some((d) => (d.endpoint === "*" || d.endpoint === endpoint) && (m.field === d.field || m.field.startsWith(`${d.field}.`) || m.field.startsWith(`${d.field}[`) || m.field.startsWith(`${d.field}{`)));

const reference = loadFlinkReference();
const refs = schemaIndex(reference);
const served = new Set(REST_ROUTES.map((r) => `${r.method} ${r.path}`));
const dir = mkdtempSync(join(tmpdir(), "sluice-rest-walk-"));

let rc: RestCluster;
let client: RestClusterClient;
let prepared: PreparedJob;
const ids: Record<"running" | "finished", Record<string, string>> = { running: {}, finished: {} };

before(async () => {
  rc = await startRestCluster({ config: { "state.savepoints.dir": join(dir, "savepoints"), "execution.checkpointing.dir": join(dir, "checkpoints") } });
  client = new RestClusterClient({ baseUrl: rc.url });
  prepared = await prepareJob(testJob("rest/accumulating.ts"), { args: ["600", "1000", "100"] });
  const finished = await runPrepared(prepared, { client });
  assert.equal(finished.state, "FINISHED");
  const running = await prepareJob(testJob("rest/accumulating.ts"), { args: ["10000000", "500", "100"] });
  const runningId = await client.submit({ jobGraph: running.evaluated.jobGraph, bundleHash: running.bundle.hash, definition: running.inputs }, { hash: running.bundle.hash, code: running.bundle.code });
  await waitFor(async () => (await getJson<{ counts: { completed: number } }>(rc.url, `/jobs/${runningId}/checkpoints`)).counts.completed > 0, "a completed checkpoint of the running job", 60_000);
  const jarId = await client.uploadJar(prepared.bundle.code);
  const tm = (await getJson<{ taskmanagers: { id: string }[] }>(rc.url, "/taskmanagers")).taskmanagers[0]!.id;
  for (const [which, jobId] of [["running", runningId], ["finished", finished.jobId]] as const) {
    const job = await getJson<{ vertices: { id: string }[] }>(rc.url, `/jobs/${jobId}`);
    const stats = await getJson<{ latest: { completed: { id: number } | null } }>(rc.url, `/jobs/${jobId}/checkpoints`);
    const vertex = await getJson<{ subtasks: { attempt: number }[] }>(rc.url, `/jobs/${jobId}/vertices/${job.vertices[1]!.id}`);
    ids[which] = {
      jobid: jobId,
      vertexid: job.vertices[1]!.id,
      checkpointid: String(stats.latest.completed?.id ?? 1),
      subtaskindex: "0",
      attempt: String(vertex.subtasks[0]!.attempt),
      taskmanagerid: tm,
      jarid: jarId,
    };
  }
  // Trigger ids come from the triggers themselves.
  const savepoint = await call(rc.url, "POST", `/jobs/${runningId}/savepoints`, { json: {} });
  ids.running["savepoint-trigger"] = (savepoint.json as { "request-id": string })["request-id"];
  const checkpoint = await call(rc.url, "POST", `/jobs/${runningId}/checkpoints`, { json: {} });
  ids.running["checkpoint-trigger"] = (checkpoint.json as { "request-id": string })["request-id"];
  let location = "";
  await waitFor(async () => {
    const r = await getJson<{ status: { id: string }; operation?: { location?: string } }>(rc.url, `/jobs/${runningId}/savepoints/${ids.running["savepoint-trigger"]}`);
    location = r.operation?.location ?? "";
    return r.status.id === "COMPLETED";
  }, "the savepoint");
  RECIPES["POST /savepoint-disposal"]!.body = { "savepoint-path": location };
});
after(() => rc.close());

function fill(e: FlinkEndpoint, which: "running" | "finished", disposalTrigger: string | undefined): string | undefined {
  let missing = false;
  const path = e.path.replace(/:(\w+)/g, (_, name: string) => {
    let v: string | undefined = ids[which][name];
    if (name === "triggerid") v = e.path.startsWith("/savepoint-disposal") ? disposalTrigger : e.path.includes("/checkpoints/") ? ids.running["checkpoint-trigger"] : ids.running["savepoint-trigger"];
    if (v === undefined) missing = true;
    return encodeURIComponent(v ?? "");
  });
  return missing ? undefined : path;
}

test("every endpoint Sluice serves carries every field Flink 2.2 documents, with Flink's JSON type, on a running and a finished job", async () => {
  const failures: string[] = [];
  const walked = new Set<string>();
  let disposalTrigger: string | undefined;
  // POSTs first (their trigger ids are walked by the GETs after them).
  const endpoints = reference.filter((e) => served.has(`${e.method} ${e.path}`)).sort((a, b) => (a.method === "GET" ? 1 : 0) - (b.method === "GET" ? 1 : 0));
  for (const e of endpoints) {
    const name = `${e.method} ${e.path}`;
    if (NOT_WALKED[name]) continue;
    const recipe = RECIPES[name] ?? {};
    if (e.method !== "GET" && !RECIPES[name]) {
      failures.push(`${name}: no recipe to call it; add one to RECIPES or a reason to NOT_WALKED`);
      continue;
    }
    const usesJob = e.path.includes(":jobid");
    for (const which of usesJob ? (["running", "finished"] as const) : (["running"] as const)) {
      // Savepoint triggers belong to the running job.
      if (which === "finished" && e.path.includes(":triggerid")) continue;
      // The history keeps the last 10 checkpoints: take one that is there now.
      if (e.path.includes(":checkpointid")) {
        const stats = await getJson<{ latest: { completed: { id: number } | null } }>(rc.url, `/jobs/${ids[which].jobid}/checkpoints`);
        ids[which].checkpointid = String(stats.latest.completed?.id ?? ids[which].checkpointid);
      }
      const path = fill(e, which, disposalTrigger);
      if (!path) {
        failures.push(`${name} (${which}): no value for a path parameter`);
        continue;
      }
      const answer = await call(rc.url, e.method, path, recipe.body !== undefined ? { json: recipe.body } : {});
      if (which === "finished" && recipe.finishedStatus !== undefined) {
        if (answer.status !== recipe.finishedStatus) failures.push(`${name} (finished): expected ${recipe.finishedStatus}, got ${answer.status} ${answer.text.slice(0, 200)}`);
        continue;
      }
      if (answer.status >= 300) {
        failures.push(`${name} (${which}): ${answer.status} ${answer.text.slice(0, 300)}`);
        continue;
      }
      if (name === "POST /savepoint-disposal") disposalTrigger = (answer.json as { "request-id": string })["request-id"];
      walked.add(name);
      if (answer.json === undefined) {
        if (e.response.type !== undefined && e.response.type !== null) failures.push(`${name} (${which}): not a JSON answer (${answer.headers["content-type"]})`);
        continue;
      }
      for (const m of checkAgainst(e.response, answer.json, refs)) if (!allowed(name, m)) failures.push(`${name} (${which}): ${m.field} ${m.problem}`);
    }
  }
  assert.deepEqual(failures, [], `\n${failures.join("\n")}`);
  const unwalked = endpoints.map((e) => `${e.method} ${e.path}`).filter((n) => !walked.has(n) && !NOT_WALKED[n]);
  assert.deepEqual(unwalked, [], "every served endpoint of the reference is walked or listed in NOT_WALKED");
  // A sanity bound: the walk covers the endpoints item 6 of the REST work adds, not just a few.
  assert.ok(walked.size >= 20, `only ${walked.size} endpoints walked`);
});

test("the deliberate differences and the endpoints not walked name served endpoints", () => {
  const paths = new Set(reference.map((e) => `${e.method} ${e.path}`));
  for (const d of DIFFERENCES) if (d.endpoint !== "*") assert.ok(paths.has(d.endpoint) && served.has(d.endpoint), `${d.endpoint} of DIFFERENCES is not a served Flink endpoint`);
  for (const name of Object.keys(NOT_WALKED)) assert.ok(paths.has(name) && served.has(name), `${name} of NOT_WALKED is not a served Flink endpoint`);
});
