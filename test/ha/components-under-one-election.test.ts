/**
 * One election publishing several components (the JobManager's "cluster" election publishes the
 * dispatcher, resourcemanager and rest_server addresses): retrieval of each component follows the
 * leader, and everything a term published is withdrawn with it — on ZooKeeper and standalone.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { LeaderComponents, type HighAvailabilityServices, type LeaderContender, type LeaderElection } from "../../src/cluster/ha/interface.js";
import { StandaloneHighAvailabilityServices } from "../../src/cluster/ha/standalone/standalone-ha-services.js";
import { ZooKeeperHighAvailabilityServices } from "../../src/cluster/ha/zookeeper/zookeeper-ha-services.js";
import { startZooKeeper, type ZooKeeperServer } from "../support/zookeeper.js";
import { RecordingListener, waitFor } from "./helpers.js";

let zk: ZooKeeperServer;
let storageDir: string;

before(async () => {
  zk = await startZooKeeper();
  storageDir = mkdtempSync(join(tmpdir(), "sluice-ha-components-"));
});

after(async () => {
  await zk?.stop();
  rmSync(storageDir, { recursive: true, force: true });
});

function zooKeeperProcess(clusterId: string): Promise<ZooKeeperHighAvailabilityServices> {
  return ZooKeeperHighAvailabilityServices.create({
    quorum: zk.connectString,
    storageDir,
    clusterId,
    rootPath: "/sluice",
    sessionTimeoutMs: 4000,
    connectionTimeoutMs: 3000,
    tolerateSuspendedConnection: false,
  });
}

/** Publishes its addresses for the components under the cluster election on every grant. */
class JobManagerLike implements LeaderContender {
  sessionId: string | undefined;
  private readonly election: LeaderElection;
  constructor(
    services: HighAvailabilityServices,
    private readonly name: string,
  ) {
    this.election = services.leaderElection(LeaderComponents.CLUSTER);
  }
  start(): Promise<void> {
    return this.election.start(this);
  }
  grantLeadership(sessionId: string): void {
    this.sessionId = sessionId;
    void this.election.confirmLeadership(sessionId, `tcp://${this.name}:6123`, LeaderComponents.RESOURCE_MANAGER);
    void this.election.confirmLeadership(sessionId, `http://${this.name}:8081`, LeaderComponents.REST_SERVER);
  }
  revokeLeadership(): void {
    this.sessionId = undefined;
  }
  handleError(): void {}
  close(): Promise<void> {
    return this.election.close();
  }
}

test("on ZooKeeper, each component's retrieval follows the one election's leader", { timeout: 30_000 }, async () => {
  const [a, b, observer] = [await zooKeeperProcess("components"), await zooKeeperProcess("components"), await zooKeeperProcess("components")];
  try {
    const rm = new RecordingListener();
    const rest = new RecordingListener();
    await rm.follow(observer.leaderRetrieval(LeaderComponents.RESOURCE_MANAGER));
    await rest.follow(observer.leaderRetrieval(LeaderComponents.REST_SERVER));
    const first = new JobManagerLike(a, "jm-a");
    const second = new JobManagerLike(b, "jm-b");
    await first.start();
    await second.start();
    await waitFor(() => rest.seen.at(-1)?.address === "http://jm-a:8081" && rm.seen.at(-1)?.address === "tcp://jm-a:6123", "jm-a published");
    assert.equal(rm.seen.at(-1)?.sessionId, first.sessionId);
    assert.equal(second.sessionId, undefined);

    await first.close();
    await waitFor(() => rest.seen.at(-1)?.address === "http://jm-b:8081" && rm.seen.at(-1)?.address === "tcp://jm-b:6123", "jm-b published");
    assert.equal(rest.seen.at(-1)?.sessionId, second.sessionId);
    await second.close();
    await waitFor(() => rest.seen.at(-1) === null && rm.seen.at(-1) === null, "everything withdrawn with the last term");
  } finally {
    for (const s of [a, b, observer]) await s.close();
  }
});

test("standalone: the components are published with the term and withdrawn with it", async () => {
  const services = new StandaloneHighAvailabilityServices();
  const rest = new RecordingListener();
  await rest.follow(services.leaderRetrieval(LeaderComponents.REST_SERVER));
  const jm = new JobManagerLike(services, "local");
  await jm.start();
  await waitFor(() => rest.seen.at(-1)?.address === "http://local:8081", "published");
  assert.equal(rest.seen.at(-1)?.sessionId, jm.sessionId);
  await jm.close();
  assert.equal(rest.seen.at(-1), null);
  await services.close();
});
