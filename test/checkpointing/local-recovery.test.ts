/**
 * Task-local recovery on real processes (docs/checkpoints.md, "Task-local recovery"): a task that fails
 * on a TaskManager that lives on restores from the copy of its state on that TaskManager's disk (with
 * either state backend); a copy that is missing or damaged falls back to the checkpoint storage; copies
 * of subsumed checkpoints are deleted, and all of a job's when it ends. Every run is the sequence check (test/jobs/sequence-check.ts),
 * which fails on any gap or duplicate, compared with the reference result.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { finalsOf, referenceFinals } from "./sequence-support.js";
import { getJson, killAll, startTaskManager } from "../cluster/support/processes.js";
import {
  GENEROUS_MS,
  checkpointNow,
  checkpointStats,
  flipBytes,
  localCopies,
  remoteStateFiles,
  restoredLocallyGauges,
  restoredLocallyInStatistics,
  startLocalRecoveryJobManager,
  taskCount,
  waitForAttempt,
} from "./local-recovery-support.js";

const JOB = testJob("local-recovery-check.ts");
const base = mkdtempSync(join(tmpdir(), "sluice-local-recovery-"));
let runs = 0;

after(async () => {
  await killAll();
  rmSync(base, { recursive: true, force: true });
});

/** A JobManager and one TaskManager (2 slots, local copies under `local`), and the marker-driven job. */
async function cluster(extraJobManagerConfig: Record<string, string> = {}) {
  const dir = join(base, `run-${runs++}`);
  const checkpoints = join(dir, "checkpoints");
  const local = join(dir, "local");
  const markers = join(dir, "markers");
  mkdirSync(markers, { recursive: true });
  const jm = await startLocalRecoveryJobManager(checkpoints, extraJobManagerConfig);
  const tm = await startTaskManager(jm.rpcHostPort, { slots: 2, config: { "taskmanager.state.local.root-dirs": local } });
  const client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  /** Waits for the TaskManager's log to have `times` lines matching `line`; says what it has when time runs out. */
  const logged = (line: RegExp, times: number, what: string): Promise<void> =>
    waitFor(() => (tm.stderr().match(new RegExp(line.source, "g")) ?? []).length === times, what, GENEROUS_MS).catch((e: Error) => {
      throw new Error(`${e.message}\n--- TaskManager log:\n${tm.stderr().slice(-6000)}`);
    });
  return { jm, tm, client, checkpoints, local, markers, logged, fail: (attempt: number) => writeFileSync(join(markers, `fail-${attempt}`), "") };
}

async function submit(c: Awaited<ReturnType<typeof cluster>>, count: number, intervalMs = 0) {
  let jobId = "";
  const result = runJob(JOB, { client: c.client, args: [String(count), "2", "400", String(intervalMs), c.markers], onSubmitted: (id) => (jobId = id) });
  await waitFor(() => jobId !== "", "the job to be submitted", GENEROUS_MS);
  await waitForAttempt(c.jm.restUrl, jobId, 0);
  return { jobId, result, tasks: await taskCount(c.jm.restUrl, jobId) };
}

for (const backend of ["hashmap", "lmdb"]) {
  test(`a task failure restores from the local copies (${backend} backend): the checkpoint storage's state files are damaged, yet the job resumes from that checkpoint`, { timeout: 300_000 }, async () => {
    const c = await cluster({ "state.backend.type": backend });
    const count = 16_000;
    const { jobId, result, tasks } = await submit(c, count);
    const id = await checkpointNow(c.jm.restUrl, jobId);
    const copies = localCopies(c.local).filter((l) => l.checkpointId === id);
    assert.equal(copies.length, tasks, `a local copy per task: ${JSON.stringify(localCopies(c.local))}`);
    // Same size, other bytes: the JobMaster's check (present, recorded size) passes, a read from the
    // checkpoint storage fails its checksum. Only the local copies can restore this checkpoint now.
    const remote = remoteStateFiles(c.checkpoints, jobId, id);
    assert.equal(remote.length, tasks);
    for (const f of remote) flipBytes(f);
    c.fail(0);
    await waitForAttempt(c.jm.restUrl, jobId, 1);
    await waitFor(async () => (await restoredLocallyGauges(c.jm.restUrl, jobId)).every((v) => v === "1"), "every subtask to report restoredLocally = 1", GENEROUS_MS, 200);
    const stats = await checkpointStats(c.jm.restUrl, jobId);
    assert.equal(stats.latest.restored?.id, id, "restored from the checkpoint whose remote files are damaged");
    // The checkpoint statistics show it per subtask, from the restored tasks' acknowledgements.
    const after = await checkpointNow(c.jm.restUrl, jobId);
    assert.deepEqual(await restoredLocallyInStatistics(c.jm.restUrl, jobId, after), Array(tasks).fill(true), `restored_locally of checkpoint ${after}`);
    // The checkpoint statistics say so per subtask (docs/checkpoints.md, "Checkpoint statistics").
    const next = await checkpointNow(c.jm.restUrl, jobId);
    const details = await getJson<{ tasks: Record<string, unknown> }>(c.jm.restUrl, `/jobs/${jobId}/checkpoints/details/${next}`);
    for (const vertexId of Object.keys(details.tasks)) {
      const v = await getJson<{ subtasks: Array<{ index: number; restored_locally?: boolean }> }>(c.jm.restUrl, `/jobs/${jobId}/checkpoints/details/${next}/subtasks/${vertexId}`);
      assert.deepEqual(v.subtasks.map((t) => t.restored_locally), v.subtasks.map(() => true), `vertex ${vertexId}: every subtask restored locally`);
    }
    const run = await result;
    assert.equal(run.state, "FINISHED", run.failure?.message);
    assert.equal(run.restarts, 1, "one restart: the injected failure (a remote read would have failed on the checksum and restarted again)");
    assert.deepEqual(finalsOf(run.records!), referenceFinals(count));
    const exceptions = await getJson<{ exceptionHistory: { entries: Array<{ exceptionName: string }> } }>(c.jm.restUrl, `/jobs/${jobId}/exceptions`);
    assert.deepEqual(exceptions.exceptionHistory.entries.map((e) => e.exceptionName).filter((n) => n !== "Error"), [], "no CorruptStateError");
    assert.match(c.tm.stderr(), new RegExp(`restoring checkpoint ${id} from the local copy`));
  });
}

