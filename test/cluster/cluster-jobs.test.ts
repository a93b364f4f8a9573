/**
 * End to end on real processes: one JobManager and TaskManager processes on loopback. Jobs whose
 * records cross between TaskManagers over TCP give the reference result; a TaskManager killed with
 * SIGKILL or frozen with SIGSTOP is noticed (at once, or by the heartbeat timeout) and the job
 * recovers exactly-once from its latest checkpoint once a new TaskManager brings enough slots; with
 * too few slots a job waits and says so; SIGTERM shuts processes down cleanly.
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
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { SUM_MODULUS, consumerParallelism, generateSpec, referenceOutput } from "../jobs/random-pipeline-spec.js";
import { getJson, killAll, startJobManager, startTaskManager, taskManagerIds, type JobManagerProcess, type Overview, type TaskManagerProcess } from "./support/processes.js";

const SEQUENCE_JOB = testJob("sequence-check.ts");
let jm: JobManagerProcess;
let client: RestClusterClient;
const tms: TaskManagerProcess[] = [];
const dir = mkdtempSync(join(tmpdir(), "sluice-cluster-jobs-"));

before(async () => {
  jm = await startJobManager({ "execution.checkpointing.dir": join(dir, "checkpoints") });
  client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  tms.push(...(await Promise.all([startTaskManager(jm.rpcHostPort), startTaskManager(jm.rpcHostPort)])));
});

after(async () => {
  await killAll();
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

async function checkpointsCompleted(jobId: string): Promise<number> {
  return (await getJson<{ counts: { completed: number } }>(jm.restUrl, `/jobs/${jobId}/checkpoints`)).counts.completed;
}

async function waitUntilRunningWithCheckpoint(jobId: string): Promise<void> {
  await waitFor(async () => {
    const d = await client.details(jobId);
    return d.state === "RUNNING" && d.statusCounts.RUNNING === 7 && (await checkpointsCompleted(jobId)) >= 1;
  }, "the job running with a completed checkpoint", 30_000, 50);
}

test("a keyed job at parallelism 4 runs across 2 TaskManagers with its records crossing TCP, and gives the reference result", { timeout: 150_000 }, async () => {
  const overview = await getJson<Overview>(jm.restUrl, "/overview");
  assert.equal(overview.taskmanagers, 2);
  assert.equal(overview["slots-total"], 4);

  // A random pipeline with a keyBy, broken chains and changing parallelism.
  const seed = 48514;
  const spec = generateSpec(seed, 4);
  const pipeline = await runJob(testJob("random-pipeline.ts"), { client, args: [String(seed), "4"] });
  assert.equal(pipeline.state, "FINISHED", pipeline.failure?.message);
  const expected = referenceOutput(spec, (i) => consumerParallelism(spec, i, spec.sourceParallelism));
  const sums = new Map<number, number>();
  for (const v of expected) sums.set(v % spec.sumKeys!, ((sums.get(v % spec.sumKeys!) ?? 0) + v) % SUM_MODULUS);
  const last = new Map<number, number>();
  for (const [k, s] of pipeline.records as [number, number][]) last.set(k, s);
  assert.deepEqual(new Map([...last].sort()), new Map([...sums].sort()), "final sum per key");
  assert.equal(pipeline.records!.length, expected.length, "one running sum per input record");

  // The sequence check at parallelism 4: its keyed checker receives from both TaskManagers. While
  // it runs, the slot counts show the slots in use.
  const count = 30_000;
  const { jobId, result } = await startSequenceJob([String(count), "0", "4", "15000", "2", "100"]);
  await waitFor(async () => (await getJson<Overview>(jm.restUrl, "/overview"))["slots-available"] === 0, "all 4 slots in use");
  const run = await result;
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.deepEqual(finalsOf(run.records!), referenceFinals(count));
  await waitFor(async () => (await getJson<Overview>(jm.restUrl, "/overview"))["slots-available"] === 4, "slots free again");
  assert.ok(jobId);
  // Records crossed between the TaskManagers over their data connection.
  assert.ok(tms.some((t) => /data connection to tcp:\/\/\S+ established/.test(t.stderr())), "a data connection was opened");
});

test("SIGKILL of a TaskManager mid-job: the job waits for slots, says so, and recovers exactly-once on a TaskManager started later", { timeout: 150_000 }, async () => {
  const count = 60_000;
  const { jobId, result } = await startSequenceJob([String(count), "0", "4", "12000", "2", "100"]);
  await waitUntilRunningWithCheckpoint(jobId);
  const victim = tms.shift()!;
  victim.signal("SIGKILL");
  // Noticed through the lost connections, not a heartbeat timeout: the message comes right away.
  await waitFor(async () => /waiting for resources: the job needs 4 slots, 2 offered/.test((await client.details(jobId)).statusMessage ?? ""), "the job to wait for slots", 10_000);
  assert.match(jm.stderr(), new RegExp(`TaskManager ${victim.id} lost: connection lost`));
  tms.push(await startTaskManager(jm.rpcHostPort));
  const run = await result;
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.ok(run.restarts >= 1, `restarts: ${run.restarts}`);
  assert.ok(run.checkpoints.restored >= 1, "restored from a checkpoint");
  assert.deepEqual(finalsOf(run.records!), referenceFinals(count), "no gap or duplicate");
  const exceptions = await getJson<{ "all-exceptions"?: { exception: string }[]; exceptionHistory?: { entries: { exceptionName: string }[] } }>(jm.restUrl, `/jobs/${jobId}/exceptions`);
  assert.match(JSON.stringify(exceptions), /TaskManager .* was lost|RemoteTransportError/);
});

test("a frozen TaskManager (SIGSTOP) is found by the heartbeat timeout; the job recovers; woken up, it frees its slots and registers again", { timeout: 150_000 }, async () => {
  const count = 60_000;
  const { jobId, result } = await startSequenceJob([String(count), "0", "4", "12000", "2", "100"]);
  await waitUntilRunningWithCheckpoint(jobId);
  const frozen = tms[1]!;
  frozen.signal("SIGSTOP");
  try {
    await waitFor(async () => !(await taskManagerIds(jm.restUrl)).includes(frozen.id), "the ResourceManager to drop the frozen TaskManager", 20_000, 100);
    await jm.waitForOutput(new RegExp(`TaskManager ${frozen.id} lost: heartbeat timed out`), "the JobMaster to declare it lost", 20_000);
    tms.push(await startTaskManager(jm.rpcHostPort));
    const run = await result;
    assert.equal(run.state, "FINISHED", run.failure?.message);
    assert.deepEqual(finalsOf(run.records!), referenceFinals(count), "no gap or duplicate");
  } finally {
    frozen.signal("SIGCONT");
  }
  // Awake again, it learns it was declared lost, frees the job's slots and registers again.
  await waitFor(async () => {
    const list = await getJson<{ taskmanagers: { id: string; freeSlots: number }[] }>(jm.restUrl, "/taskmanagers");
    return list.taskmanagers.some((t) => t.id === frozen.id && t.freeSlots === 2);
  }, "the woken TaskManager to register again with free slots", 20_000, 100);
});

test("with too few slots a job waits and says why", { timeout: 30_000 }, async () => {
  const slots = (await getJson<Overview>(jm.restUrl, "/overview"))["slots-total"];
  let jobId = "";
  const run = runJob(SEQUENCE_JOB, { client, args: ["1000", "0", String(slots + 2), "1000", "1", "0"], onSubmitted: (id) => (jobId = id) });
  const message = `waiting for resources: the job needs ${slots + 2} slots, ${slots} offered so far`;
  await waitFor(async () => jobId !== "" && (await client.details(jobId)).statusMessage === message, `status "${message}"`, 15_000, 50);
  const shown = await getJson<{ state: string; "status-message"?: string }>(jm.restUrl, `/jobs/${jobId}`);
  assert.equal(shown.state, "RUNNING");
  assert.equal(shown["status-message"], message);
  await client.cancel(jobId);
  assert.equal((await run).state, "CANCELED");
});

test("SIGTERM stops a TaskManager (tasks cancelled, pid file removed) and the JobManager cleanly", { timeout: 150_000 }, async () => {
  const pidFile = join(dir, "tm.pid");
  const tm = await startTaskManager(jm.rpcHostPort, { extraArgs: ["--pid-file", pidFile] });
  assert.ok(existsSync(pidFile));
  // As wide as the free slots, so that the new TaskManager surely runs some of its tasks.
  const p = (await getJson<Overview>(jm.restUrl, "/overview"))["slots-available"];
  const { jobId, result } = await startSequenceJob(["1000000", "0", String(p), "5000", "2", "0"]);
  await waitFor(async () => (await client.details(jobId)).statusCounts.RUNNING === p + 3, "job running");
  tm.signal("SIGTERM");
  assert.equal(await tm.exited, 0);
  assert.ok(!existsSync(pidFile), "pid file removed");
  assert.match(tm.stderr(), /received SIGTERM: shutting down[\s\S]*stopped/);
  await client.cancel(jobId);
  assert.equal((await result).state, "CANCELED");

  for (const t of tms) t.signal("SIGTERM");
  assert.deepEqual(await Promise.all(tms.map((t) => t.exited)), tms.map(() => 0));
  jm.signal("SIGTERM");
  assert.equal(await jm.exited, 0);
  assert.match(jm.stderr(), /JobManager: stopped/);
});
