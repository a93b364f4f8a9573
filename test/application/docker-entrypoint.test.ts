/**
 * The container entrypoint (docker/entrypoint.sh) run directly as processes, as the images run it
 * (there is no Docker engine here): SLUICE_ROLE=application with SLUICE_JOB starts the application
 * JobManager, SLUICE_ROLE=taskmanager with SLUICE_JOBMANAGER and SLUICE_SLOTS a TaskManager, both
 * configured by the image's config file (SLUICE_CONFIG) with SLUICE_PROPERTIES over it; the job
 * finishes, the application exits 0, and the TaskManager stops cleanly on SIGTERM (node is exec'd).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, test } from "node:test";
import { REPO_ROOT, example } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { TEST_CONFIG } from "../cluster/support/processes.js";
import { exitOf, killEntrypoints, ready, runEntrypoint } from "./support/application-processes.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";

const dir = mkdtempSync(join(tmpdir(), "sluice-entrypoint-"));

after(async () => {
  await killEntrypoints();
  rmSync(dir, { recursive: true, force: true });
});

/** "key: value" lines, as an orchestrator would set SLUICE_PROPERTIES. */
function properties(config: Record<string, string>): string {
  return Object.entries(config).map(([k, v]) => `${k}: ${v}`).join("\n");
}

test("the entrypoint starts an application and a TaskManager from environment variables, and the job finishes", { timeout: 150_000 }, async () => {
  // The image's configuration, with what a test on one machine needs over it: free loopback ports.
  const common = {
    SLUICE_CONFIG: join(REPO_ROOT, "docker", "config.yaml"),
    SLUICE_PROPERTIES: properties({
      ...TEST_CONFIG,
      "jobmanager.rpc.port": "0",
      "rest.port": "0",
      "rest.bind-address": "127.0.0.1",
      "taskmanager.rpc.port": "0",
      "taskmanager.data.port": "0",
      "execution.checkpointing.dir": join(dir, "checkpoints"),
    }),
  };
  const app = await ready(runEntrypoint({ ...common, SLUICE_ROLE: "application", SLUICE_JOB: example("wordcount.ts"), SLUICE_PARALLELISM: "2" }));
  const tm = runEntrypoint({ ...common, SLUICE_ROLE: "taskmanager", SLUICE_JOBMANAGER: app.rpcHostPort, SLUICE_SLOTS: "2" });
  await tm.waitForOutput(/TaskManager \S+ registered at/, "the TaskManager to register", 30_000);
  assert.equal(await exitOf(app), 0, app.stderr());
  assert.match(app.stderr(), /Job "WordCount" \([0-9a-f]{32}\) finished in/);
  assert.match(app.stderr(), /deployed \d+ tasks of attempt 0 into 2 slots/, "SLUICE_PARALLELISM reached the job");
  assert.match(tm.stderr(), /TaskManager \S+ started: RPC \S+, data \S+, 2 slots;/, "SLUICE_SLOTS reached the TaskManager");
  await waitFor(() => /word: 'to', count: 11/.test(tm.stdout()), "the counts printed by the TaskManager", 5000);
  tm.signal("SIGTERM");
  assert.equal(await exitOf(tm, 15_000), 0, tm.stderr());
  assert.match(tm.stderr(), /received SIGTERM: shutting down/);
});

test("the entrypoint refuses to start without a role or without a job", async () => {
  const noRole = runEntrypoint({ SLUICE_ROLE: "" });
  assert.equal(await exitOf(noRole, 10_000), 2);
  assert.match(noRole.stderr(), /set SLUICE_ROLE/);
  const noJob = runEntrypoint({ SLUICE_ROLE: "application", SLUICE_JOB: "" });
  assert.equal(await exitOf(noJob, 10_000), 2);
  assert.match(noJob.stderr(), /SLUICE_JOB must name the job file/);
});
