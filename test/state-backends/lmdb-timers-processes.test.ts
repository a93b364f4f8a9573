/**
 * Timers in LMDB on real processes (docs/state-and-time.md, "Timers"): the job of
 * test/jobs/state-backends/timer-per-record.ts runs on the LMDB backend with its timers in LMDB
 * and a head cache of 2 timers per key group (so most pending timers are on disk only); the
 * TaskManager is killed with SIGKILL while checkpoints hold pending timers; on a new TaskManager
 * the job restores them from the latest checkpoint, and the committed output holds every
 * record's timer exactly once. A second job keeps thousands of timers pending (no watermark before
 * the end): the test reads the TaskManager's LMDB files to see them there, and they all fire in
 * order. Both read the timers on disk, so both fail where timers are kept on the heap.
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
import { getJson, killAll, startJobManager, startTaskManager } from "../cluster/support/processes.js";
import { event } from "../jobs/state-backends/timers-beyond-cache.js";
import { timersOnDisk } from "./support/timers-on-disk.js";

/** A head cache of 2 timers per key group: at most 2 × 128 timers of a task in memory. */
const CACHE_SIZE = 2;
const IN_MEMORY_AT_MOST = CACHE_SIZE * 128;

const lmdbTimers = (sub: string): Record<string, string> => ({
  "execution.checkpointing.dir": join(dir, sub, "checkpoints"),
  "state.backend.type": "lmdb",
  "state.backend.lmdb.timer-service.factory": "LMDB",
  "state.backend.lmdb.timer-service.cache-size": String(CACHE_SIZE),
  "state.backend.lmdb.cache-entries": "64",
  "state.backend.lmdb.localdir": join(dir, sub, "lmdb"),
});

const dir = mkdtempSync(join(tmpdir(), "sluice-lmdb-timers-processes-"));

after(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

test("SIGKILL of a TaskManager with timers in LMDB: timers restored from the checkpoint, each fires exactly once", { timeout: 180_000 }, async () => {
  const jm = await startJobManager(lmdbTimers("kill"));
  const client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  const victim = await startTaskManager(jm.rpcHostPort, { slots: 4 });
  const out = join(dir, "kill", "out");
  const count = 24_000;
  let jobId = "";
  const result = runJob(testJob("state-backends/timer-per-record.ts"), { client, args: [String(count), "2", "3000", "100", out, "3000"], onSubmitted: (id) => (jobId = id) });
  await waitFor(async () => {
    if (jobId === "") return false;
    const d = await client.details(jobId);
    const cps = await getJson<{ counts: { completed: number } }>(jm.restUrl, `/jobs/${jobId}/checkpoints`);
    return d.state === "RUNNING" && cps.counts.completed >= 3 && committedRecords(out).length > 0;
  }, "the job running, with completed checkpoints and fired timers committed", 60_000, 50);
  const before = committedRecords(out).length;
  assert.ok(before > 0 && before < count - 3000, `${before} timers committed before the kill, more pending`);
  // 3000 records' timers are pending: most of them can only be in LMDB.
  const onDisk = timersOnDisk(join(dir, "kill", "lmdb"));
  assert.ok(onDisk > IN_MEMORY_AT_MOST, `${onDisk} timers in LMDB`);
  victim.signal("SIGKILL");
  await startTaskManager(jm.rpcHostPort, { slots: 4 });
  const run = await result;
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.ok(run.restarts >= 1, `restarts: ${run.restarts}`);
  assert.ok(run.checkpoints.restored >= 1, "restored from a checkpoint");
  assert.deepEqual(committedRecords(out), referenceRecords(count), "every record's timer fired and committed exactly once");
});

test("more timers than the LMDB timer cache holds, on a TaskManager process: all in LMDB, all fire in order", { timeout: 180_000 }, async () => {
  const jm = await startJobManager(lmdbTimers("order"));
  const client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  await startTaskManager(jm.rpcHostPort, { slots: 2 });
  const count = 8000;
  let jobId = "";
  // No watermark before the end of input: every timer stays pending until then.
  const result = runJob(testJob("state-backends/timers-beyond-cache.ts"), { client, args: [String(count), "2000"], onSubmitted: (id) => (jobId = id) });
  let onDisk = 0;
  await waitFor(async () => {
    if (jobId === "" || (await client.details(jobId)).state !== "RUNNING") return false;
    onDisk = timersOnDisk(join(dir, "order", "lmdb"));
    return onDisk > IN_MEMORY_AT_MOST;
  }, "more timers in LMDB than the heads hold", 60_000, 200);
  const run = await result;
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.deepEqual(run.records, firingOrder(count), `every timer once, in order (${onDisk} were in LMDB at once)`);
});

/** The distinct (key, timestamp) timers of timers-beyond-cache.ts in firing order: by timestamp, then first registration. */
function firingOrder(count: number): Array<[number, number]> {
  const first = new Map<string, [number, number, number]>();
  for (let i = 0; i < count; i++) {
    const e = event(i);
    if (!first.has(`${e.key}/${e.ts}`)) first.set(`${e.key}/${e.ts}`, [e.key, e.ts, i]);
  }
  return [...first.values()].sort((a, b) => a[1] - b[1] || a[2] - b[2]).map(([key, ts]) => [key, ts]);
}
