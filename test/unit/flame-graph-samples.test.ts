/**
 * The pieces of flame graphs that need no cluster (docs/architecture.md, "Flame graphs"): a V8 CPU profile
 * as a call tree with inclusive counts, trees merged across subtasks, the idle split of Flink's types,
 * the worker's sampler (no inspector session until asked; a real profile that names a busy function),
 * the TaskExecutor's request deadline, and the REST tracker's sampling and cache rules.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CpuSampler, executionViews, type ProfilerSession } from "../../src/runtime/worker/cpu-sampler.js";
import { taskFrame, taskFrameName } from "../../src/runtime/tasks/task-frame.js";
import { mergeStackTrees, stackTreeFromProfile, type StackNode, type V8CpuProfile } from "../../src/runtime/worker/stack-tree.js";
import { flameGraphJson } from "../../src/rest/views/flamegraph-views.js";
import { VertexCpuSampleTracker } from "../../src/rest/flamegraph/vertex-cpu-sample-tracker.js";
import { flameGraphSettings } from "../../src/rest/flamegraph/flame-graph-options.js";
import { ConfigurationError } from "../../src/config/configuration.js";
import { CpuSampleRequests } from "../../src/cluster/taskexecutor/cpu-sample-requests.js";
import { CpuSamplingError } from "../../src/cluster/taskexecutor/task-executor-errors.js";
import type { SlotWorkerHandle } from "../../src/cluster/taskexecutor/slot-worker-handle.js";
import type { ToWorker } from "../../src/runtime/worker/worker-protocol.js";
import type { VertexCpuSamples } from "../../src/cluster/messages.js";
import { ManualClock } from "../../src/util/clock.js";
import { quietLogger } from "../../src/util/logger.js";

const frame = (functionName: string, url = "", lineNumber = 0) => ({ functionName, url, lineNumber });

/** root → main → (work ×3 self, idle) ; root → (idle) ×5; main called work from two lines (merged). */
const PROFILE: V8CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame("(root)"), hitCount: 0, children: [2, 5, 6] },
    { id: 2, callFrame: frame("main", "file:///app/job.mjs", 9), hitCount: 1, children: [3, 4] },
    { id: 3, callFrame: frame("work", "file:///app/job.mjs", 2), hitCount: 2 },
    { id: 4, callFrame: frame("work", "file:///app/job.mjs", 2), hitCount: 1 },
    { id: 5, callFrame: frame("(idle)"), hitCount: 5 },
    { id: 6, callFrame: frame("never", "file:///app/job.mjs", 20), hitCount: 0 },
  ],
};

test("a V8 profile becomes a call tree of inclusive sample counts, equal frames merged, empty frames dropped", () => {
  assert.deepEqual(stackTreeFromProfile(PROFILE), {
    name: "root",
    value: 9,
    children: [
      { name: "(idle)", value: 5, children: [] },
      { name: "main (job.mjs:10)", value: 4, children: [{ name: "work (job.mjs:3)", value: 3, children: [] }] },
    ],
  });
});

test("trees of two subtasks merge by stack; Flink's types split them at the idle frame", () => {
  const one = stackTreeFromProfile(PROFILE);
  const other: StackNode = { name: "root", value: 3, children: [{ name: "main (job.mjs:10)", value: 3, children: [{ name: "other (job.mjs:30)", value: 2, children: [] }] }] };
  const merged = mergeStackTrees([one, other]);
  assert.equal(merged.value, 12);
  const main = merged.children.find((c) => c.name === "main (job.mjs:10)")!;
  assert.equal(main.value, 7);
  assert.deepEqual(main.children.map((c) => [c.name, c.value]), [["other (job.mjs:30)", 2], ["work (job.mjs:3)", 3]]);

  const samples: VertexCpuSamples = { endTimestamp: 42, subtasks: [{ subtask: 0, attempt: 0, tree: one }, { subtask: 1, attempt: 0, tree: other }] };
  assert.equal(flameGraphJson(samples, "full").data!.value, 12);
  const onCpu = flameGraphJson(samples, "on_cpu").data!;
  assert.deepEqual([onCpu.value, onCpu.children.map((c) => c.name)], [7, ["main (job.mjs:10)"]]);
  const offCpu = flameGraphJson(samples, "off_cpu").data!;
  assert.deepEqual([offCpu.value, offCpu.children.map((c) => c.name)], [5, ["(idle)"]]);
  assert.equal(flameGraphJson(samples, "full", 1).data!.value, 3);
  assert.equal(flameGraphJson(samples, "full").endTimestamp, 42);
});

