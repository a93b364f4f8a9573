/**
 * `sluice cluster start` / `sluice cluster stop`: a local standalone cluster in the background with
 * pid and log files in its directory, a job run against it, and a clean stop (TaskManagers first).
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { isAlive, readPid } from "../../src/cluster/entrypoints/process-lifecycle.js";
import { example } from "../support/paths.js";
import { getJson, killAll, sluice, startJobManager, startTaskManager, TEST_CONFIG, type Overview } from "./support/processes.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-cluster-script-"));
const config = Object.entries({ ...TEST_CONFIG, "rest.port": "0", "jobmanager.rpc.port": "0", "taskmanager.numberOfTaskSlots": "2" }).flatMap(([k, v]) => ["-D", `${k}=${v}`]);

after(async () => {
  // Whatever the test left running (the processes are detached, not our children).
  for (const f of existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".pid")) : []) {
    const pid = readPid(join(dir, f));
    if (pid !== undefined && isAlive(pid)) process.kill(pid, "SIGKILL");
  }
  await killAll();
  rmSync(dir, { recursive: true, force: true });
});

test("cluster start runs a JobManager and TaskManagers in the background; a job runs; cluster stop ends them cleanly", { timeout: 150_000 }, async () => {
  const start = sluice(["cluster", "start", "--taskmanagers", "2", "--dir", dir, ...config]);
  assert.equal(await start.exited, 0, start.stderr());
  const restUrl = /REST (http:\/\/\S+)/.exec(start.stdout())?.[1];
  assert.ok(restUrl, start.stdout());
  assert.match(start.stdout(), /Started TaskManager \S+ \(pid \d+\)[\s\S]*Started TaskManager/);
  const pidFiles = readdirSync(dir).filter((f) => f.endsWith(".pid")).sort();
  assert.deepEqual(pidFiles, ["jobmanager.pid", "taskmanager-1.pid", "taskmanager-2.pid"]);
  const pids = pidFiles.map((f) => readPid(join(dir, f))!);
  assert.ok(pids.every(isAlive));
  const overview = await getJson<Overview>(restUrl, "/overview");
  assert.equal(overview.taskmanagers, 2);
  assert.equal(overview["slots-total"], 4);

  // A second start from the same directory is refused while the cluster runs.
  const again = sluice(["cluster", "start", "--dir", dir, ...config]);
  assert.equal(await again.exited, 1);
  assert.match(again.stderr(), /already running/);

  // Word count at parallelism 4 through the CLI: print() output lands in the TaskManagers' .out files.
  const run = sluice(["run", "--target", restUrl, "-p", "4", example("wordcount.ts")]);
  assert.equal(await run.exited, 0, run.stderr());
  const printed = ["taskmanager-1.out", "taskmanager-2.out"].map((f) => readFileSync(join(dir, f), "utf8"));
  const finalCount = (word: string): number => Math.max(0, ...printed.flatMap((t) => [...t.matchAll(new RegExp(`word: '${word}', count: (\\d+)`, "g"))].map((m) => Number(m[1]))));
  assert.equal(finalCount("to"), 11);
  assert.equal(finalCount("the"), 5);
  assert.equal(finalCount("question"), 1);

  const stop = sluice(["cluster", "stop", "--dir", dir]);
  assert.equal(await stop.exited, 0, stop.stderr());
  assert.match(stop.stdout(), /Stopped taskmanager-1[\s\S]*Stopped jobmanager/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".pid")), [], "pid files removed");
  assert.ok(!pids.some(isAlive), "all processes gone");
  for (const name of ["jobmanager", "taskmanager-1", "taskmanager-2"]) {
    assert.match(readFileSync(join(dir, `${name}.log`), "utf8"), /received SIGTERM: shutting down[\s\S]*stopped/, `${name}.log`);
  }

  const nothing = sluice(["cluster", "stop", "--dir", dir]);
  assert.equal(await nothing.exited, 0);
  assert.match(nothing.stdout(), /No cluster processes running/);
});

test("a TaskManager started before the JobManager keeps retrying and registers once it is up", { timeout: 30_000 }, async () => {
  // A port that was free a moment ago, for the JobManager to come.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const p = (probe.address() as AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });
  const tm = await startTaskManager(`127.0.0.1:${port}`, { waitForRegistration: false });
  await tm.waitForOutput(/registration at the ResourceManager failed: .*ECONNREFUSED/, "a first failed attempt");
  const jm = await startJobManager({ "jobmanager.rpc.port": String(port) });
  await tm.waitForOutput(/TaskManager \S+ registered at/, "the TaskManager to register");
  assert.equal((await getJson<Overview>(jm.restUrl, "/overview")).taskmanagers, 1);
});
