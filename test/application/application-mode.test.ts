/**
 * Application mode on real processes: `sluice application job.ts` is a JobManager that
 * evaluates and runs this one job and exits with a code that says how it ended — 0 FINISHED (with
 * TaskManagers connecting as usual), 1 FAILED with the cause printed, 3 CANCELED; with the process
 * resource provider it needs no TaskManager started by hand, and stops the ones it started. A
 * collectAsync() definition consumes its unbounded job in the JobManager and stopping it exits 0.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { example, testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { killAll, startTaskManager } from "../cluster/support/processes.js";
import { exitOf, startApplication, startedTaskManagers, waitForExit } from "./support/application-processes.js";

after(async () => {
  await killAll();
});

const PROCESS_PROVIDER = { "resourcemanager.provider": "process", "taskmanager.numberOfTaskSlots": "2" };

test("sluice application examples/wordcount.ts runs the job on a TaskManager that connects to it, and exits 0", { timeout: 150_000 }, async () => {
  const app = await startApplication(example("wordcount.ts"), [], {});
  const tm = await startTaskManager(app.rpcHostPort, { slots: 1 });
  assert.equal(await exitOf(app), 0, app.stderr());
  assert.match(app.stderr(), new RegExp(`Job "WordCount" \\(${app.jobId}\\) finished in`));
  // The job's print() ran on the TaskManager: the final counts are on its stdout.
  await waitFor(() => /word: 'question', count: 1/.test(tm.stdout()) && /word: 'to', count: 11/.test(tm.stdout()), "the counts printed by the TaskManager", 5000);
});

test("a job that fails: the application exits 1 with the cause; the TaskManager it started is stopped", { timeout: 150_000 }, async () => {
  const app = await startApplication(testJob("throwing.ts"), ["500"], PROCESS_PROVIDER);
  assert.equal(await exitOf(app), 1, app.stderr());
  assert.match(app.stderr(), /FAILED after [\d.]+ s: InvalidReadingError: reading 500 is invalid/);
  assert.match(app.stderr(), /at checkReading/, "with the stack");
  const started = startedTaskManagers(app.stderr());
  assert.equal(started.length, 1);
  await waitForExit(started.map((t) => t.pid), "the TaskManager it started to stop");
});

test("a cancelled job: the application exits 3", { timeout: 150_000 }, async () => {
  const app = await startApplication(testJob("unbounded.ts"), [], PROCESS_PROVIDER);
  await waitFor(async () => {
    const res = await fetch(`${app.restUrl}/jobs/${app.jobId}`);
    return res.ok && ((await res.json()) as { state: string }).state === "RUNNING" && /deployed \d+ tasks/.test(app.stderr());
  }, "the job to run", 30_000, 100);
  const res = await fetch(`${app.restUrl}/jobs/${app.jobId}?mode=cancel`, { method: "PATCH" });
  assert.ok(res.ok, `cancel: ${res.status}`);
  assert.equal(await exitOf(app), 3, app.stderr());
  assert.match(app.stderr(), new RegExp(`\\(${app.jobId}\\) CANCELED after`));
  await waitForExit(startedTaskManagers(app.stderr()).map((t) => t.pid), "the TaskManagers it started to stop");
});

test("a collectAsync() application: the definition takes the first records in the JobManager, its break cancels the job, and it exits 0", { timeout: 150_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-application-collect-"));
  try {
    const out = join(dir, "taken.json");
    const app = await startApplication(testJob("api/collect-async-job.ts"), [out, "2000", "unbounded", "-1", "0", "break", "0"], PROCESS_PROVIDER);
    assert.equal(await exitOf(app), 0, app.stderr());
    assert.match(app.stderr(), new RegExp(`\\(${app.jobId}\\) was cancelled by its consumer`));
    assert.deepEqual(JSON.parse(readFileSync(out, "utf8")), Array.from({ length: 2000 }, (_, i) => i * i));
    await waitForExit(startedTaskManagers(app.stderr()).map((t) => t.pid), "the TaskManagers it started to stop");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