test("a task's view of its thread's samples: its own frames and the shared ones, not another task's", () => {
  const mine = taskFrameName("job-v1-0-0");
  const other = taskFrameName("job-v2-0-0");
  // root → loop → [mine → map ×4] [other → sink ×3] (idle ×2) ; other's frame called mine's (same worker, in-line hand-over): ×1
  const tree: StackNode = {
    name: "root",
    value: 10,
    children: [
      {
        name: "loop (worker.js:1)",
        value: 8,
        children: [
          { name: mine, value: 4, children: [{ name: "map (job.ts:3)", value: 4, children: [] }] },
          { name: other, value: 4, children: [{ name: "sink (job.ts:9)", value: 3, children: [] }, { name: mine, value: 1, children: [{ name: "map (job.ts:3)", value: 1, children: [] }] }] },
        ],
      },
      { name: "(idle)", value: 2, children: [] },
    ],
  };
  const view = executionViews(tree, new Map([["job-v1-0-0", "Map"]]))["job-v1-0-0"]!;
  const paths = (n: StackNode, prefix = ""): string[] => [`${prefix}${n.name}=${n.value}`, ...n.children.flatMap((c) => paths(c, `${prefix}${n.name}/`))];
  assert.deepEqual(paths(view), [
    "root=7",
    "root/(idle)=2",
    "root/loop (worker.js:1)=5",
    "root/loop (worker.js:1)/[task] Map=4",
    "root/loop (worker.js:1)/[task] Map/map (job.ts:3)=4",
    `root/loop (worker.js:1)/${other}=1`,
    `root/loop (worker.js:1)/${other}/[task] Map=1`,
    `root/loop (worker.js:1)/${other}/[task] Map/map (job.ts:3)=1`,
  ]);
});

test("the sampler opens no inspector session until asked, closes it after sampling, and shares a running sampling", async () => {
  const posted: string[] = [];
  let connected = 0;
  const session = (): ProfilerSession => ({
    connect: () => void connected++,
    disconnect: () => void connected--,
    post: async (method) => {
      posted.push(method);
      return method === "Profiler.stop" ? { profile: PROFILE } : {};
    },
  });
  let wake!: () => void;
  const sampler = new CpuSampler(session, () => new Promise((resolve) => (wake = resolve)));
  assert.equal(sampler.sessionsOpened, 0);
  assert.equal(sampler.active, false);

  const a = sampler.sample({ numSamples: 10, delayBetweenSamplesMs: 5 });
  const b = sampler.sample({ numSamples: 10, delayBetweenSamplesMs: 5 });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(sampler.active, true);
  assert.equal(connected, 1);
  wake();
  const [ta, tb] = await Promise.all([a, b]);
  assert.equal(ta, tb);
  assert.equal(ta.value, 9);
  assert.equal(sampler.sessionsOpened, 1);
  assert.equal(connected, 0, "the session is closed after sampling");
  assert.equal(sampler.active, false);
  assert.deepEqual(posted, ["Profiler.enable", "Profiler.setSamplingInterval", "Profiler.start", "Profiler.stop", "Profiler.disable"]);
});

function spinInTheSamplerTest(ms: number): number {
  let x = 1;
  const until = performance.now() + ms;
  while (performance.now() < until) x = (x * 31 + 7) % 1_000_003;
  return x;
}

test("a real V8 profile of this thread names the function that was busy while it sampled, inside its task's frame", async () => {
  const sampler = new CpuSampler();
  const tree = sampler.sample({ numSamples: 40, delayBetweenSamplesMs: 5 });
  const inTask = taskFrame("abcd-ef-0-0");
  const spin = setInterval(() => inTask(() => spinInTheSamplerTest(15)), 20);
  try {
    const view = executionViews(await tree, new Map([["abcd-ef-0-0", "Spin"]]))["abcd-ef-0-0"]!;
    const task = (function find(n: StackNode): StackNode | undefined {
      return n.name === "[task] Spin" ? n : n.children.map(find).find((x) => x !== undefined);
    })(view);
    assert.ok(task, "the task's frame is in the profile");
    const below = (n: StackNode): string[] => n.children.flatMap((c) => [c.name, ...below(c)]);
    assert.ok(below(task).some((n) => /^spinInTheSamplerTest \(flame-graph-samples\.test\.(js|ts):\d+\)$/.test(n)), below(task).join(" | "));
  } finally {
    clearInterval(spin);
  }
});

