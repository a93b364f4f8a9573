/**
 * JobManager failover on real processes and a real ZooKeeper: two JobManagers and two
 * TaskManagers; the checkpointed sequence check (exactly-once, keyed state) runs through three
 * SIGKILLs of whichever JobManager leads, a replacement standby started each time, and ends with
 * no gap or duplicate; each new leader says it recovered the job. A leader frozen with SIGSTOP
 * loses leadership to the standby; after SIGCONT it is a standby and calls with its old leader
 * session id are rejected as stale everywhere.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { FencingTokenMismatchError } from "../../src/cluster/rpc/interface.js";
import { TcpRpcService } from "../../src/cluster/rpc/tcp-rpc-service.js";
import type { DispatcherGateway } from "../../src/cluster/dispatcher/dispatcher-gateway.js";
import type { TaskExecutorGateway } from "../../src/cluster/taskexecutor/task-executor-gateway.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { HaCluster } from "./support/ha-cluster.js";

const SEQUENCE_JOB = testJob("sequence-check.ts");
let cluster: HaCluster;

before(async () => {
  cluster = await HaCluster.startWithStandby();
});

after(async () => {
  await cluster?.close();
});

/** The exactly-once checker throws on a gap or duplicate: the message would show in some JobManager's log. */
function assertNoGapOrDuplicate(): void {
  assert.doesNotMatch(cluster.jobManagerLogs(), /gap or duplicate/);
}

test("a checkpointed stateful job survives three SIGKILLs of the leading JobManager, exactly once", { timeout: 150_000 }, async () => {
  const count = 60_000;
  // parallelism 2 over two TaskManagers of one slot each: records cross TCP between them.
  const jobId = await cluster.submit(SEQUENCE_JOB, [String(count), "0", "2", "2000", "2", "200"]);
  for (let kill = 1; kill <= 3; kill++) {
    await cluster.waitUntilRunningWithCheckpoint(jobId);
    assert.ok(cluster.liveJobManagers.length >= 2, "a standby is running");
    await cluster.killLeaderAndAwaitRecovery(jobId, `leader ${kill + 1} to recover the job`);
  }
  const result = await cluster.result(jobId);
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.equal(result.restarts, 0, "no task failed after the last recovery");
  const records = Object.values(result.collected)[0] ?? [];
  assert.deepEqual(finalsOf(records), referenceFinals(count), "the final sum of every key matches the reference");
  assertNoGapOrDuplicate();
  // Three leaders died; each of their successors recovered the job (checked above as it happened).
  const recoveries = cluster.jobManagers.filter((jm) => new RegExp(`recovered job .*\\(${jobId}\\)`).test(jm.stderr()));
  assert.ok(recoveries.length >= 3, cluster.jobManagerLogs());
  await waitFor(async () => {
    const data = await cluster.haDataOf(jobId);
    return data.nodes.length === 0 && data.files.length === 0;
  }, "the finished job's HA data to be deleted", 15_000);
});

test("a leader frozen with SIGSTOP loses leadership; after SIGCONT it is a standby and its stale session is rejected", { timeout: 120_000 }, async () => {
  const count = 40_000;
  const jobId = await cluster.submit(SEQUENCE_JOB, [String(count), "0", "2", "2000", "2", "200"]);
  await cluster.waitUntilRunningWithCheckpoint(jobId);
  const frozen = await cluster.leader();
  const staleSession = cluster.dispatcherLeader.leader!.sessionId;
  frozen.signal("SIGSTOP");
  try {
    const next = await cluster.leader(30_000, frozen);
    await next.waitForOutput(new RegExp(`recovered job .*\\(${jobId}\\)`), "the standby to recover the job", 30_000);
    await cluster.waitUntilRunningWithCheckpoint(jobId);
  } finally {
    frozen.signal("SIGCONT");
  }
  // Thawed, it learns that its ZooKeeper session is gone, suspends its job and stands by.
  await frozen.waitForOutput(/this JobManager is a standby now/, "the thawed JobManager to give up leadership", 30_000);
  const leader = await cluster.leader();
  assert.notEqual(leader, frozen, "the new leader keeps leading");
  assert.notEqual(cluster.dispatcherLeader.leader!.sessionId, staleSession);

  const rpc = await TcpRpcService.start({ logger: { warn: () => {} } });
  try {
    // Calls carrying the old leader session id: the thawed JobManager and the new leader both refuse them.
    for (const jm of [frozen, leader]) {
      const dispatcher = await rpc.connect<DispatcherGateway>(jm.rpcAddress, "dispatcher", { fencingToken: staleSession });
      await assert.rejects(dispatcher.gateway.listJobs(), FencingTokenMismatchError, `stale call to ${jm.rpcAddress}`);
      dispatcher.close();
    }
    // A TaskManager refuses to let a JobMaster of the old session free the job's slots.
    const tm = cluster.taskManagers[0]!;
    const taskExecutor = await rpc.connect<TaskExecutorGateway>(
      (await fetchTaskManagerAddress(leader.restUrl, tm.id)) ?? "tcp://127.0.0.1:1",
      "taskexecutor",
    );
    await assert.rejects(taskExecutor.gateway.disconnectJobManager(jobId, "stale", staleSession), FencingTokenMismatchError);
    taskExecutor.close();
  } finally {
    await rpc.stop();
  }
  // The standby's REST endpoint answers by asking the leader.
  const jobs = (await (await fetch(new URL("/jobs", frozen.restUrl))).json()) as { jobs: { id: string; status: string }[] };
  assert.equal(jobs.jobs.find((j) => j.id === jobId)?.status, "RUNNING");

  const result = await cluster.result(jobId);
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.deepEqual(finalsOf(Object.values(result.collected)[0] ?? []), referenceFinals(count));
  assertNoGapOrDuplicate();
});

async function fetchTaskManagerAddress(restUrl: string, id: string): Promise<string | undefined> {
  const res = await fetch(new URL(`/taskmanagers/${id}`, restUrl));
  if (!res.ok) return undefined;
  const tm = (await res.json()) as { path?: string; address?: string };
  return tm.path ?? tm.address;
}
