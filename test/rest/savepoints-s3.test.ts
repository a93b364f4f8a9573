/**
 * Savepoints to s3:// through the REST API (docs/checkpoints.md, "Storage on S3"), against a real
 * S3-protocol server: POST /jobs/:id/savepoints with an s3:// target-directory inside the allowed
 * roots, stop-with-savepoint to the configured s3:// savepoint directory, the job resumed from it
 * through the client with the reference result; a target outside the roots is refused with 400;
 * /jobmanager/config hides s3.secret-key.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { prepareJob, runPrepared } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { fileSystemFor } from "../../src/fs/file-systems.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { startS3Server, type S3Server } from "../support/s3.js";
import { expectedSums } from "../jobs/rest/keyed-sums.js";
import { call, errorsOf, getJson, startRestCluster, type RestCluster } from "./support.js";

let s3: S3Server;
let rc: RestCluster;
let client: RestClusterClient;
before(async () => {
  s3 = await startS3Server({ buckets: ["rest"] });
  rc = await startRestCluster({
    config: { ...s3.config, "execution.checkpointing.savepoint-dir": "s3://rest/savepoints", "execution.checkpointing.dir": "s3://rest/checkpoints", "rest.savepoints.allowed-roots": "s3://rest/adhoc" },
  });
  client = new RestClusterClient({ baseUrl: rc.url });
});
after(async () => {
  await rc?.close();
  await s3?.stop();
});

test("savepoints to s3:// through REST; a job resumed from one has the reference result", { timeout: 120_000 }, async () => {
  const count = 30_000;
  const prepared = await prepareJob(testJob("rest/checkpointed-sums.ts"), { args: [String(count), "2000", "100"], parallelism: 2 });
  const jobId = await client.submit(
    { jobGraph: prepared.evaluated.jobGraph, bundleHash: prepared.bundle.hash, definition: prepared.inputs },
    { hash: prepared.bundle.hash, code: prepared.bundle.code },
  );
  await waitFor(async () => (await getJson<{ counts: { completed: number } }>(rc.url, `/jobs/${jobId}/checkpoints`)).counts.completed >= 1, "a checkpoint on S3", 30_000);

  const outside = await call(rc.url, "POST", `/jobs/${jobId}/savepoints`, { json: { "target-directory": "s3://rest/elsewhere" } });
  assert.equal(outside.status, 400, outside.text);
  assert.match(errorsOf(outside)[0]!, /target-directory: s3:\/\/rest\/elsewhere is outside the allowed directories/);

  const triggered = await call(rc.url, "POST", `/jobs/${jobId}/savepoints`, { json: { "target-directory": "s3://rest/adhoc/manual", "cancel-job": false } });
  assert.equal(triggered.status, 202, triggered.text);
  const requestId = (triggered.json as { "request-id": string })["request-id"];
  let op: { location?: string; "failure-cause"?: unknown } = {};
  await waitFor(async () => {
    const r = await getJson<{ status: { id: string }; operation?: typeof op }>(rc.url, `/jobs/${jobId}/savepoints/${requestId}`);
    op = r.operation ?? {};
    return r.status.id === "COMPLETED";
  }, "the savepoint operation", 30_000);
  assert.equal(op["failure-cause"], undefined, JSON.stringify(op));
  assert.match(op.location!, /^s3:\/\/rest\/adhoc\/manual\/savepoint-/);
  assert.ok(await fileSystemFor(op.location!).stat(`${op.location}/_metadata`), "the savepoint's _metadata is an object in the bucket");

  const stopped = await client.stopWithSavepoint(jobId);
  assert.match(stopped, /^s3:\/\/rest\/savepoints\/savepoint-/);
  assert.equal((await client.result(jobId)).state, "FINISHED");
  const resumed = await runPrepared(prepared, { client, savepointPath: stopped });
  assert.equal(resumed.state, "FINISHED", resumed.failure?.message);
  const last = new Map<number, number>();
  for (const r of resumed.records as { key: number; value: number }[]) last.set(r.key, Math.max(last.get(r.key) ?? 0, r.value));
  assert.deepEqual(last, expectedSums(count));

  const config = await getJson<Array<{ key: string; value: string }>>(rc.url, "/jobmanager/config");
  assert.equal(config.find((e) => e.key === "s3.secret-key")?.value, "******");
  assert.equal(config.find((e) => e.key === "s3.endpoint")?.value, s3.endpoint);
});
