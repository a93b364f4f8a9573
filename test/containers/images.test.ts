/**
 * The images, built from the Dockerfile by scripts/build-images.sh (podman, the local base, the
 * prebuilt tree): their sizes are printed; they run as the unprivileged `node` user with a health
 * check that reports the process serving; node as PID 1 shuts down cleanly on `podman stop`. And a
 * bad setup between hosts says why: a TaskManager container with the wrong or no cluster secret is
 * refused by the JobManager container; a JobManager container listening on its network address
 * without a secret, or bound to a wildcard, or serving REST on all interfaces without a token,
 * refuses to start.
 */
import assert from "node:assert/strict";
import { chownSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ContainerCluster } from "./support/container-cluster.js";
import { testImages, type TestImages } from "./support/images.js";
import { podman, podmanResult } from "./support/podman.js";

let images: TestImages;
let cluster: ContainerCluster;

before(async () => {
  images = await testImages();
  cluster = await ContainerCluster.create(images, { hostNames: ["jm1", "tm1", "tm-wrong", "tm-none"] });
});

after(async () => {
  await cluster?.close();
});

test("the images build from the Dockerfile; they are small, run as a non-root user and carry a health check", { timeout: 600_000 }, async (t) => {
  for (const line of images.buildOutput.trim().split("\n")) t.diagnostic(line);
  for (const tag of [images.runtime, images.application]) {
    assert.match(images.buildOutput, new RegExp(`image ${tag.replace(/[.:/]/g, "\\$&")}: \\d+ MB`), "the size is printed");
    const [user, health] = (await podman(["image", "inspect", "--format", "{{.Config.User}}|{{json .Config.Healthcheck}}", tag])).trim().split("|");
    assert.equal(user, "node");
    assert.match(health!, /sluice-healthcheck/);
  }
  const [entrypoint, role] = (await podman(["image", "inspect", "--format", '{{json .Config.Entrypoint}}|{{range .Config.Env}}{{println .}}{{end}}', images.application])).split("|");
  assert.match(entrypoint!, /sluice-entrypoint/);
  assert.match(role!, /SLUICE_ROLE=application/);
  assert.match(role!, /SLUICE_JOB=\/opt\/app\/sequence-check\.ts/);
});

test("the health check reports a serving JobManager and TaskManager; `podman stop` shuts node down cleanly as PID 1", { timeout: 300_000 }, async () => {
  const jm = await cluster.jobManager("jm1");
  const tm = await cluster.taskManager("tm1");
  for (const c of [jm, tm]) assert.equal((await podmanResult(["healthcheck", "run", c.id])).code, 0, `${c.name} healthy`);
  // SIGTERM reaches node (PID 1, no init): a clean shutdown, exit code 0 — not podman's SIGKILL after the grace period (137).
  await podman(["stop", "-t", "60", tm.id], 120_000);
  assert.equal(await tm.exitCode(), 0);
  assert.match(await tm.logs(), /received SIGTERM: shutting down[\s\S]*stopped/);
  assert.notEqual((await podmanResult(["healthcheck", "run", tm.id])).code, 0, "a stopped container is not healthy");
});

test("a TaskManager container with the wrong or no cluster secret is refused and says why", { timeout: 300_000 }, async () => {
  const wrong = join(cluster.dir, "tls", "wrong-secret");
  writeFileSync(wrong, "a-different-secret-altogether\n", { mode: 0o600 });
  chownSync(wrong, 1000, 1000);
  const [withWrong, withNone] = await Promise.all([
    cluster.run("tm-wrong", "taskmanager", { env: { SLUICE_JOBMANAGER: "jm1:6123" }, config: { "security.cluster.secret-file": "/etc/sluice/tls/wrong-secret" } }),
    // Declared trusted, it may listen without a secret, but the JobManager still requires one.
    cluster.run("tm-none", "taskmanager", { env: { SLUICE_JOBMANAGER: "jm1:6123" }, config: { "security.cluster.secret-file": undefined, "security.network.trusted": "true" } }),
  ]);
  assert.notEqual(await withWrong.exitCode(), 0);
  assert.match(await withWrong.logs(), /refused this TaskManager: authentication failed: .* does not know this service's secret/);
  assert.notEqual(await withNone.exitCode(), 0);
  assert.match(await withNone.logs(), /refused this TaskManager: authentication failed: .*requires a shared secret and the client has none/);
  await cluster.container("jm1").waitForLog(/refused (TLS )?connection from \S+: authentication failed/, "the JobManager to log the refusal");
});

test("a JobManager container on the network without a secret refuses to start, and so does one bound to a wildcard", { timeout: 120_000 }, async () => {
  const jm = await cluster.run("jm-open", "jobmanager", { insecure: true, config: { "rest.auth.token": "some-token" } });
  assert.equal(await jm.exitCode(), 1);
  assert.match(await jm.logs(), /refusing to listen on jm-open \(jobmanager\.rpc\.address\) without a cluster secret/);
  // A wildcard cannot be advertised to the other hosts, secret or not.
  const wildcard = await cluster.run("jm-wildcard", "jobmanager", { env: { SLUICE_HOST: "0.0.0.0" } });
  assert.equal(await wildcard.exitCode(), 1);
  assert.match(await wildcard.logs(), /jobmanager\.rpc\.address must be an address other processes can reach this one at, not the wildcard "0\.0\.0\.0"/);
  // Nor REST on all interfaces without a token.
  const rest = await cluster.run("jm-rest", "jobmanager", { config: { "rest.auth.token": undefined } });
  assert.equal(await rest.exitCode(), 1);
  assert.match(await rest.logs(), /refusing to serve the REST API on 0\.0\.0\.0 .*without rest\.auth\.token/);
});
