/**
 * The pieces of flame graphs that need no cluster (docs/architecture.md, "Flame graphs"): a V8 CPU profile
 * as a call tree with inclusive counts, trees merged across subtasks, the idle split of Flink's types,
 * the worker's sampler (no inspector session until asked; a real profile that names a busy function),
 * the TaskExecutor's request deadline, and the REST tracker's sampling and cache rules.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CpuSampler, type ProfilerSession } from "../../src/runtime/worker/cpu-sampler.js";
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

test("a real V8 profile of this thread names the function that was busy while it sampled", async () => {
  const sampler = new CpuSampler();
  const tree = sampler.sample({ numSamples: 40, delayBetweenSamplesMs: 5 });
  const spin = setInterval(() => spinInTheSamplerTest(15), 20);
  try {
    const names: string[] = [];
    const walk = (n: StackNode): void => void (names.push(n.name), n.children.forEach(walk));
    walk(await tree);
    assert.ok(names.some((n) => /^spinInTheSamplerTest \(flame-graph-samples\.test\.(js|ts):\d+\)$/.test(n)), names.join(" | "));
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
  const answered = requests.request(worker, { numSamples: 10, delayBetweenSamplesMs: 10 });
  const first = sent[0] as Extract<ToWorker, { type: "sample-cpu" }>;
  assert.equal(first.type, "sample-cpu");
  requests.answered({ type: "cpu-samples", requestId: first.requestId, tree: { name: "root", value: 1, children: [] } });
  assert.equal((await answered).value, 1);

  // Two executions in one worker share one sampling; one without a worker here is left out.
  sent.length = 0;
  const shared = requests.ofExecutions(["a", "b", "gone"], { numSamples: 10, delayBetweenSamplesMs: 10 }, (id) => (id === "gone" ? undefined : worker));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(sent.length, 1, "one request to the worker");
  requests.answered({ type: "cpu-samples", requestId: (sent[0] as Extract<ToWorker, { type: "sample-cpu" }>).requestId, tree: { name: "root", value: 2, children: [] } });
  assert.deepEqual(Object.keys(await shared).sort(), ["a", "b"]);

  const stuck = requests.request(worker, { numSamples: 10, delayBetweenSamplesMs: 10 });
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