test("the TaskExecutor bounds a sampling, and fails a request its worker does not answer in time", async () => {
  assert.throws(() => CpuSampleRequests.check({ numSamples: 0, delayBetweenSamplesMs: 5 }), CpuSamplingError);
  assert.throws(() => CpuSampleRequests.check({ numSamples: 100_000, delayBetweenSamplesMs: 50 }), /exceeds .*rest\.flamegraph\.num-samples/);

  const clock = new ManualClock();
  const requests = new CpuSampleRequests(clock);
  const sent: ToWorker[] = [];
  const worker = { key: "tm-1/0", post: (m: ToWorker) => void sent.push(m) } as unknown as SlotWorkerHandle;
  const answered = requests.request(worker, { numSamples: 10, delayBetweenSamplesMs: 10 }, ["a"]);
  const first = sent[0] as Extract<ToWorker, { type: "sample-cpu" }>;
  assert.deepEqual([first.type, first.executionIds], ["sample-cpu", ["a"]]);
  requests.answered({ type: "cpu-samples", requestId: first.requestId, trees: { a: { name: "root", value: 1, children: [] } } });
  assert.equal((await answered).a!.value, 1);

  // Two executions in one worker share one sampling; one without a worker here is left out.
  sent.length = 0;
  const shared = requests.ofExecutions(["a", "b", "gone"], { numSamples: 10, delayBetweenSamplesMs: 10 }, (id) => (id === "gone" ? undefined : worker));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(sent.length, 1, "one request to the worker");
  const request = sent[0] as Extract<ToWorker, { type: "sample-cpu" }>;
  assert.deepEqual(request.executionIds, ["a", "b"]);
  const tree = { name: "root", value: 2, children: [] };
  requests.answered({ type: "cpu-samples", requestId: request.requestId, trees: { a: tree, b: tree } });
  assert.deepEqual(Object.keys(await shared).sort(), ["a", "b"]);

  const stuck = requests.request(worker, { numSamples: 10, delayBetweenSamplesMs: 10 }, ["a"]);
  clock.advance(100 + 10_000);
  await assert.rejects(stuck, (e: Error) => e instanceof CpuSamplingError && /did not answer .* stuck in a loop/.test(e.message));
});

test("the tracker samples a vertex only when asked, one sampling at a time, again after the refresh interval, and forgets unused vertices", async () => {
  let now = 1_000;
  const calls: string[] = [];
  let finish: (() => void)[] = [];
  const sample = (jobId: string, vertexId: string): Promise<VertexCpuSamples> => {
    calls.push(`${jobId}/${vertexId}`);
    return new Promise((resolve) => finish.push(() => resolve({ endTimestamp: now, subtasks: [{ subtask: 0, attempt: 0, tree: { name: "root", value: 1, children: [] } }] })));
  };
  const settle = async (): Promise<void> => {
    const f = finish;
    finish = [];
    f.forEach((done) => done());
    await new Promise((resolve) => setImmediate(resolve));
  };
  const tracker = new VertexCpuSampleTracker(
    { enabled: true, numSamples: 10, delayBetweenSamplesMs: 5, refreshIntervalMs: 60_000, cleanupIntervalMs: 600_000 },
    sample,
    quietLogger(),
    () => now,
  );
  assert.deepEqual(calls, [], "nothing is sampled before a request");
  assert.equal(tracker.get("j", "v"), undefined);
  assert.equal(tracker.get("j", "v"), undefined);
  assert.deepEqual(calls, ["j/v"], "one sampling while one runs");
  await settle();
  assert.equal(tracker.get("j", "v")?.endTimestamp, 1_000);
  assert.deepEqual(calls, ["j/v"], "fresh samples are served as they are");
  now += 60_000;
  assert.equal(tracker.get("j", "v")?.endTimestamp, 1_000, "old samples are served while new ones are taken");
  assert.deepEqual(calls, ["j/v", "j/v"]);
  await settle();
  now += 600_000;
  assert.equal(tracker.get("j", "w"), undefined);
  assert.equal(tracker.isSampling("j", "v"), false);
  assert.equal(tracker.get("j", "v"), undefined, "samples not asked for within the cleanup interval are dropped");
});

test("flame-graph settings: Flink's defaults, and a sampling longer than the RPC timeout refused naming the keys", () => {
  assert.deepEqual(flameGraphSettings({}), { enabled: false, numSamples: 100, delayBetweenSamplesMs: 50, refreshIntervalMs: 60_000, cleanupIntervalMs: 600_000 });
  assert.throws(
    () => flameGraphSettings({ "rest.flamegraph.enabled": "true", "rest.flamegraph.num-samples": "1000" }),
    (e: Error) => e instanceof ConfigurationError && /rest\.flamegraph\.num-samples × rest\.flamegraph\.delay-between-samples = 50000 ms.*pekko\.ask\.timeout \(10000 ms\)/.test(e.message),
  );
  assert.equal(flameGraphSettings({ "rest.flamegraph.enabled": "true", "rest.flamegraph.num-samples": "1000", "pekko.ask.timeout": "2 min" }).numSamples, 1000);
});
