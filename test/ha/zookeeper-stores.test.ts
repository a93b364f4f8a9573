/** The ZooKeeper stores against a real ZooKeeper: shared cases, layout, cleanup, restarts, contention. */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import { HaOptions } from "../../src/cluster/ha/ha-options.js";
import { createHighAvailabilityServices } from "../../src/cluster/ha/create-ha-services.js";
import type { HighAvailabilityServices } from "../../src/cluster/ha/interface.js";
import { ZooKeeperHighAvailabilityServices } from "../../src/cluster/ha/zookeeper/zookeeper-ha-services.js";
import { startZooKeeper, type ZooKeeperServer } from "../support/zookeeper.js";
import { waitFor } from "./helpers.js";
import { defineStoreCases, newJobId } from "./store-cases.js";

let zk: ZooKeeperServer;
let storageDir: string;
let services: ZooKeeperHighAvailabilityServices;

function config(clusterId: string): Record<string, string> {
  return {
    [HaOptions.TYPE.key]: "zookeeper",
    [HaOptions.QUORUM.key]: zk.connectString,
    [HaOptions.STORAGE_DIR.key]: storageDir,
    [HaOptions.CLUSTER_ID.key]: clusterId,
    [HaOptions.SESSION_TIMEOUT.key]: "8 s",
    [HaOptions.CONNECTION_TIMEOUT.key]: "5 s",
    // Operations wait up to 20 s for a reconnect: a restarted server may be slow on a busy machine.
    [HaOptions.RETRY_WAIT.key]: "5 s",
    [HaOptions.MAX_RETRY_ATTEMPTS.key]: "4",
  };
}

async function open(clusterId: string): Promise<ZooKeeperHighAvailabilityServices> {
  const ha: HighAvailabilityServices = await createHighAvailabilityServices(config(clusterId));
  assert.ok(ha instanceof ZooKeeperHighAvailabilityServices);
  return ha;
}

