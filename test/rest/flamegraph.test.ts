/**
 * Flame graphs of a running job's vertex over REST, sampled in real slot workers (docs/architecture.md,
 * "Flame graphs"): Flink's "waiting" answer first, then a tree that names the busy user function; a vertex
 * sharing the map's slot threads without the map's samples; the types, the subtask filter, and the 4xx
 * answers to bad requests; "disabled" without the key.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { prepareJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { startRestServer } from "../../src/rest/start-rest-server.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { call, errorsOf, getJson, startRestCluster, type RestCluster } from "./support.js";

interface Frame {
  name: string;
  value: number;
  children: Frame[];
}
interface FlameGraph {
  endTimestamp: number;
  data?: Frame;
}
interface Job {
  state: string;
  vertices: { id: string; name: string; parallelism: number; status: string }[];
}

/** Every frame of the tree, depth first. */
function frames(node: Frame): Frame[] {
  return [node, ...node.children.flatMap(frames)];
}

/** A parent's value is at least the sum of its children's: every sample is counted on its whole stack. */
function assertConsistent(node: Frame): void {
  const sum = node.children.reduce((s, c) => s + c.value, 0);
  assert.ok(node.value >= sum, `${node.name}: value ${node.value} < children's ${sum}`);
  node.children.forEach(assertConsistent);
}

let rc: RestCluster;
let jobId: string;
let burn: Job["vertices"][number];
let path: string;

before(async () => {
  rc = await startRestCluster({
    taskManagers: 1,
    slots: 2,
    config: { "rest.flamegraph.enabled": "true", "rest.flamegraph.num-samples": "100", "rest.flamegraph.delay-between-samples": "5 ms", "rest.flamegraph.refresh-interval": "10 min" },
  });
  const { bundle, evaluated, inputs } = await prepareJob(testJob("rest/busy-map.ts"));
  const client = new RestClusterClient({ baseUrl: rc.url });
  jobId = await client.submit({ jobGraph: evaluated.jobGraph, bundleHash: bundle.hash, definition: inputs }, { hash: bundle.hash, code: bundle.code });
  let job!: Job;
  await waitFor(async () => {
    job = await getJson<Job>(rc.url, `/jobs/${jobId}`);
    return job.vertices.every((v) => v.status === "RUNNING");
  }, "busy-map job running", 60_000);
  burn = job.vertices.find((v) => v.name.includes("Burn"))!;
  assert.ok(burn, `a vertex named Burn among ${job.vertices.map((v) => v.name).join(", ")}`);
  path = `/jobs/${jobId}/vertices/${burn.id}/flamegraph`;
});
after(() => rc.close());

test("the first request answers Flink's waiting code; the sampled flame graph names the busy map function", async () => {
  const first = await getJson<FlameGraph>(rc.url, path);
  assert.deepEqual(first, { endTimestamp: -3 });

  let graph!: FlameGraph;
  await waitFor(async () => {
    graph = await getJson<FlameGraph>(rc.url, path);
    return graph.endTimestamp > 0;
  }, "flame graph sampled", 60_000);
  assert.ok(graph.endTimestamp >= Date.now() - 120_000 && graph.endTimestamp <= Date.now());
  const root = graph.data!;
  assert.equal(root.name, "root");
  assertConsistent(root);
  const burning = frames(root).filter((f) => f.name.startsWith("burnCpuInMap "));
  assert.ok(burning.length > 0, `no burnCpuInMap frame among ${frames(root).map((f) => f.name).slice(0, 40).join(" | ")}`);
  // Named by the user's file through the bundle's source map, not by the bundle.
  assert.match(burning[0]!.name, /^burnCpuInMap \(busy-map\.ts:\d+\)$/);
  // About 1 ms per record at 100 records/s per subtask: a tenth of the thread's time, several samples.
  assert.ok(burning.reduce((s, f) => s + f.value, 0) >= 2, "burnCpuInMap has samples");
});

