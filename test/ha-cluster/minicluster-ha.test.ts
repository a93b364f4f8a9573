/**
 * The HA logic in one process, on a real ZooKeeper: the embedded MiniCluster configured with
 * `high-availability.type: zookeeper` is a JobManager like the processes are. A MiniCluster that
 * goes away leaves its job SUSPENDED with its HA data, and the next one of the same cluster id
 * resumes it from its newest checkpoint; a cleanup interrupted by a crash (a dirty job result) is
 * finished by the next leader, which never runs that job again; an expired ZooKeeper session
 * revokes leadership (the job is suspended, calls with the old session id are rejected) and the
 * JobManager joins the election again, wins it, and recovers the job.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { prepareJob } from "../../src/client/job-runner.js";
import { ZooKeeperHighAvailabilityServices } from "../../src/cluster/ha/zookeeper/zookeeper-ha-services.js";
import { FencingTokenMismatchError } from "../../src/cluster/rpc/interface.js";
import { LocalRpcService } from "../../src/cluster/rpc/local-rpc-service.js";
import type { ResourceManagerGateway } from "../../src/cluster/resourcemanager/resource-manager-gateway.js";
import type { JobResult } from "../../src/cluster/messages.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { expireSession, startZooKeeper, type ZooKeeperServer } from "../support/zookeeper.js";

const SEQUENCE_JOB = testJob("sequence-check.ts");
let zk: ZooKeeperServer;
let dir: string;

before(async () => {
  zk = await startZooKeeper();
  dir = mkdtempSync(join(tmpdir(), "sluice-minicluster-ha-"));
});

after(async () => {
  await zk?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function haConfig(): Record<string, string> {
  return {
    "high-availability.type": "zookeeper",
    "high-availability.zookeeper.quorum": zk.connectString,
    "high-availability.storageDir": join(dir, "ha"),
    "high-availability.cluster-id": `mini-${randomUUID().slice(0, 8)}`,
    "high-availability.zookeeper.client.session-timeout": "2000",
    "execution.checkpointing.dir": join(dir, "checkpoints"),
    "heartbeat.interval": "500",
    "heartbeat.timeout": "4000",
  };
}

async function observe(config: Record<string, string>): Promise<ZooKeeperHighAvailabilityServices> {
  return ZooKeeperHighAvailabilityServices.create({
    quorum: zk.connectString,
    storageDir: config["high-availability.storageDir"]!,
    clusterId: config["high-availability.cluster-id"]!,
    rootPath: "/sluice",
    sessionTimeoutMs: 10_000,
    connectionTimeoutMs: 5000,
    tolerateSuspendedConnection: true,
  });
}

async function submitSequenceJob(cluster: MiniCluster, args: string[]): Promise<string> {
  const { bundle, evaluated, inputs } = await prepareJob(SEQUENCE_JOB, { args });
  return new MiniClusterClient(cluster).submit({ jobGraph: evaluated.jobGraph, bundleHash: bundle.hash, definition: inputs }, { hash: bundle.hash, code: bundle.code });
}

/** The job's result from whichever term of the MiniCluster's JobManager ends it. */
async function resultOf(cluster: MiniCluster, jobId: string, timeoutMs = 60_000): Promise<JobResult> {
  let result: JobResult | undefined;
  await waitFor(async () => {
    const term = cluster.leadership.term;
    if (!term) return false;
    try {
      const state = term.dispatcher.requestJob(jobId).state;
      if (["FINISHED", "CANCELED", "FAILED"].includes(state)) result = await term.dispatcher.requestJobResult(jobId);
    } catch {
      // Not recovered yet in this term.
    }
    return result !== undefined;
  }, `job ${jobId} to end`, timeoutMs, 50);
  return result!;
}

async function runningWithCheckpoint(cluster: MiniCluster, jobId: string): Promise<void> {
  let seen = "";
  await waitFor(() => {
    try {
      const d = cluster.dispatcher;
      const job = d.requestJob(jobId);
      const completed = d.requestCheckpointStats(jobId).counts.completed;
      seen = `${job.state}, tasks ${JSON.stringify(job.statusCounts)}, ${completed} checkpoints, ${job.statusMessage ?? ""}`;
      const tasks = job.vertices.reduce((n, v) => n + v.parallelism, 0);
      return job.state === "RUNNING" && job.statusCounts.RUNNING === tasks && completed >= 1;
    } catch (e) {
      seen = (e as Error).message;
      return false;
    }
  }, "the job running with a completed checkpoint", 30_000, 50).catch((e: Error) => {
    throw new Error(`${e.message}; last seen: ${seen}`);
  });
}

