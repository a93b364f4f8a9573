/**
 * The leadership fence of the ZooKeeper checkpoint store, on a real ZooKeeper (docs/architecture.md,
 * "High availability"): a JobManager deposed before it hears of it, or whose write was held up by a
 * partition, never changes the checkpoints its successor goes on from. Regression: in the container
 * faults test a partitioned leader's checkpoint write waited for the reconnect and landed about 4 s
 * after a new leader had taken over (an unfenced create, run again on the client's new session).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { LeaderComponents, LeadershipLostError, type CompletedCheckpointStore } from "../../src/cluster/ha/interface.js";
import { ZooKeeperHighAvailabilityServices } from "../../src/cluster/ha/zookeeper/zookeeper-ha-services.js";
import { startZooKeeper, type ZooKeeperServer } from "../support/zookeeper.js";
import { FaultyProxy, RecordingContender, waitFor } from "./helpers.js";
import { newJobId } from "./store-cases.js";

let zk: ZooKeeperServer;
let storageDir: string;
let clusters = 0;
const opened: ZooKeeperHighAvailabilityServices[] = [];
const proxies: FaultyProxy[] = [];

async function jobManager(clusterId: string, options: { quorum?: string; tolerateSuspendedConnection?: boolean } = {}): Promise<ZooKeeperHighAvailabilityServices> {
  const services = await ZooKeeperHighAvailabilityServices.create({
    quorum: options.quorum ?? zk.connectString,
    storageDir,
    clusterId,
    rootPath: "/sluice",
    sessionTimeoutMs: 4000,
    connectionTimeoutMs: 3000,
    // Long enough for an operation to wait through the partition, as the deposed leader's did.
    operationTimeoutMs: 60_000,
    tolerateSuspendedConnection: options.tolerateSuspendedConnection ?? false,
  });
  opened.push(services);
  return services;
}

/** Two JobManagers of one cluster in the "cluster" election; the first leads. */
async function twoJobManagers(first?: { quorum?: string; tolerateSuspendedConnection?: boolean }) {
  const clusterId = `fence-${++clusters}`;
  const [a, b] = [await jobManager(clusterId, first), await jobManager(clusterId)];
  const [ca, cb] = [new RecordingContender("jm-a"), new RecordingContender("jm-b")];
  const [ea, eb] = [a.leaderElection(LeaderComponents.CLUSTER), b.leaderElection(LeaderComponents.CLUSTER)];
  await ca.join(ea);
  await waitFor(() => ca.isLeader, "jm-a leads");
  await cb.join(eb);
  return { clusterId, a, b, ca, cb, ea, eb };
}

/** The checkpoint files of a job in the storage directory. */
function checkpointFiles(clusterId: string, jobId: string): string[] {
  try {
    return readdirSync(join(storageDir, clusterId, "jobs", jobId)).filter((f) => f.startsWith("checkpoint-"));
  } catch {
    return [];
  }
}

async function ids(store: CompletedCheckpointStore): Promise<number[]> {
  return (await store.list()).map((c) => c.checkpointId);
}

before(async () => {
  zk = await startZooKeeper();
  storageDir = mkdtempSync(join(tmpdir(), "sluice-ha-fence-"));
});

afterEach(async () => {
  for (const services of opened.splice(0)) await services.close().catch(() => {});
  for (const proxy of proxies.splice(0)) await proxy.stop();
});

after(async () => {
  await zk?.stop();
  rmSync(storageDir, { recursive: true, force: true });
});

describe("the leadership fence of the ZooKeeper checkpoint store", () => {
  it("refuses every change of a leader that was deposed without noticing, and leaves the successor's checkpoints as they are", async () => {
    const { clusterId, a, b, ca, cb, ea, eb } = await twoJobManagers();
    const jobId = newJobId();
    const fenceA = ea.fence(ca.leaderSessionId!);
    const storeA = a.completedCheckpointStore(jobId, 1, fenceA);
    await storeA.add({ checkpointId: 1, payload: { chk: 1 } });

    // jm-a's latch node goes (as when the server expires a session whose owner is cut off). A
    // leader watches no node, so jm-a goes on believing it leads while jm-b takes over.
    const latch = a.layout.latchPath(LeaderComponents.CLUSTER);
    const first = ((await b.client.getChildren(latch)) ?? []).sort((x, y) => x.slice(-10).localeCompare(y.slice(-10)))[0]!;
    await b.client.delete(`${latch}/${first}`);
    await waitFor(() => cb.isLeader, "jm-b takes over");
    assert.equal(fenceA.holds(), true, "jm-a has not noticed: only ZooKeeper can refuse its writes");

    await assert.rejects(storeA.add({ checkpointId: 2, payload: { chk: 2 } }), LeadershipLostError);
    await assert.rejects(storeA.removeAll(), LeadershipLostError);
    const storeB = b.completedCheckpointStore(jobId, 1, eb.fence(cb.leaderSessionId!));
    assert.deepEqual(await ids(storeB), [1], "the successor sees only what jm-a stored while it led");
    assert.deepEqual(checkpointFiles(clusterId, jobId).length, 1, "the refused checkpoint's file was deleted");

    // The successor's own changes go through; the deposed leader's stay refused.
    assert.deepEqual(await storeB.add({ checkpointId: 2, payload: { chk: 2 } }), [{ checkpointId: 1, payload: { chk: 1 } }]);
    await assert.rejects(storeA.add({ checkpointId: 3, payload: { chk: 3 } }), LeadershipLostError);
    assert.deepEqual(await ids(b.completedCheckpointStore(jobId, 1)), [2]);
  });

  it("refuses a checkpoint write that waited through a partition and reaches ZooKeeper after the successor took over", async () => {
    const proxy = new FaultyProxy(zk.port);
    await proxy.start();
    proxies.push(proxy);
    // jm-a keeps leading while suspended (the session may still be alive), as with
    // high-availability.zookeeper.client.tolerate-suspended-connections: its write is not refused
    // before it leaves the process.
    const { clusterId, a, b, ca, cb, ea } = await twoJobManagers({ quorum: proxy.connectString, tolerateSuspendedConnection: true });
    const jobId = newJobId();
    const storeA = a.completedCheckpointStore(jobId, 1, ea.fence(ca.leaderSessionId!));
    await storeA.add({ checkpointId: 1, payload: { chk: 1 } });

    proxy.setMode("refuse");
    await waitFor(() => a.client.connectionState === "SUSPENDED", "jm-a's connection suspended");
    const late = storeA.add({ checkpointId: 2, payload: { chk: 2 } });
    late.catch(() => {});
    await waitFor(() => cb.isLeader, "jm-b takes over once jm-a's session expired", 30_000);
    assert.deepEqual(await ids(b.completedCheckpointStore(jobId, 1)), [1]);

    proxy.setMode("pass"); // the partition heals: jm-a's client connects again, with a new session
    await assert.rejects(late, LeadershipLostError);
    assert.deepEqual(await ids(b.completedCheckpointStore(jobId, 1)), [1], "the late write did not land");
    assert.equal(checkpointFiles(clusterId, jobId).length, 1);
  });
});
