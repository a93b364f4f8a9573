/**
 * Application mode in containers: the application image (test/jobs bundled in, running the
 * sequence check) plus TaskManager containers on a bridge network, with HA on a ZooKeeper on the
 * host. The application container exits with the job: 0 when it finishes with the reference
 * result, 1 with the cause on a failing job; killed and restarted mid-job (`podman restart`), it
 * recovers the job from its latest checkpoint instead of starting over, and still exits 0.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ContainerCluster, type Container } from "./support/container-cluster.js";
import { testImages } from "./support/images.js";
import { podman } from "./support/podman.js";

let cluster: ContainerCluster;

before(async () => {
  cluster = await ContainerCluster.create(await testImages(), { ha: true, hostNames: ["app-ok", "app-fail", "app-ha", "tm-ok1", "tm-ok2", "tm-fail", "tm-ha1", "tm-ha2"] });
});

after(async () => {
  await cluster?.close();
});

/** An application container and its TaskManagers, all of one HA cluster id. */
async function application(name: string, taskManagers: string[], env: Record<string, string>): Promise<{ app: Container; tms: Container[] }> {
  const config = { "high-availability.cluster-id": `${cluster.config["high-availability.cluster-id"]}-${name}` };
  const app = await cluster.run(name, "application", { env, config });
  const tms = await Promise.all(taskManagers.map((tm) => cluster.taskManager(tm, { config })));
  return { app, tms };
}

test("an application container runs its job on TaskManager containers and exits 0 when it finishes", { timeout: 300_000 }, async () => {
  const { app } = await application("app-ok", ["tm-ok1", "tm-ok2"], { SLUICE_JOB_ARGS: "20000 0 4 20000 2 100" });
  assert.equal(await app.exitCode(240_000), 0, await cluster.logs());
  const logs = await app.logs();
  assert.match(logs, /Application job "[^"]*" \([0-9a-f]{32}\)/);
  assert.match(logs, /\([0-9a-f]{32}\) finished in/);
  assert.doesNotMatch(logs, /gap or duplicate/);
});

test("an application container whose job fails exits 1 and prints the cause", { timeout: 300_000 }, async () => {
  const { app } = await application("app-fail", ["tm-fail"], { SLUICE_JOB: "/opt/app/throwing.ts", SLUICE_JOB_ARGS: "500" });
  assert.equal(await app.exitCode(240_000), 1, await cluster.logs());
  assert.match(await app.logs(), /InvalidReadingError: reading 500 is invalid/);
});

test("with HA, an application container killed and restarted mid-job recovers the job from its checkpoint instead of starting over", { timeout: 420_000 }, async () => {
  const { app } = await application("app-ha", ["tm-ha1", "tm-ha2"], { SLUICE_JOB_ARGS: "60000 0 4 3000 2 200" });
  const first = await app.waitForLog(/Application job "[^"]*" \(([0-9a-f]{32})\)/, "the application to submit its job", 120_000);
  const jobId = first[1]!;
  await app.waitForLog(/completed checkpoint \d+ /, "a completed checkpoint", 120_000);
  // SIGKILL and start again: a crash of the container, then its restart.
  await podman(["restart", "-t", "0", app.id], 120_000);
  assert.equal(await app.exitCode(300_000), 0, await cluster.logs());
  const logs = await app.logs();
  assert.match(logs, new RegExp(`job ${jobId} was recovered from the HA services: waiting for it instead of submitting it again`));
  assert.match(logs, new RegExp(`\\(${jobId}\\) starts from checkpoint \\d+`));
  assert.match(logs, new RegExp(`\\(${jobId}\\) finished in`));
  assert.doesNotMatch(logs, /gap or duplicate/);
});
