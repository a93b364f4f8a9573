/**
 * The final checkpoint (FLIP-147; docs/checkpoints.md, "The final checkpoint") on real processes: a
 * bounded job into the exactly-once FileSink reaches end of input and waits, nothing committed, for
 * its final checkpoint; its TaskManager is killed with SIGKILL in that window. On a TaskManager
 * started later the job runs again, ends through a final checkpoint, and every record is committed
 * exactly once, with nothing left staged.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { waitFor } from "../support/wait.js";
import { referenceLines } from "../jobs/sinks/support/sink-job-spec.js";
import { SINK_JOB, committedLines, jobArgs, stagedPartFiles } from "../sinks/sink-test-support.js";
import { sinkSpec, sleep } from "../sinks/exactly-once-scenarios.js";
import { assertSameLines } from "../sinks/same-lines.js";
import { getJson, killAll, startJobManager, startTaskManager } from "./support/processes.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-final-checkpoint-processes-"));

after(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

interface JobDetails {
  state: string;
  vertices: { name: string; metrics: { "read-records": number } }[];
}

test("SIGKILL of the TaskManager between end of input and the final checkpoint: nothing lost, nothing duplicated", { timeout: 180_000 }, async () => {
  const jm = await startJobManager({ "execution.checkpointing.dir": join(dir, "checkpoints") });
  const client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  const victim = await startTaskManager(jm.rpcHostPort, { slots: 2 });
  const out = join(dir, "out");
  const count = 3000;
  // An hour between checkpoints: only the test's triggers take one.
  const spec = sinkSpec({ kind: "file", dir: out }, { count, recordsPerSecond: 20_000, checkpointIntervalMs: 3_600_000 });
  let jobId = "";
  let ended = false;
  const result = runJob(SINK_JOB, { client, args: jobArgs(spec), onSubmitted: (id) => (jobId = id) });
  void result.finally(() => (ended = true));
  const sinkRecordsIn = async (): Promise<number> =>
    (await getJson<JobDetails>(jm.restUrl, `/jobs/${jobId}`)).vertices.filter((v) => v.name.includes("sink")).reduce((n, v) => n + v.metrics["read-records"], 0);
  await waitFor(async () => jobId !== "" && (await sinkRecordsIn()) === count, "every record at the sink (end of input)", 60_000, 100);
  await sleep(500);
  assert.equal((await getJson<JobDetails>(jm.restUrl, `/jobs/${jobId}`)).state, "RUNNING", "the job waits for its final checkpoint");
  assert.deepEqual(existsSync(out) ? committedLines(out) : [], [], "end of input committed nothing");

  victim.signal("SIGKILL");
  await startTaskManager(jm.rpcHostPort, { slots: 2 });
  // Checkpoints from now on until the job ends: the restarted attempt's last one is its final checkpoint.
  const deadline = Date.now() + 120_000;
  while (!ended && Date.now() < deadline) {
    await fetch(new URL(`/jobs/${jobId}/checkpoints`, jm.restUrl), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => undefined);
    await sleep(300);
  }
  const run = await result;
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.ok(run.restarts >= 1, `restarts: ${run.restarts}`);
  assertSameLines(committedLines(out), referenceLines(count), "every record committed exactly once");
  assert.deepEqual(stagedPartFiles(out), [], "nothing left staged");
});
