/**
 * collectAsync() against a cluster of real processes (issue 20 item 4; docs/architecture.md,
 * "Collecting results"): the records are fetched over REST (POST /jobs/:jobid/coordinators/:operatorid)
 * while the unbounded job runs, through the `sluice run` command and through the client API; the job
 * ends CANCELED when the consumer stops. With exactly-once checkpoints, a TaskManager killed with
 * SIGKILL while the consumer reads costs nothing: the consumer's records are exactly the reference.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { getJson, killAll, sluice, startJobManager, startTaskManager, type JobManagerProcess } from "./support/processes.js";

const JOB = testJob("api/collect-async-job.ts");
const dir = mkdtempSync(join(tmpdir(), "sluice-collect-async-processes-"));
const squares = (n: number): number[] => Array.from({ length: n }, (_, i) => i * i);
let jm: JobManagerProcess;
let client: RestClusterClient;
/** TaskManagers started so far: the kill takes them all, so the job's is among them. */
const taskManagers: Array<{ signal(s: NodeJS.Signals): void }> = [];

before(async () => {
  jm = await startJobManager({ "execution.checkpointing.dir": join(dir, "checkpoints") });
  client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
});

after(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

test("sluice run of a collectAsync job: records fetched over REST while it runs; the consumer's break cancels it", { timeout: 120_000 }, async () => {
  taskManagers.push(await startTaskManager(jm.rpcHostPort, { slots: 2 }));
  const out = join(dir, "cli.json");
  const p = sluice(["run", "--target", jm.restUrl, JOB, out, "2000", "unbounded", "-1", "0", "break", "0"]);
  const code = await p.exited;
  assert.equal(code, 0, `sluice run exited ${code}\n${p.stderr()}`);
  assert.match(p.stderr(), /cancelled by its consumer/);
  assert.deepEqual(JSON.parse(readFileSync(out, "utf8")), squares(2000));
  const jobs = await getJson<{ jobs: Array<{ id: string; status: string }> }>(jm.restUrl, "/jobs");
  assert.deepEqual(jobs.jobs.map((j) => j.status), ["CANCELED"]);

  // Bad requests name what to fix: an operator without a coordinator, a payload that is not base64 msgpack.
  const post = async (operator: string, payload: string): Promise<{ status: number; errors: string[] }> => {
    const res = await fetch(new URL(`/jobs/${jobs.jobs[0]!.id}/coordinators/${operator}`, jm.restUrl), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ serializedCoordinationRequest: payload }) });
    return { status: res.status, errors: ((await res.json()) as { errors: string[] }).errors };
  };
  const unknown = await post("no-such-operator", Buffer.from([0x80]).toString("base64"));
  assert.equal(unknown.status, 404);
  assert.match(unknown.errors.join(" "), /"no-such-operator" has no coordinator that takes requests: give the uid of a collectAsync\(\)/);
});

test("SIGKILL of the TaskManager while the consumer reads, with exactly-once checkpoints: every record exactly once", { timeout: 120_000 }, async () => {
  taskManagers.push(await startTaskManager(jm.rpcHostPort, { slots: 2 }));
  const out = join(dir, "killed.json");
  let jobId = "";
  // 3000 records/s, 9000 taken: about 3 s of reading, with a checkpoint every 100 ms.
  const run = runJob(JOB, { client, args: [out, "9000", "unbounded", "-1", "100", "close", "3000"], onSubmitted: (id) => (jobId = id) });
  await waitFor(async () => jobId !== "" && (await client.details(jobId)).state === "RUNNING", "the job running", 40_000, 50);
  await new Promise((r) => setTimeout(r, 1200));
  for (const tm of taskManagers.splice(0)) tm.signal("SIGKILL");
  await startTaskManager(jm.rpcHostPort, { slots: 2 });
  const r = await run;
  assert.equal(r.state, "CANCELED", r.failure?.message);
  assert.equal(r.collectedByConsumer, true);
  assert.ok(r.restarts >= 1, `restarts: ${r.restarts}`);
  assert.deepEqual(JSON.parse(readFileSync(out, "utf8")), squares(9000));
});
