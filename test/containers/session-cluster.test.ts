/**
 * A session cluster of containers on a podman bridge network — two JobManagers with ZooKeeper HA,
 * three TaskManagers, the cluster secret and internal TLS on, checkpoints and HA data on a shared
 * volume, REST published on host ports. A keyed checkpointed job submitted from the host through
 * REST runs to the reference result with its tasks spread over the TaskManager containers; then one
 * job runs through a partition of a TaskManager running tasks, a partition of the leading
 * JobManager, a killed TaskManager and a paused one, with no record lost or duplicated: the
 * partitioned side fences itself, the former leader's stale calls are refused, and the cluster
 * heals without manual steps.
 */
import assert from "node:assert/strict";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { prepareJob } from "../../src/client/job-runner.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { REPO_ROOT, testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { ContainerCluster, REST_TOKEN, type Container } from "./support/container-cluster.js";
import { testImages } from "./support/images.js";
import { LeaderWatch } from "./support/leader-watch.js";
import { ownedBy, podman } from "./support/podman.js";

const SEQUENCE_JOB = testJob("sequence-check.ts");
const TASK_MANAGERS = ["tm1", "tm2", "tm3"];
let cluster: ContainerCluster;
let leaders: LeaderWatch;

before(async () => {
  cluster = await ContainerCluster.create(await testImages(), { ha: true, hostNames: ["jm1", "jm2", ...TASK_MANAGERS] });
  leaders = await LeaderWatch.start(cluster);
  await cluster.jobManager("jm1");
  await leaders.leader();
  await cluster.jobManager("jm2");
  await Promise.all(TASK_MANAGERS.map((name) => cluster.taskManager(name)));
});

after(async () => {
  await leaders?.close();
  await cluster?.close();
});