/** All files below a directory, relative to it. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)));
  } catch {
    return [];
  }
}

before(async () => {
  zk = await startZooKeeper();
  storageDir = mkdtempSync(join(tmpdir(), "sluice-ha-storage-"));
  services = await open("stores");
});

after(async () => {
  await services?.close();
  await zk?.stop();
  rmSync(storageDir, { recursive: true, force: true });
});

describe("ZooKeeper HA stores", () => {
  defineStoreCases(() => services);

  it("keeps pointers in ZooKeeper and bytes in the storage directory, as laid out in the design", async () => {
    const jobId = newJobId();
    await services.jobGraphStore().put(jobId, { job: jobId });
    await services.completedCheckpointStore(jobId, 1).add({ checkpointId: 5, payload: { chk: 5 } });
    await services.checkpointIdCounter(jobId).set(42);
    await services.jobResultStore().createDirty(jobId, { state: "FINISHED" });

    const client = services.client;
    const base = `/sluice/stores`;
    const graphNode = await client.getData(`${base}/jobgraphs/${jobId}`);
    assert.ok(graphNode);
    const graphFile = graphNode.data.toString("utf8");
    assert.ok(graphFile.startsWith(join(storageDir, "stores", "jobs", jobId) + "/"), graphFile);
    const checkpointNode = await client.getData(`${base}/jobs/${jobId}/checkpoints/0000000000000000005`);
    assert.ok(checkpointNode?.data.toString("utf8").startsWith(join(storageDir, "stores", "jobs", jobId) + "/"));
    assert.equal((await client.getData(`${base}/jobs/${jobId}/checkpoint_id_counter`))?.data.toString("utf8"), "42");
    const result = JSON.parse((await client.getData(`${base}/job-results/${jobId}`))!.data.toString("utf8")) as {
      state: string;
      file: string;
    };
    assert.equal(result.state, "dirty");
    assert.ok(result.file.startsWith(join(storageDir, "stores", "job-results") + "/"));
    // No temporary files are left behind by the write-then-rename.
    assert.ok(!filesUnder(storageDir).some((f) => f.endsWith(".tmp")));

    await services.cleanupJobData(jobId);
    await services.jobResultStore().markClean(jobId);
  });

  it("cleanupJobData leaves no node under the job's paths and no file of the job", async () => {
    const jobId = newJobId();
    await services.jobGraphStore().put(jobId, new Uint8Array(1000).fill(7));
    const checkpoints = services.completedCheckpointStore(jobId, 2);
    for (let id = 1; id <= 3; id++) await checkpoints.add({ checkpointId: id, payload: { id } });
    await services.checkpointIdCounter(jobId).getAndIncrement();
    await services.jobResultStore().createDirty(jobId, { state: "FAILED" });
    // A JobMaster of the job took part in an election.
    const election = services.leaderElection(`jobmaster-${jobId}`);
    await election.start({ grantLeadership: () => {}, revokeLeadership: () => {}, handleError: () => {} });
    await election.close();

    const client = services.client;
    const jobPaths = [
      `/sluice/stores/jobgraphs/${jobId}`,
      `/sluice/stores/jobs/${jobId}`,
      `/sluice/stores/leader/jobmaster-${jobId}`,
    ];
    assert.ok(await client.exists(jobPaths[0]!));
    assert.ok(await client.exists(jobPaths[2]!));
    const jobFilesDir = join(storageDir, "stores", "jobs", jobId);
    assert.equal(filesUnder(jobFilesDir).length, 3); // the graph and the two retained checkpoints

    await services.cleanupJobData(jobId);
    for (const path of jobPaths) assert.equal(await client.exists(path), null, path);
    assert.deepEqual(filesUnder(jobFilesDir), []);
    // Only the dirty result's bytes remain, until the entry is marked clean.
    assert.equal(filesUnder(storageDir).filter((f) => f.includes(jobId)).length, 1);
    await services.jobResultStore().markClean(jobId);
    assert.deepEqual(
      filesUnder(storageDir).filter((f) => f.includes(jobId)),
      [],
    );
    assert.equal(await services.jobResultStore().hasClean(jobId), true);
  });

  it("survives a ZooKeeper restart: data stays readable and writable with the same services", async () => {
    const jobId = newJobId();
    await services.jobGraphStore().put(jobId, { before: true });
    const checkpoints = services.completedCheckpointStore(jobId, 5);
    await checkpoints.add({ checkpointId: 1, payload: { id: 1 } });
    const counter = services.checkpointIdCounter(jobId);
    assert.equal(await counter.getAndIncrement(), 1);
    const states: string[] = [];
    const unsubscribe = services.client.onConnectionStateChange((s) => states.push(s));

    await zk.restart();
    await waitFor(() => states.includes("RECONNECTED"), "client reconnects after the restart", 15_000);
    unsubscribe();
    assert.deepEqual(states.slice(0, 1), ["SUSPENDED"]);

    assert.deepEqual(await services.jobGraphStore().get(jobId), { before: true });
    assert.equal((await checkpoints.latest())?.checkpointId, 1);
    assert.equal(await counter.getAndIncrement(), 2);
    await checkpoints.add({ checkpointId: 2, payload: { id: 2 } });
    await services.jobGraphStore().put(jobId, { after: true });
    assert.deepEqual(await services.jobGraphStore().get(jobId), { after: true });
    assert.deepEqual(
      (await checkpoints.list()).map((c) => c.checkpointId),
      [2, 1],
    );
    await services.cleanupJobData(jobId);
  });

  it("operations issued while ZooKeeper is down complete once it is back", async () => {
    const jobId = newJobId();
    await zk.stop({ keepData: true });
    let pending: Promise<void> | undefined;
    try {
      await waitFor(() => services.client.connectionState === "SUSPENDED", "client notices the outage");
      pending = services.jobGraphStore().put(jobId, { queued: true });
    } finally {
      await zk.restart(); // also when the test fails: the following tests need the server
    }
    await pending;
    assert.deepEqual(await services.jobGraphStore().get(jobId), { queued: true });
    await services.cleanupJobData(jobId);
  });

  it("the checkpoint id counter is atomic under concurrent increments from two sessions", async () => {
    const other = await open("stores");
    try {
      assert.notEqual(other.client.sessionId, services.client.sessionId);
      const jobId = newJobId();
      const perClient = 40;
      const increments = [services, other].flatMap((ha) => {
        const counter = ha.checkpointIdCounter(jobId);
        return Array.from({ length: perClient }, () => counter.getAndIncrement());
      });
      const ids = await Promise.all(increments);
      assert.equal(new Set(ids).size, ids.length, "no id handed out twice");
      assert.deepEqual(
        [...ids].sort((a, b) => a - b),
        Array.from({ length: 2 * perClient }, (_, i) => i + 1),
      );
      assert.equal(await other.checkpointIdCounter(jobId).get(), 2 * perClient + 1);
      await services.cleanupJobData(jobId);
    } finally {
      await other.close();
    }
  });

  it("a second process sees what the first one stored (recovery by a new leader)", async () => {
    const jobId = newJobId();
    await services.jobGraphStore().put(jobId, { recover: "me" });
    await services.completedCheckpointStore(jobId, 1).add({ checkpointId: 9, payload: { path: "/chk-9" } });
    const standby = await open("stores");
    try {
      assert.ok((await standby.jobGraphStore().jobIds()).includes(jobId));
      assert.deepEqual(await standby.jobGraphStore().get(jobId), { recover: "me" });
      assert.deepEqual(await standby.completedCheckpointStore(jobId, 1).latest(), {
        checkpointId: 9,
        payload: { path: "/chk-9" },
      });
      await standby.cleanupJobData(jobId);
      assert.equal(await services.jobGraphStore().get(jobId), undefined);
    } finally {
      await standby.close();
    }
  });

  it("closeAndCleanupAllData deletes the cluster's nodes and files, and nothing of other clusters", async () => {
    const doomed = await open("doomed");
    const jobId = newJobId();
    await doomed.jobGraphStore().put(jobId, { x: 1 });
    await doomed.jobResultStore().createDirty(jobId, { y: 2 });
    const contender = { grantLeadership: () => {}, revokeLeadership: () => {}, handleError: () => {} };
    await doomed.leaderElection("dispatcher").start(contender);
    await doomed.closeAndCleanupAllData();
    assert.equal(await services.client.exists("/sluice/doomed"), null);
    assert.ok(await services.client.exists("/sluice/stores"));
    assert.deepEqual(filesUnder(join(storageDir, "doomed")), []);
  });
});