test("a job outlives its MiniCluster: the next one of the same cluster id resumes it from its checkpoint", { timeout: 90_000 }, async () => {
  const config = haConfig();
  const observer = await observe(config);
  const count = 20_000;
  let jobId: string;
  const first = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 2, config });
  try {
    jobId = await submitSequenceJob(first, [String(count), "0", "2", "4000", "2", "100"]);
    await runningWithCheckpoint(first, jobId);
  } finally {
    await first.close();
  }
  assert.deepEqual(await observer.jobGraphStore().jobIds(), [jobId], "the suspended job is still in the JobGraph store");
  assert.ok((await observer.completedCheckpointStore(jobId).latest()) !== undefined, "with its checkpoints");

  const second = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 2, config });
  try {
    const result = await resultOf(second, jobId);
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.ok(result.checkpoints.restored >= 1, "it resumed from a checkpoint");
    assert.deepEqual(finalsOf(result.collected[Number(Object.keys(result.collected)[0])] ?? []), referenceFinals(count));
    await waitFor(async () => (await observer.jobGraphStore().jobIds()).length === 0 && !(await observer.jobResultStore().has(jobId)), "the HA data to be deleted");
  } finally {
    await second.close();
    await observer.close();
  }
});

test("a new leader finishes an interrupted cleanup and never runs a job that has a result", { timeout: 150_000 }, async () => {
  const config = haConfig();
  const observer = await observe(config);
  // What a leader that crashed between "job FAILED, result written" and "HA data deleted" leaves.
  const jobId = randomUUID().replaceAll("-", "");
  const { bundle, evaluated, inputs } = await prepareJob(SEQUENCE_JOB, { args: ["1000", "0", "1", "1000", "1", "0"] });
  await observer.jobGraphStore().put(jobId, JSON.parse(JSON.stringify({ jobId, submission: { jobGraph: evaluated.jobGraph, bundleHash: bundle.hash, definition: inputs }, bundle })));
  await observer.checkpointIdCounter(jobId).getAndIncrement();
  await observer.jobResultStore().createDirty(jobId, { jobId, state: "FAILED" });
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 1, config });
  try {
    await waitFor(async () => !(await observer.jobResultStore().has(jobId)) && (await observer.jobGraphStore().jobIds()).length === 0, "the interrupted cleanup to be finished");
    assert.equal(await observer.client.exists(observer.layout.jobPath(jobId)), null, "no node of the job is left");
    assert.deepEqual(cluster.dispatcher.listJobs(), [], "the ended job was not run again");
  } finally {
    await cluster.close();
    await observer.close();
  }
});

test("an expired session revokes leadership; the JobManager joins again, wins, and recovers the job", { timeout: 90_000 }, async () => {
  const config = haConfig();
  const count = 20_000;
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 2, config });
  const rpc = new LocalRpcService();
  try {
    const jobId = await submitSequenceJob(cluster, [String(count), "0", "2", "2000", "2", "100"]);
    await runningWithCheckpoint(cluster, jobId);
    const firstTerm = cluster.leadership.term!;
    const ha = cluster.ha as ZooKeeperHighAvailabilityServices;
    await expireSession(zk.connectString, ha.client.sessionCredentials());
    await waitFor(() => cluster.leadership.term !== undefined && cluster.leadership.term !== firstTerm, "a new term after the session expired", 30_000);
    assert.equal(firstTerm.dispatcher.requestJob(jobId).state, "SUSPENDED", "the old term's JobMaster was suspended");
    assert.notEqual(cluster.leadership.term!.sessionId, firstTerm.sessionId);

    // The ResourceManager endpoint refuses the old term's session id.
    const rm = await rpc.connect<ResourceManagerGateway>(await leaderAddress(cluster), "resourcemanager", { fencingToken: firstTerm.sessionId });
    await assert.rejects(rm.gateway.requestTaskManagers(), FencingTokenMismatchError);

    const result = await resultOf(cluster, jobId);
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.ok(result.checkpoints.restored >= 1, "the recovered job resumed from a checkpoint");
    assert.deepEqual(finalsOf(result.collected[Number(Object.keys(result.collected)[0])] ?? []), referenceFinals(count));
  } finally {
    await rpc.stop();
    await cluster.close();
  }
});

/** The MiniCluster's JobManager RPC address, as published for the resource manager. */
async function leaderAddress(cluster: MiniCluster): Promise<string> {
  const retrieval = cluster.ha.leaderRetrieval("resourcemanager");
  try {
    return await new Promise<string>((resolve) => void retrieval.start((leader) => leader && resolve(leader.address)));
  } finally {
    await retrieval.close();
  }
}