test("a deleted local copy and a damaged one (bytes flipped) each fall back to the checkpoint storage; the job recovers exactly once", { timeout: 300_000 }, async () => {
  const c = await cluster();
  const count = 20_000;
  const { jobId, result, tasks } = await submit(c, count);

  // Deleted: every copy of the checkpoint is gone.
  const first = await checkpointNow(c.jm.restUrl, jobId);
  const deleted = localCopies(c.local).filter((l) => l.checkpointId === first);
  assert.equal(deleted.length, tasks);
  for (const l of deleted) rmSync(l.file);
  c.fail(0);
  await waitForAttempt(c.jm.restUrl, jobId, 1);
  await waitFor(async () => (await checkpointStats(c.jm.restUrl, jobId)).latest.restored?.id === first, `a restore from checkpoint ${first}`, GENEROUS_MS, 200);
  await c.logged(new RegExp(`no local copy of checkpoint ${first} in`), tasks, "every task finding no local copy");

  // Damaged: same size, flipped bytes; the state file's SHA-256 no longer matches.
  const second = await checkpointNow(c.jm.restUrl, jobId);
  const damaged = localCopies(c.local).filter((l) => l.checkpointId === second);
  assert.equal(damaged.length, tasks);
  for (const l of damaged) flipBytes(l.file);
  c.fail(1);
  await waitForAttempt(c.jm.restUrl, jobId, 2);
  await c.logged(new RegExp(`the local copy of checkpoint ${second} in \\S+ cannot be used \\(.*checksum does not match`), tasks, "every task refusing its damaged local copy");
  await waitFor(async () => (await restoredLocallyGauges(c.jm.restUrl, jobId)).every((v) => v === "0"), "every subtask to report restoredLocally = 0", GENEROUS_MS, 200);
  assert.equal((await checkpointStats(c.jm.restUrl, jobId)).latest.restored?.id, second);
  const after = await checkpointNow(c.jm.restUrl, jobId);
  assert.deepEqual(await restoredLocallyInStatistics(c.jm.restUrl, jobId, after), Array(tasks).fill(false), `restored_locally of checkpoint ${after}`);

  const run = await result;
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.equal(run.restarts, 2, "the two injected failures only");
  assert.deepEqual(finalsOf(run.records!), referenceFinals(count));
});

test("local copies of subsumed checkpoints are deleted, and the job's copies when it ends", { timeout: 300_000 }, async () => {
  const c = await cluster();
  const { jobId, result, tasks } = await submit(c, 1_000_000);
  const ids: number[] = [];
  for (let i = 0; i < 6; i++) ids.push(await checkpointNow(c.jm.restUrl, jobId));
  const latest = ids.at(-1)!;
  const byTask = (): Map<string, number[]> => {
    const found = new Map<string, number[]>();
    for (const l of localCopies(c.local)) found.set(l.task, [...(found.get(l.task) ?? []), l.checkpointId].sort((a, b) => a - b));
    return found;
  };
  // Once the tasks have heard that the last one completed, each holds its copy alone: the 5 before were
  // subsumed. Without deletion each task would hold all 6.
  await waitFor(() => byTask().size === tasks && [...byTask().values()].every((held) => held.length === 1 && held[0] === latest), `every task holding only its copy of checkpoint ${latest}`, GENEROUS_MS, 100).catch(
    (e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify([...byTask()])} (checkpoints ${ids.join(", ")})`);
    },
  );
  await c.client.cancel(jobId);
  assert.equal((await result).state, "CANCELED");
  await waitFor(() => localCopies(c.local).length === 0, "the job's local copies to be deleted once it ended", GENEROUS_MS, 100);
});
