/**
 * TaskManager logs and memory read remotely, and DELETE /cluster, on real processes: a JobManager
 * with the process resource provider starts a TaskManager process whose stderr (its log) and stdout
 * go to files in env.log.dir; the JobManager's REST endpoint fetches them from the TaskManager over
 * RPC (through the ResourceManager), including what the job's user code printed. Then DELETE
 * /cluster stops the JobManager, and the TaskManager it started follows it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { killAll, startJobManager, type JobManagerProcess } from "../cluster/support/processes.js";
import { exitOf, startedTaskManagers, waitForExit } from "../application/support/application-processes.js";
import { call, errorsOf, getJson } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-tm-logs-"));
let jm: JobManagerProcess;

before(async () => {
  jm = await startJobManager({
    "resourcemanager.provider": "process",
    "taskmanager.numberOfTaskSlots": "2",
    "resourcemanager.taskmanager.max-count": "1",
    "env.log.dir": join(dir, "logs"),
  });
});

after(async () => {
  await killAll();
  for (const t of startedTaskManagers(jm?.stderr() ?? "")) {
    try {
      process.kill(t.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

test("a TaskManager's log, stdout (with what user code printed), log files and memory come from the TaskManager; DELETE /cluster stops the cluster", { timeout: 120_000 }, async () => {
  const client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  const run = await runJob(testJob("rest/printing.ts"), { client, args: ["5", "tm-logs-test"] });
  assert.equal(run.state, "FINISHED", run.failure?.message);
  const [tm] = (await getJson<{ taskmanagers: { id: string }[] }>(jm.restUrl, "/taskmanagers")).taskmanagers;
  assert.ok(tm, "the TaskManager the job ran on is registered");
  const id = tm.id;

  const logs = (await getJson<{ logs: { name: string; size: number }[] }>(jm.restUrl, `/taskmanagers/${id}/logs`)).logs;
  const names = logs.map((l) => l.name);
  assert.ok(names.includes(`${id}.log`) && names.includes(`${id}.out`), `log files: ${names.join(", ")}`);
  assert.ok(logs.find((l) => l.name === `${id}.log`)!.size > 0);

  const log = await call(jm.restUrl, "GET", `/taskmanagers/${id}/log`);
  assert.equal(log.status, 200);
  assert.match(String(log.headers["content-type"]), /^text\/plain/);
  assert.match(log.text, new RegExp(`TaskManager ${id} started: RPC`));
  const byName = await call(jm.restUrl, "GET", `/taskmanagers/${id}/logs/${id}.log`);
  assert.ok(byName.text.startsWith(log.text.slice(0, 200)));

  // The workers' output reaches the TaskManager's stdout file in order; every record was printed.
  const stdout = await call(jm.restUrl, "GET", `/taskmanagers/${id}/stdout`);
  assert.equal(stdout.status, 200);
  const printed = [...stdout.text.matchAll(/printed tm-logs-test (\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  assert.deepEqual(printed, [0, 1, 2, 3, 4]);

  const missing = await call(jm.restUrl, "GET", `/taskmanagers/${id}/logs/no-such.log`);
  assert.equal(missing.status, 404);
  assert.match(errorsOf(missing)[0]!, /has no log file no-such.log/);
  const unknown = await call(jm.restUrl, "GET", "/taskmanagers/tm-unknown/log");
  assert.equal(unknown.status, 404);
  assert.match(errorsOf(unknown)[0]!, /TaskManager tm-unknown is not registered/);
  assert.equal((await call(jm.restUrl, "GET", "/taskmanagers/..%2Fetc/log")).status, 400);

  const details = await getJson<{ metrics: { heapUsed: number; heapMax: number; heapCommitted: number; garbageCollectors: { name: string; count: number }[] }; memoryConfiguration: { frameworkHeap: number } }>(
    jm.restUrl,
    `/taskmanagers/${id}`,
  );
  assert.ok(details.metrics.heapUsed > 0 && details.metrics.heapUsed <= details.metrics.heapCommitted && details.metrics.heapCommitted <= details.metrics.heapMax, JSON.stringify(details.metrics));
  assert.equal(details.memoryConfiguration.frameworkHeap, details.metrics.heapMax);

  // DELETE /cluster: answered, then the JobManager exits cleanly and the TaskManager it started follows.
  const started = startedTaskManagers(jm.stderr());
  const shutdown = await call(jm.restUrl, "DELETE", "/cluster");
  assert.equal(shutdown.status, 200);
  assert.equal(await exitOf(jm, 30_000), 0);
  assert.match(jm.stderr(), /shutting the cluster down, as requested through REST/);
  await waitForExit(started.map((t) => t.pid), "the TaskManager the JobManager started to exit");
});
