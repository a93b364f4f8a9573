/**
 * Incremental checkpoints through the state changelog on real processes (one JobManager, two
 * TaskManagers): the sequence check (exactly-once) survives a TaskManager SIGKILL, restoring from a
 * materialization plus segments; a retained changelog checkpoint of the LMDB backend resumes at
 * another parallelism; with two checkpoints retained, the shared files no retained checkpoint refers
 * to are deleted. Checkpoint statistics report what a checkpoint wrote beside the state it refers to.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runJob, type RunResult } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { getJson, killAll, startJobManager, startTaskManager, type JobManagerProcess, type TaskManagerProcess } from "../cluster/support/processes.js";
import { finalsOf, referenceFinals } from "./sequence-support.js";
import { CHANGELOG_CONFIG, isMaterialization, isSegment, retainedCheckpoints, sharedFilesOnDisk } from "./changelog-support.js";

const SEQUENCE_JOB = testJob("sequence-check.ts");
const dir = mkdtempSync(join(tmpdir(), "sluice-changelog-processes-"));
const checkpoints = join(dir, "checkpoints");
let jm: JobManagerProcess;
let client: RestClusterClient;
const tms: TaskManagerProcess[] = [];

before(async () => {
  jm = await startJobManager({
    "execution.checkpointing.dir": checkpoints,
    "execution.checkpointing.num-retained": "2",
    "execution.checkpointing.externalized-checkpoint-retention": "RETAIN_ON_CANCELLATION",
    ...CHANGELOG_CONFIG,
  });
  client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  tms.push(...(await Promise.all([startTaskManager(jm.rpcHostPort), startTaskManager(jm.rpcHostPort)])));
});

after(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the sequence check (args as in test/jobs/sequence-check.ts). */
async function startSequenceJob(args: string[], options: { config?: Record<string, string>; savepointPath?: string } = {}): Promise<{ jobId: string; result: Promise<RunResult> }> {
  let submitted!: (id: string) => void;
  const jobIdPromise = new Promise<string>((resolve) => (submitted = resolve));
  const result = runJob(SEQUENCE_JOB, { client, args, ...options, onSubmitted: (id) => submitted(id) });
  const jobId = await Promise.race([jobIdPromise, result.then((r) => Promise.reject(new Error(`job ended at once: ${r.state} ${r.failure?.message ?? ""}`)))]);
  return { jobId, result };
}

interface CheckpointEntry {
  id: number;
  status: string;
  state_size: number;
  checkpointed_size: number;
}

async function checkpointStats(jobId: string): Promise<{ counts: { completed: number }; history: CheckpointEntry[] }> {
  return getJson(jm.restUrl, `/jobs/${jobId}/checkpoints`);
}

/** Waits until a retained checkpoint refers to a materialization and to segments after it. */
async function waitForMaterializedCheckpoint(jobId: string): Promise<void> {
  await waitFor(
    () => retainedCheckpoints(join(checkpoints, jobId)).some((c) => c.sharedFiles.some(isMaterialization) && c.sharedFiles.some(isSegment)),
    "a checkpoint of a materialization and segments",
    60_000,
    50,
  );
}

test("heap backend with the changelog: a TaskManager SIGKILL mid-job, restored from materialization + segments, exactly once", { timeout: 180_000 }, async () => {
  const count = 60_000;
  const { jobId, result } = await startSequenceJob([String(count), "0", "4", "10000", "2", "100"]);
  await waitForMaterializedCheckpoint(jobId);
  // What a checkpoint wrote is less than the state it refers to (the materialization is not written again).
  const stats = await checkpointStats(jobId);
  const incremental = stats.history.filter((e) => e.status === "COMPLETED" && e.checkpointed_size < e.state_size);
  assert.ok(incremental.length > 0, JSON.stringify(stats.history.map((e) => [e.id, e.state_size, e.checkpointed_size])));
  const victim = tms.shift()!;
  victim.signal("SIGKILL");
  tms.push(await startTaskManager(jm.rpcHostPort));
  const run = await result;
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.ok(run.restarts >= 1, `restarts: ${run.restarts}`);
  assert.ok(run.checkpoints.restored >= 1, "restored from a checkpoint");
  assert.deepEqual(finalsOf(run.records!), referenceFinals(count), "no gap or duplicate");
});