test("the source vertex's graph, sampled in the same slot threads, leaves out the map's task and function", async () => {
  const job = await getJson<Job>(rc.url, `/jobs/${jobId}`);
  const source = job.vertices.find((v) => v.id !== burn.id)!;
  const sourcePath = `/jobs/${jobId}/vertices/${source.id}/flamegraph`;
  let graph!: FlameGraph;
  await waitFor(async () => (graph = await getJson<FlameGraph>(rc.url, sourcePath)).endTimestamp > 0, "source flame graph sampled", 60_000);
  const names = frames(graph.data!).map((f) => f.name);
  // (A source at 100 records/s per subtask is rarely caught polling: its own frame may be missing.)
  assert.ok(!names.some((n) => n.startsWith("burnCpuInMap ")), "the map's samples belong to the map's task");
  assert.ok(!names.includes(`[task] ${burn.name}`));
  const burnNames = frames((await getJson<FlameGraph>(rc.url, path)).data!).map((f) => f.name);
  assert.ok(burnNames.includes(`[task] ${burn.name}`) && !burnNames.includes(`[task] ${source.name}`));
});

test("full, on_cpu and off_cpu split the same samples at the idle frame; a subtask alone is part of the whole", async () => {
  const full = (await getJson<FlameGraph>(rc.url, `${path}?type=full`)).data!;
  const onCpu = (await getJson<FlameGraph>(rc.url, `${path}?type=ON_CPU`)).data!;
  const offCpu = (await getJson<FlameGraph>(rc.url, `${path}?type=off_cpu`)).data!;
  assert.equal(onCpu.value + offCpu.value, full.value);
  assert.ok(onCpu.children.every((c) => c.name !== "(idle)"));
  assert.ok(offCpu.children.every((c) => c.name === "(idle)"));
  assert.ok(frames(onCpu).some((f) => f.name.startsWith("burnCpuInMap ")));

  const parts = await Promise.all([0, 1].map(async (i) => (await getJson<FlameGraph>(rc.url, `${path}?subtaskindex=${i}`)).data!.value));
  assert.equal(parts[0]! + parts[1]!, full.value);
  assert.ok(parts.every((v) => v > 0), "both subtasks were sampled");
});

test("bad requests: unknown type and subtask index are 400, unknown job or vertex 404", async () => {
  const mixed = await call(rc.url, "GET", `${path}?type=mixed`);
  assert.equal(mixed.status, 400);
  assert.match(errorsOf(mixed).join(" "), /type=mixed.*full, on_cpu, off_cpu/);
  const index = await call(rc.url, "GET", `${path}?subtaskindex=${burn.parallelism}`);
  assert.equal(index.status, 400);
  assert.match(errorsOf(index).join(" "), /subtasks 0 to 1/);
  const vertex = await call(rc.url, "GET", `/jobs/${jobId}/vertices/${"ab".repeat(16)}/flamegraph`);
  assert.equal(vertex.status, 404);
  assert.match(errorsOf(vertex).join(" "), /has no vertex/);
  const job = await call(rc.url, "GET", `/jobs/${"cd".repeat(16)}/vertices/${burn.id}/flamegraph`);
  assert.equal(job.status, 404);
});

test("without rest.flamegraph.enabled the endpoint answers Flink's disabled code and samples nothing", async () => {
  const plain = await startRestServer({ dispatcher: rc.cluster.dispatcher, config: { "rest.port": "0" }, validateResponses: true });
  try {
    const other = rc.cluster.dispatcher.requestJob(jobId).vertices.find((v) => v.id !== burn.id)!;
    assert.deepEqual(await getJson<FlameGraph>(plain.url, `/jobs/${jobId}/vertices/${other.id}/flamegraph`), { endTimestamp: -2 });
  } finally {
    await plain.close();
  }
});

test("a vertex that has ended answers Flink's terminated code", async () => {
  await call(rc.url, "PATCH", `/jobs/${jobId}?mode=cancel`);
  await waitFor(async () => (await getJson<Job>(rc.url, `/jobs/${jobId}`)).state === "CANCELED", "job cancelled", 60_000);
  assert.deepEqual(await getJson<FlameGraph>(rc.url, path), { endTimestamp: -1 });
});
