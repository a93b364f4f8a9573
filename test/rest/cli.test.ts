/**
 * The CLI against a cluster's REST API, as child processes: run --target (attached and detached),
 * list, cancel, with the token from -D or SLUICE_REST_TOKEN, and clear errors when something is off.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { SLUICE_BIN, testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { getJson, startRestCluster, type RestCluster } from "./support.js";

const TOKEN = "cli-test-token";
let rc: RestCluster;
before(async () => (rc = await startRestCluster({ config: { "rest.auth.token": TOKEN } })));
after(() => rc.close());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI asynchronously: the server it talks to lives in this process. */
function sluice(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SLUICE_BIN, ...args], { env: { ...process.env, SLUICE_REST_TOKEN: "", ...env }, timeout: 150_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test("sluice run --target runs a job on the cluster and waits for it", async () => {
  const r = await sluice(["run", testJob("rest/keyed-sums.ts"), "500", "-p", "2", "--target", rc.url, "-D", `rest.auth.token=${TOKEN}`, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`Submitting job "REST keyed sums" to ${rc.url}`));
  const out = JSON.parse(r.stdout) as { jobId: string; state: string };
  assert.equal(out.state, "FINISHED");
  assert.match(r.stderr, new RegExp(`Job has been submitted with JobID ${out.jobId}`));
  const job = await getJson<{ state: string; vertices: { parallelism: number }[] }>(rc.url, `/jobs/${out.jobId}`);
  assert.equal(job.state, "FINISHED");
  assert.equal(job.vertices[0]!.parallelism, 2);
});

test("detached run, list and cancel, with the token from SLUICE_REST_TOKEN", async () => {
  const env = { SLUICE_REST_TOKEN: TOKEN };
  const run = await sluice(["run", testJob("unbounded.ts"), "--target", rc.url, "--detached"], env);
  assert.equal(run.code, 0, run.stderr);
  const jobId = run.stdout.trim();
  assert.match(jobId, /^[0-9a-f]{32}$/);
  await waitFor(async () => (await getJson<{ state: string }>(rc.url, `/jobs/${jobId}`)).state === "RUNNING", "job running");

  const list = await sluice(["list", "--target", rc.url]);
  assert.equal(list.code, 0, list.stderr);
  const [header, ...rows] = list.stdout.trim().split("\n");
  assert.match(header!, /^JOB ID\s+STATE\s+STARTED\s+DURATION\s+TASKS\s+NAME$/);
  const row = rows.find((l) => l.startsWith(jobId));
  assert.ok(row, list.stdout);
  assert.match(row!, /RUNNING/);

  const json = JSON.parse((await sluice(["list", "--target", rc.url, "--json"])).stdout) as { jid: string; state: string }[];
  assert.ok(json.some((j) => j.jid === jobId && j.state === "RUNNING"));

  const cancel = await sluice(["cancel", jobId, "--target", rc.url], env);
  assert.equal(cancel.code, 0, cancel.stderr);
  assert.equal(cancel.stdout, `Cancelled job ${jobId}.\n`);
  assert.equal((await getJson<{ state: string }>(rc.url, `/jobs/${jobId}`)).state, "CANCELED");

  const after = await sluice(["list", "--target", rc.url]);
  assert.match(after.stdout, /^No running jobs\. \(\d+ ended; --all shows them\)/);
  const all = await sluice(["list", "--target", rc.url, "--all"]);
  assert.match(all.stdout, new RegExp(`${jobId}\\s+CANCELED`));

  const again = await sluice(["cancel", jobId, "--target", rc.url], env);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already ended \(CANCELED\)/);
});

test("clear errors: no token, bad job id, unknown job, --detached without a cluster, no cluster", async () => {
  const noToken = await sluice(["cancel", "0123456789abcdef0123456789abcdef", "--target", rc.url]);
  assert.equal(noToken.code, 1);
  assert.match(noToken.stderr, /401: this endpoint needs a bearer token/);
  const badId = await sluice(["cancel", "42", "--target", rc.url]);
  assert.equal(badId.code, 2);
  assert.match(badId.stderr, /"42" is not a job id/);
  const unknown = await sluice(["cancel", "0123456789abcdef0123456789abcdef", "--target", rc.url, "-D", `rest.auth.token=${TOKEN}`]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /job 0123456789abcdef0123456789abcdef not found/);
  const detached = await sluice(["run", testJob("unbounded.ts"), "--detached"]);
  assert.equal(detached.code, 2);
  assert.match(detached.stderr, /--detached needs a cluster/);
  const nowhere = await sluice(["list", "--target", "http://127.0.0.1:1"]);
  assert.equal(nowhere.code, 1);
  assert.match(nowhere.stderr, /cannot reach http:\/\/127\.0\.0\.1:1.*is a Sluice cluster running/);
});