test("LMDB backend with the changelog: a retained changelog checkpoint resumes at another parallelism", { timeout: 180_000 }, async () => {
  const count = 40_000;
  const lmdb = { "state.backend.type": "lmdb" };
  const { jobId, result } = await startSequenceJob([String(count), "0", "2", "3000", "2", "100"], { config: lmdb });
  await waitForMaterializedCheckpoint(jobId);
  await client.cancel(jobId);
  const first = await result;
  assert.equal(first.state, "CANCELED");
  const jobDir = join(checkpoints, jobId);
  const latest = retainedCheckpoints(jobDir).at(-1)!;
  assert.ok(latest.sharedFiles.length > 0, "the checkpoint refers to shared changelog files");
  const before = first.records!;
  assert.ok(before.length < count, `cancelled after ${before.length} records`);
  for (const parallelism of [3, 1]) {
    const resumed = await startSequenceJob([String(count), "0", String(parallelism), "30000", "2", "100"], { config: lmdb, savepointPath: join(jobDir, `chk-${latest.id}`) });
    const run = await resumed.result;
    assert.equal(run.state, "FINISHED", run.failure?.message);
    // The checker's state came back whole: every key goes on from its restored sequence number.
    assert.deepEqual(finalsOf(before, run.records!), referenceFinals(count), `resumed at parallelism ${parallelism}`);
  }
});

test("two checkpoints retained: after a dozen checkpoints the shared files are exactly those the two retained checkpoints refer to", { timeout: 180_000 }, async () => {
  // No periodic checkpoints: the test triggers them, so none is in flight when it cancels.
  const { jobId, result } = await startSequenceJob(["10000000", "0", "2", "2000", "2", "0"]);
  const jobDir = join(checkpoints, jobId);
  await waitFor(async () => (await client.details(jobId)).statusCounts.RUNNING === 5, "the job running");
  const everReferenced = new Set<string>();
  for (let n = 1; n <= 12; n++) {
    const res = await fetch(new URL(`/jobs/${jobId}/checkpoints`, jm.restUrl), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(res.status, 202, await res.text());
    await waitFor(async () => (await checkpointStats(jobId)).counts.completed >= n, `checkpoint ${n}`, 30_000, 25);
    for (const c of retainedCheckpoints(jobDir)) for (const f of c.sharedFiles) everReferenced.add(f);
    // Time for the tasks to materialize between checkpoints.
    await new Promise((r) => setTimeout(r, 250));
  }
  await client.cancel(jobId);
  assert.equal((await result).state, "CANCELED");
  const retained = retainedCheckpoints(jobDir);
  assert.equal(retained.length, 2, `retained: ${retained.map((c) => c.id).join(",")}`);
  const needed = [...new Set(retained.flatMap((c) => c.sharedFiles))].sort();
  assert.ok(needed.some(isMaterialization) && needed.some(isSegment), needed.join(","));
  assert.ok([...everReferenced].filter(isMaterialization).length > needed.filter(isMaterialization).length, "materializations were replaced meanwhile");
  // The tasks' own leftovers (a materialization no checkpoint used yet) go when they end.
  await waitFor(() => sharedFilesOnDisk(jobDir).join() === needed.join(), "only the retained checkpoints' files in shared/", 20_000, 50).catch(() => {
    assert.deepEqual(sharedFilesOnDisk(jobDir), needed);
  });
  for (const f of everReferenced) if (!needed.includes(f)) assert.ok(!existsSync(join(jobDir, f)), `${f} is no longer referred to`);
});
