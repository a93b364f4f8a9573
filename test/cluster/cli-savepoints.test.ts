/**
 * Through the `sluice` command against a cluster of real processes: a job is submitted detached,
 * stopped with a savepoint (`sluice stop`), resumed from it (`sluice run --from-savepoint`), and a
 * savepoint is taken and disposed of; before plus after the savepoint is exactly the reference.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { getJson, killAll, sluice, startJobManager, startTaskManager, type JobManagerProcess } from "./support/processes.js";

const JOB = testJob("sequence-check.ts");
const dir = mkdtempSync(join(tmpdir(), "sluice-cli-savepoints-"));
const savepoints = join(dir, "savepoints");
let jm: JobManagerProcess;
let client: RestClusterClient;

before(async () => {
  jm = await startJobManager({ "execution.checkpointing.dir": join(dir, "checkpoints"), "execution.checkpointing.savepoint-dir": savepoints });
  client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  await startTaskManager(jm.rpcHostPort, { slots: 3 });
});

after(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI to its end; resolves with its stdout (fails the test on a non-zero exit). */
async function cli(args: string[]): Promise<string> {
  const p = sluice([...args, "--target", jm.restUrl]);
  const code = await p.exited;
  assert.equal(code, 0, `sluice ${args.join(" ")} exited ${code}\n${p.stderr()}`);
  return p.stdout();
}

test("sluice stop writes a savepoint, sluice run --from-savepoint resumes from it, sluice savepoint --dispose deletes one", async () => {
  const count = 12_000;
  // Detached: the CLI prints the job id and leaves the job on the cluster. At 2000 records/s the job
  // runs about 6 s: time for a savepoint, its disposal and the stop (each a CLI process) before it ends.
  const jobId = (await cli(["run", JOB, String(count), "0", "2", "2000", "2", "--detached"])).trim().split("\n").pop()!;
  assert.match(jobId, /^[0-9a-f]{32}$/);
  await waitFor(async () => (await getJson<{ state: string }>(jm.restUrl, `/jobs/${jobId}`)).state === "RUNNING", "job running");
  await new Promise((r) => setTimeout(r, 800));

  // A savepoint while it runs, then dispose of it.
  const taken = /Savepoint completed: (\S+)/.exec(await cli(["savepoint", jobId]))?.[1];
  assert.ok(taken && existsSync(join(taken, "_metadata")), `savepoint at ${taken}`);
  await cli(["savepoint", "--dispose", taken!]);
  assert.equal(existsSync(taken!), false);

  // Stop with a savepoint: the job ends; its records so far come back with its result.
  const stoppedAt = /Savepoint completed: (\S+)/.exec(await cli(["stop", jobId]))?.[1];
  assert.ok(stoppedAt && existsSync(join(stoppedAt, "_metadata")), `stop savepoint at ${stoppedAt}`);
  const before = await client.result(jobId);
  assert.equal(before.state, "FINISHED");
  const beforeRecords = before.collected[Object.keys(before.collected)[0] as unknown as number] ?? [];
  assert.ok(beforeRecords.length > 0 && beforeRecords.length < count, `${beforeRecords.length} records before the savepoint`);

  // Resume from it at another parallelism through the CLI, waiting for the end.
  await cli(["run", JOB, String(count), "0", "3", "1000000", "2", "--from-savepoint", stoppedAt!]);
  const jobs = await getJson<{ jobs: { id: string; status: string }[] }>(jm.restUrl, "/jobs");
  const resumedId = jobs.jobs.find((j) => j.id !== jobId && j.status === "FINISHED")!.id;
  const resumed = await client.result(resumedId);
  const resumedRecords = resumed.collected[Object.keys(resumed.collected)[0] as unknown as number] ?? [];
  assert.deepEqual(finalsOf(beforeRecords, resumedRecords), referenceFinals(count));
  assert.equal(beforeRecords.length + resumedRecords.length, count, "no record twice, none lost");
});
