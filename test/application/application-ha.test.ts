/**
 * Application mode with ZooKeeper HA on real processes: the application's job id is fixed
 * (derived from high-availability.cluster-id), so an application JobManager restarted after a crash
 * recovers the job from the JobGraph store — from its latest checkpoint — instead of submitting a
 * second copy, and exits 0 when it finishes; started once more, it sees in the job result store that
 * the job has ended and does not run it again. The sequence checker fails the job on any gap or
 * duplicate, so FINISHED also means exactly-once across the failover.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { applicationJobId } from "../../src/cluster/entrypoints/application-entrypoint.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { startZooKeeper, type ZooKeeperServer } from "../support/zookeeper.js";
import { killAll } from "../cluster/support/processes.js";
import { exitOf, startApplication, startedTaskManagers, waitForExit } from "./support/application-processes.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-application-ha-"));
let zk: ZooKeeperServer;
let config: Record<string, string>;

before(async () => {
  zk = await startZooKeeper();
  config = {
    "high-availability.type": "zookeeper",
    "high-availability.zookeeper.quorum": zk.connectString,
    "high-availability.storageDir": join(dir, "ha"),
    "high-availability.cluster-id": `application-${randomUUID().slice(0, 8)}`,
    "high-availability.zookeeper.client.session-timeout": "2000",
    "high-availability.zookeeper.client.connection-timeout": "5000",
    "execution.checkpointing.dir": join(dir, "checkpoints"),
    "resourcemanager.provider": "process",
    "taskmanager.numberOfTaskSlots": "2",
  };
});

after(async () => {
  await killAll();
  await zk?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("a restarted application JobManager recovers its job from its checkpoint instead of submitting it again", { timeout: 90_000 }, async () => {
  const args = ["30000", "0", "2", "6000", "2", "100"];
  const first = await startApplication(testJob("sequence-check.ts"), args, config);
  assert.equal(first.jobId, applicationJobId(config), "the job id is derived from the cluster id");
  await waitFor(async () => {
    const res = await fetch(`${first.restUrl}/jobs/${first.jobId}/checkpoints`);
    return res.ok && ((await res.json()) as { counts: { completed: number } }).counts.completed >= 1;
  }, "a completed checkpoint", 30_000, 50);
  first.signal("SIGKILL");
  await first.exited;
  // Its TaskManager notices that the JobManager that started it is gone, and stops.
  await waitForExit(startedTaskManagers(first.stderr()).map((t) => t.pid), "the first application's TaskManager to stop");

  const second = await startApplication(testJob("sequence-check.ts"), args, config);
  assert.equal(second.jobId, first.jobId);
  assert.equal(await exitOf(second, 60_000), 0, second.stderr());
  const log = second.stderr();
  assert.match(log, new RegExp(`job ${second.jobId} was recovered from the HA services`));
  assert.doesNotMatch(log, /Dispatcher: submitted job/, "not submitted a second time");
  assert.match(log, /starts from checkpoint \d+/);
  assert.match(log, new RegExp(`Job "sluice job" \\(${second.jobId}\\) finished in`));

  // Its result stays in the job result store: the same application started again does not re-run it.
  const third = await startApplication(testJob("sequence-check.ts"), args, config);
  assert.equal(await exitOf(third, 30_000), 0, third.stderr());
  assert.match(third.stderr(), /already ended in an earlier run of this application; it is not run again/);
  assert.equal(startedTaskManagers(third.stderr()).length, 0, "no TaskManager started for it");
});
