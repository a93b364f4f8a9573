/**
 * A session cluster of containers on a podman bridge network — two JobManagers with ZooKeeper HA,
 * three TaskManagers, the cluster secret and internal TLS on, checkpoints and HA data on a shared
 * volume, REST published on host ports. A keyed checkpointed job submitted from the host through
 * REST runs to the reference result with its tasks spread over the TaskManager containers.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { testJob } from "../support/paths.js";
import { ContainerCluster, REST_TOKEN } from "./support/container-cluster.js";
import { testImages } from "./support/images.js";
import { LeaderWatch } from "./support/leader-watch.js";

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

