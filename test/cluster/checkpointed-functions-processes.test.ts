/**
 * User functions in checkpoints on real processes (docs/architecture.md, "User functions in
 * checkpoints"): the committing sink of test/jobs/checkpointed-sink.ts runs on a TaskManager
 * process that is killed with SIGKILL mid-job; on a TaskManager started later the job recovers
 * from its latest checkpoint, the sink commits what that checkpoint held, and every record is
 * committed exactly once.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { committedRecords, referenceRecords } from "../checkpointing/checkpointed-sink-support.js";
import { getJson, killAll, startJobManager, startTaskManager } from "./support/processes.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-checkpointed-processes-"));

after(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

test("SIGKILL of the TaskManager running a CheckpointedFunction sink: recovered on a new TaskManager, every record committed once", { timeout: 120_000 }, async () => {
  const jm = await startJobManager({ "execution.checkpointing.dir": join(dir, "checkpoints") });
  const client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  const victim = await startTaskManager(jm.rpcHostPort, { slots: 2 });
  const out = join(dir, "out");
  const count = 20_000;
  let jobId = "";
  const result = runJob(testJob("checkpointed-sink.ts"), { client, args: [String(count), "0", "2", "4000", "100", out], onSubmitted: (id) => (jobId = id) });
  await waitFor(async () => {
    if (jobId === "") return false;
    const d = await client.details(jobId);
    const cps = await getJson<{ counts: { completed: number } }>(jm.restUrl, `/jobs/${jobId}/checkpoints`);
    return d.state === "RUNNING" && cps.counts.completed >= 2;
  }, "the job running with completed checkpoints", 40_000, 50);
  const committedBefore = committedRecords(out).length;
  assert.ok(committedBefore > 0 && committedBefore < count, `${committedBefore} records committed before the kill`);
  victim.signal("SIGKILL");
  await startTaskManager(jm.rpcHostPort, { slots: 2 });
  const run = await result;
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.ok(run.restarts >= 1, `restarts: ${run.restarts}`);
  assert.ok(run.checkpoints.restored >= 1, "restored from a checkpoint");
  assert.deepEqual(committedRecords(out), referenceRecords(count), "every record committed exactly once");
});
