/**
 * The `process` resource provider on real processes: a session JobManager with
 * `resourcemanager.provider: process` and no TaskManagers starts exactly as many TaskManager
 * processes as the declared slots need (parallelism 4, 2 slots each: 2), stops them once they have
 * been idle for `resourcemanager.taskmanager-timeout`, replaces one killed mid-job (the job recovers
 * exactly-once from its checkpoint), and at `resourcemanager.taskmanager.max-count` a job that needs
 * more slots waits with a status that says so instead of failing.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runJob, type RunResult } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { getJson, killAll, startJobManager, taskManagerIds, type JobManagerProcess, type Overview } from "../cluster/support/processes.js";
import { startedTaskManagers, waitForExit } from "./support/application-processes.js";

const SEQUENCE_JOB = testJob("sequence-check.ts");
const IDLE_TIMEOUT_MS = 1500;
const dir = mkdtempSync(join(tmpdir(), "sluice-process-provider-"));
let jm: JobManagerProcess;
let client: RestClusterClient;

before(async () => {
  jm = await startJobManager({
    "resourcemanager.provider": "process",
    "taskmanager.numberOfTaskSlots": "2",
    "resourcemanager.taskmanager.max-count": "2",
    "resourcemanager.taskmanager-timeout": String(IDLE_TIMEOUT_MS),
    "execution.checkpointing.dir": join(dir, "checkpoints"),
    "env.log.dir": join(dir, "logs"),
  });
  client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
});

after(async () => {
  // A graceful stop stops the TaskManagers the JobManager started; then nothing of them may be left.
  const started = startedTaskManagers(jm?.stderr() ?? "");
  jm?.signal("SIGTERM");
  await Promise.race([jm?.exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
  await killAll();
  await waitForExit(started.map((t) => t.pid), "every TaskManager the JobManager started to be gone").catch((e: Error) => {
    for (const t of started) process.kill(t.pid, "SIGKILL");
    throw e;
  });
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the sequence check (args as in test/jobs/sequence-check.ts) and returns its id and its result. */
async function startSequenceJob(args: string[]): Promise<{ jobId: string; result: Promise<RunResult> }> {
  let submitted!: (id: string) => void;
  const jobIdPromise = new Promise<string>((resolve) => (submitted = resolve));
  const result = runJob(SEQUENCE_JOB, { client, args, onSubmitted: (id) => submitted(id) });
  const jobId = await Promise.race([jobIdPromise, result.then((r) => Promise.reject(new Error(`job ended at once: ${r.state} ${r.failure?.message ?? ""}`)))]);
  return { jobId, result };
}

test("no TaskManagers: a job at parallelism 4 with 2 slots per TaskManager starts exactly 2; idle, they are stopped after the timeout", { timeout: 150_000 }, async () => {
  assert.equal((await getJson<Overview>(jm.restUrl, "/overview")).taskmanagers, 0);
  const count = 20_000;
  const { result } = await startSequenceJob([String(count), "0", "4", "20000", "2", "0"]);
  await waitFor(async () => (await getJson<Overview>(jm.restUrl, "/overview"))["slots-total"] === 4, "2 TaskManagers with 4 slots", 20_000, 50);
  const run = await result;
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.deepEqual(finalsOf(run.records!), referenceFinals(count));
  const started = startedTaskManagers(jm.stderr());
  assert.equal(started.length, 2, `started: ${JSON.stringify(started)}`);

  await waitFor(async () => (await taskManagerIds(jm.restUrl)).length === 0, "the idle TaskManagers to be released", 15_000, 100);
  await waitForExit(started.map((t) => t.pid), "the idle TaskManager processes to exit");
  const released = [...jm.stderr().matchAll(/TaskManager (\S+) removed: released: idle for (\d+) ms/g)];
  assert.deepEqual(released.map((m) => m[1]).sort(), started.map((t) => t.id).sort());
  for (const m of released) assert.ok(Number(m[2]) >= IDLE_TIMEOUT_MS, `released after ${m[2]} ms idle, not before the timeout`);
});

test("SIGKILL of a TaskManager it started: a replacement is started and the job recovers exactly-once", { timeout: 150_000 }, async () => {
  const before = startedTaskManagers(jm.stderr()).length;
  const count = 50_000;
  const { jobId, result } = await startSequenceJob([String(count), "0", "4", "10000", "2", "100"]);
  await waitFor(async () => {
    const d = await client.details(jobId);
    const checkpoints = await getJson<{ counts: { completed: number } }>(jm.restUrl, `/jobs/${jobId}/checkpoints`);
    return d.state === "RUNNING" && d.statusCounts.RUNNING === 7 && checkpoints.counts.completed >= 1;
  }, "the job running with a completed checkpoint", 30_000, 50);
  const running = startedTaskManagers(jm.stderr()).slice(before);
  assert.equal(running.length, 2);
  const victim = running[0]!;
  process.kill(victim.pid, "SIGKILL");
  await waitFor(() => startedTaskManagers(jm.stderr()).length === before + 3, "a replacement TaskManager", 15_000, 50);
  const run = await result;
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.ok(run.restarts >= 1, `restarts: ${run.restarts}`);
  assert.ok(run.checkpoints.restored >= 1, "restored from a checkpoint");
  assert.deepEqual(finalsOf(run.records!), referenceFinals(count), "no gap or duplicate");
  assert.equal(startedTaskManagers(jm.stderr()).length, before + 3, "exactly one replacement");
});

test("at resourcemanager.taskmanager.max-count a job that needs more slots waits and says why", { timeout: 30_000 }, async () => {
  let jobId = "";
  const run = runJob(SEQUENCE_JOB, { client, args: ["1000", "0", "6", "1000", "1", "0"], onSubmitted: (id) => (jobId = id) });
  const message = "waiting for resources: the job needs 6 slots, 4 offered so far; resourcemanager.taskmanager.max-count (2) reached";
  await waitFor(async () => jobId !== "" && ((await client.details(jobId)).statusMessage ?? "").startsWith(message), `status "${message}…"`, 20_000, 50);
  const shown = await getJson<{ state: string; "status-message"?: string }>(jm.restUrl, `/jobs/${jobId}`);
  assert.equal(shown.state, "RUNNING");
  assert.ok((await taskManagerIds(jm.restUrl)).length <= 2, "no more than max-count TaskManagers");
  await client.cancel(jobId);
  assert.equal((await run).state, "CANCELED");
});
