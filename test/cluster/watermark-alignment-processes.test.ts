/**
 * Watermark alignment on real processes (docs/architecture.md, "Watermark alignment"): the aligned
 * job of test/jobs/aligned-sources.ts runs on a TaskManager process that is killed with SIGKILL
 * while the fast reader is held back; on a TaskManager started later the job restarts, the
 * readers report to the new attempt's coordinator from scratch, the fast reader is held back
 * again, and every record arrives. The same for two generator sources, which have no enumerator and
 * are aligned by the JobMaster all the same.
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
import type { Tick } from "../jobs/aligned-sources.js";
import type { GeneratedTick } from "../jobs/aligned-generators.js";
import { killAll, startJobManager, startTaskManager } from "./support/processes.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-alignment-processes-"));

after(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

let clusters = 0;

/** Runs `job` on a cluster of its own, killing its TaskManager with SIGKILL `afterMs` after it runs; another TaskManager takes over. */
async function runKillingTaskManager(job: string, args: string[], afterMs: number) {
  const jm = await startJobManager({ "execution.checkpointing.dir": join(dir, `checkpoints-${clusters++}`) });
  const client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  const victim = await startTaskManager(jm.rpcHostPort, { slots: 3 });
  let jobId = "";
  const result = runJob(testJob(job), { client, args, onSubmitted: (id) => (jobId = id) });
  await waitFor(async () => jobId !== "" && (await client.details(jobId)).statusCounts.RUNNING === 3, "the job running", 40_000, 50);
  await new Promise((r) => setTimeout(r, afterMs));
  victim.signal("SIGKILL");
  await startTaskManager(jm.rpcHostPort, { slots: 3 });
  return result;
}

test("SIGKILL of the TaskManager of an aligned job: after recovery the fast reader is held back again and no record is lost", { timeout: 120_000 }, async () => {
  const fast = 3000;
  const slow = 300;
  const run = await runKillingTaskManager("aligned-sources.ts", ["aligned", String(fast), String(slow), "4000", "1000"], 1500);
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.ok(run.restarts >= 1, `restarts: ${run.restarts}`);
  const ticks = run.records as Tick[];
  const distinct = (split: string): number => new Set(ticks.filter((t) => t.split === split).map((t) => t.n)).size;
  assert.equal(distinct("fast"), fast, "every fast record");
  assert.equal(distinct("slow"), slow, "every slow record");
  // In the last attempt (after the last time the slow reader started over), the fast reader was
  // held back until the slow one resumed after its pause.
  const lastStart = ticks.map((t) => t.split === "slow" && t.n === 0).lastIndexOf(true);
  const resumed = ticks.findIndex((t, i) => i > lastStart && t.split === "slow" && t.n === 1);
  assert.ok(resumed > lastStart, "the slow reader resumed in the last attempt");
  const ahead = ticks.slice(lastStart, resumed).filter((t) => t.split === "fast").length;
  assert.ok(ahead < fast / 2, `${ahead} fast records before the slow reader resumed`);
});

test("SIGKILL of the TaskManager of a job with aligned generators: after recovery the fast one is held back again", { timeout: 120_000 }, async () => {
  const fast = 3000;
  const slow = 1000;
  const run = await runKillingTaskManager("aligned-generators.ts", ["aligned", String(fast), String(slow), "500"], 1000);
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.ok(run.restarts >= 1, `restarts: ${run.restarts}`);
  const ticks = run.records as GeneratedTick[];
  const distinct = (source: string): number => new Set(ticks.filter((t) => t.source === source).map((t) => t.n)).size;
  assert.equal(distinct("fast"), fast, "every fast record");
  assert.equal(distinct("slow"), slow, "every slow record");
  // Without checkpoints the last attempt starts both generators over; in it, the fast one stayed
  // near the slow one's event time until the slow one ended.
  const lastStart = ticks.map((t) => t.source === "slow" && t.n === 0).lastIndexOf(true);
  const slowEnd = ticks.findIndex((t, i) => i > lastStart && t.source === "slow" && t.n === slow - 1);
  assert.ok(slowEnd > lastStart, "the slow generator ended in the last attempt");
  const ahead = ticks.slice(lastStart, slowEnd).filter((t) => t.source === "fast").length;
  assert.ok(ahead < fast / 2, `${ahead} fast records before the slow generator ended`);
});