interface VertexJson {
  subtasks: { status: string; host: string }[];
}
interface JobJson {
  state: string;
  vertices: { id: string; parallelism: number }[];
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, await (await leaders.leader()).restUrl()), { headers: { authorization: `Bearer ${REST_TOKEN}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The hosts (container names) its subtasks run on, by state. */
async function subtaskHosts(jobId: string, status = "RUNNING"): Promise<string[]> {
  const job = await getJson<JobJson>(`/jobs/${jobId}`);
  const vertices = await Promise.all(job.vertices.map((v) => getJson<VertexJson>(`/jobs/${jobId}/vertices/${v.id}`)));
  return vertices.flatMap((v) => v.subtasks.filter((s) => s.status === status).map((s) => s.host));
}

async function completedCheckpoints(jobId: string): Promise<number> {
  return (await getJson<{ counts: { completed: number } }>(`/jobs/${jobId}/checkpoints`)).counts.completed;
}

/** Waits until every task runs (on live TaskManagers) and a checkpoint newer than `after` completed. */
async function waitUntilHealthy(jobId: string, after: number, what: string): Promise<number> {
  let checkpoints = after;
  await waitFor(
    async () => {
      try {
        const job = await getJson<JobJson & { "status-counts": Record<string, number> }>(`/jobs/${jobId}`);
        const tasks = job.vertices.reduce((n, v) => n + v.parallelism, 0);
        checkpoints = await completedCheckpoints(jobId);
        return job.state === "RUNNING" && job["status-counts"].RUNNING === tasks && checkpoints > after;
      } catch {
        return false; // a leader change in between
      }
    },
    what,
    90_000,
    250,
  ).catch(async (e: Error) => {
    throw new Error(`${e.message}\n${await cluster.logs()}`);
  });
  return checkpoints;
}

async function submit(args: string[]): Promise<string> {
  const { bundle, evaluated, inputs } = await prepareJob(SEQUENCE_JOB, { args });
  const client = await leaders.client();
  return client.submit({ jobGraph: evaluated.jobGraph, bundleHash: bundle.hash, definition: inputs }, { hash: bundle.hash, code: bundle.code });
}

test("a keyed checkpointed job submitted through the published REST port gives the reference result, its tasks spread over the TaskManager containers", { timeout: 300_000 }, async () => {
  const overview = await getJson<{ taskmanagers: number; "slots-total": number }>("/overview");
  assert.equal(overview.taskmanagers, 3);
  assert.equal(overview["slots-total"], 6);
  const count = 30_000;
  let jobId = "";
  const client = await leaders.client();
  const result = await runJob(SEQUENCE_JOB, { client, args: [String(count), "0", "6", "5000", "2", "100"], onSubmitted: (id) => (jobId = id) });
  const hosts = await subtaskHosts(jobId, "FINISHED");
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.ok(result.checkpoints.completed >= 1, "checkpoints completed");
  assert.deepEqual(finalsOf(result.records!), referenceFinals(count), "the final sum of every key matches the reference");
  assert.deepEqual([...new Set(hosts)].sort(), TASK_MANAGERS, "tasks on every TaskManager container");
  // Records crossed between containers over their (TLS) data connections.
  const tmLogs = await Promise.all(TASK_MANAGERS.map((n) => cluster.container(n).logs()));
  assert.ok(tmLogs.some((l) => /data connection to tcp:\/\/tm\d:6121 established/.test(l)), "data connections between the containers");
});

/** A TaskManager container that runs tasks of the job. */
async function taskManagerWithTasks(jobId: string): Promise<Container> {
  const hosts = await subtaskHosts(jobId);
  return cluster.container(TASK_MANAGERS.find((n) => hosts.includes(n))!);
}

test("one job through a partitioned TaskManager, a partitioned leader, a killed and a paused TaskManager: no record lost or duplicated", { timeout: 420_000 }, async () => {
  const count = 150_000;
  // The first test's job has given back all its slots.
  await waitFor(async () => (await getJson<{ "slots-available": number }>("/overview"))["slots-available"] === 6, "all 6 slots free", 60_000, 250).catch(async (e: Error) => {
    throw new Error(`${e.message}: ${JSON.stringify(await getJson("/taskmanagers"))}\n${await cluster.logs()}`);
  });
  // Parallelism 4 on 6 slots: after losing one TaskManager the job fits on the other two.
  const jobId = await submit([String(count), "0", "4", "2000", "2", "200"]);
  let checkpoints = await waitUntilHealthy(jobId, 0, "the job running with a checkpoint");

  // 1. Partition of a TaskManager running tasks: the JobManager declares it lost and restarts the
  //    job from its checkpoint; cut off, the TaskManager frees the job's slots itself (no JobMaster
  //    heartbeats reach it); when the partition heals it registers again and the job runs on.
  const partitioned = await taskManagerWithTasks(jobId);
  const partitionedId = await partitioned.taskManagerId();
  await partitioned.disconnect();
  await partitioned.waitForLog(/no heartbeat from the JobMaster of job \S+ .*freeing its slots/, "the partitioned TaskManager to fence itself");
  await (await leaders.leader()).waitForLog(new RegExp(`TaskManager ${partitionedId} lost`), "the JobManager to declare it lost");
  await partitioned.connect();
  checkpoints = await waitUntilHealthy(jobId, checkpoints, "the job to recover after the partition");
  await waitFor(async () => (await getJson<{ taskmanagers: number }>("/overview")).taskmanagers === 3, "the partitioned TaskManager back", 60_000, 250);

  // 2. Partition of the leading JobManager: the standby takes over and recovers the job; back on the
  //    network, the former leader is a standby and calls with its old session id are refused.
  const formerLeader = await leaders.leader();
  const staleSession = leaders.sessionId!;
  await formerLeader.disconnect();
  const newLeader = await leaders.leader(60_000, formerLeader);
  await newLeader.waitForLog(new RegExp(`recovered job .*\\(${jobId}\\)`), "the new leader to recover the job");
  await formerLeader.waitForLog(/this JobManager is a standby now/, "the partitioned leader to give up leadership");
  checkpoints = await waitUntilHealthy(jobId, 0, "the job running under the new leader");
  await formerLeader.connect();
  // A TaskManager that holds the job's slots refuses to free them for the old session.
  const probe = await staleCalls(staleSession, jobId, await taskManagerWithTasks(jobId), [formerLeader, newLeader]);
  assert.deepEqual(Object.values(probe), ["refused", "refused", "refused"], JSON.stringify(probe));

  // 3. A TaskManager container killed: declared lost at once (its connections close); started
  //    again (as an orchestrator would), it registers anew and the job runs on.
  const killed = await taskManagerWithTasks(jobId);
  const killedId = await killed.taskManagerId();
  await podman(["kill", killed.id]);
  await (await leaders.leader()).waitForLog(new RegExp(`TaskManager ${killedId} lost`), "the JobManager to declare the killed TaskManager lost");
  await podman(["start", killed.id]);
  checkpoints = await waitUntilHealthy(jobId, checkpoints, "the job to recover from the killed TaskManager");
  await waitFor(async () => (await getJson<{ taskmanagers: number }>("/overview")).taskmanagers === 3, "the killed TaskManager back", 60_000, 250);

  // 4. A TaskManager container frozen: found by the heartbeat timeout; thawed, it learns it was
  //    declared lost, frees the job's slots and registers again.
  const paused = await taskManagerWithTasks(jobId);
  const pausedId = await paused.taskManagerId();
  await paused.pause();
  try {
    await (await leaders.leader()).waitForLog(new RegExp(`TaskManager ${pausedId} lost: heartbeat timed out`), "the JobManager to declare the frozen TaskManager lost");
  } finally {
    await podman(["unpause", paused.id]);
  }
  checkpoints = await waitUntilHealthy(jobId, checkpoints, "the job to recover from the paused TaskManager");
  await waitFor(async () => (await getJson<{ taskmanagers: number }>("/overview")).taskmanagers === 3, "the thawed TaskManager back", 60_000, 250);

  const result = await leaders.result(jobId, 240_000);
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.ok(result.restarts >= 1, `restarts under the last leader: ${result.restarts}`);
  assert.deepEqual(finalsOf(Object.values(result.collected)[0] ?? []), referenceFinals(count), "no record lost or duplicated");
  for (const c of cluster.containers) assert.doesNotMatch(await c.logs(), /gap or duplicate/, c.name);
});

/** Runs support/stale-call-probe in a container on the network, as another host of the cluster. */
async function staleCalls(staleSession: string, jobId: string, taskManager: Container, jobManagers: Container[]): Promise<Record<string, string>> {
  const name = cluster.containerId("probe");
  const args = ["run", "--rm", "--name", name, "--network", cluster.network, ...ownedBy("containers", name)];
  args.push("-v", `${join(cluster.dir, "tls")}:/etc/sluice/tls:ro`, "-v", `${join(REPO_ROOT, "dist")}:/opt/probe/dist:ro`);
  args.push("-v", `${realpathSync(join(REPO_ROOT, "node_modules"))}:/opt/probe/node_modules:ro`, "-v", `${join(REPO_ROOT, "package.json")}:/opt/probe/package.json:ro`);
  args.push("--entrypoint", "node", cluster.images.runtime, "/opt/probe/dist/test/containers/support/stale-call-probe.js");
  args.push(staleSession, jobId, `tcp://${taskManager.name}:6122`, ...jobManagers.map((jm) => `tcp://${jm.name}:6123`));
  return JSON.parse((await podman(args, 60_000)).trim().split("\n").pop()!) as Record<string, string>;
}
