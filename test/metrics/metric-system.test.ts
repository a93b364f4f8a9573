/**
 * The metric system's parts against computed references (docs/metrics.md): meters and histograms,
 * groups with Flink's scopes and variables, the dump, the Prometheus text format, the REST store's
 * names and the endpoints' aggregations, the reporters' port ranges, user metrics through
 * getMetricGroup() in the operator harness, and a TaskManager collection that a silent worker
 * cannot block.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";
import { test } from "node:test";
import { MeterView, SimpleCounter, WindowHistogram } from "../../src/runtime/metrics/metric-types.js";
import { MetricRegistry } from "../../src/runtime/metrics/metric-group.js";
import { operatorGroup, taskManagerGroup, type TaskScope } from "../../src/runtime/metrics/scopes.js";
import { toPrometheusText } from "../../src/cluster/metrics/prometheus-format.js";
import { MetricStore } from "../../src/cluster/metrics/metric-store.js";
import { MetricFetcher } from "../../src/cluster/metrics/metric-fetcher.js";
import type { RpcService } from "../../src/cluster/rpc/interface.js";
import { aggregatedJson, metricsJson, parseAggregations, parseSubtasks } from "../../src/rest/routes/metric-routes.js";
import { parsePortRange } from "../../src/cluster/metrics/metric-options.js";
import { MetricReporterPortError, PrometheusReporter } from "../../src/cluster/metrics/prometheus-reporter.js";
import { formatMetricReport, LogReporter } from "../../src/cluster/metrics/log-reporter.js";
import { TaskManagerMetrics } from "../../src/cluster/taskexecutor/task-manager-metrics.js";
import type { SlotWorkerHandle } from "../../src/cluster/taskexecutor/slot-worker-handle.js";
import { NO_WATERMARK_VALUE } from "../../src/runtime/tasks/task-metric-groups.js";
import { OperatorTestHarness } from "../../src/testing/operator-test-harness.js";
import { Logger, type LogRecord } from "../../src/util/logger.js";
import { ManualClock, systemClock } from "../../src/util/clock.js";
import type { MetricGroupDump } from "../../src/runtime/metrics/metric-dump.js";
import { chainedTarget, instrumentedOutput, planOperatorIo } from "../../src/runtime/tasks/chain-io-metrics.js";
import type { JobVertex } from "../../src/graph/job-graph.js";
import type { Output } from "../../src/runtime/operators/output.js";
import type { StreamOperator } from "../../src/runtime/operators/stream-operator.js";

const SCOPE: TaskScope = { host: "h1", tmId: "tm-1", jobId: "j1", jobName: "My Job", vertexId: "v1", taskName: "Source -> Map", subtaskIndex: 1, attemptNumber: 0, executionId: "e1" };

test("a meter's rate is events per second over the last minute, from its counter", () => {
  let now = 0;
  const counter = new SimpleCounter();
  const meter = new MeterView(counter, () => now);
  for (let s = 1; s <= 30; s++) {
    now = s * 1000;
    meter.markEvent(50);
    meter.getRate();
  }
  assert.equal(meter.getCount(), 1500);
  assert.ok(Math.abs(meter.getRate() - 50) < 1e-9, `rate ${meter.getRate()}`);
  // Quiet for two minutes: only the quiet span is in the window.
  for (let s = 31; s <= 150; s++) {
    now = s * 1000;
    meter.getRate();
  }
  assert.equal(meter.getRate(), 0);
});

test("a histogram's statistics over its window", () => {
  const h = new WindowHistogram(100);
  for (let v = 1; v <= 200; v++) h.update(v); // the window keeps 101..200
  const s = h.getStatistics();
  assert.equal(s.count, 200);
  assert.equal(s.min, 101);
  assert.equal(s.max, 200);
  assert.equal(s.mean, 150.5);
  assert.equal(s.quantile(0.5), 150.5);
  const values = Array.from({ length: 100 }, (_, i) => 101 + i);
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - 150.5) ** 2, 0) / 99);
  assert.ok(Math.abs(s.stddev - sd) < 1e-9);
});

test("groups have Flink's scope components and variables; addGroup(key, value) adds a variable; dumps read every metric", () => {
  const registry = new MetricRegistry();
  const op = operatorGroup(registry, SCOPE, "op-uid", "Map");
  assert.deepEqual(op.getScopeComponents(), ["h1", "taskmanager", "tm-1", "My Job", "Map", "1"]);
  assert.equal(op.getAllVariables()["<operator_name>"], "Map");
  assert.equal(op.getAllVariables()["<subtask_index>"], "1");
  const user = op.addGroup("region", "eu");
  assert.equal(user.getAllVariables()["<region>"], "eu");
  assert.deepEqual(user.getScopeComponents().slice(-2), ["region", "eu"]);
  const c = user.counter("hits");
  c.inc(3);
  c.dec();
  assert.equal(user.counter("hits"), user.counter("hits"), "the same name twice is not registered twice");
  user.gauge("broken", () => {
    throw new Error("user gauge fails");
  });
  user.gauge("label", () => "a string");
  const dump = registry.dump();
  const g = dump.find((d) => d.userScope.length > 0)!;
  assert.deepEqual(g.logicalScope, ["taskmanager", "job", "task", "operator", "region"]);
  assert.deepEqual(g.userScope, ["region", "eu"]);
  assert.deepEqual(
    g.metrics.map((m) => [m.name, m.value]),
    [
      ["hits", 2],
      ["label", "a string"],
    ],
    "a throwing gauge is left out",
  );
  op.close();
  assert.deepEqual(registry.dump(), []);
});

test("the Prometheus text: sluice_ + logical scope + name, variables as labels, escaped; histograms as summaries; strings left out", () => {
  const registry = new MetricRegistry();
  const op = operatorGroup(registry, { ...SCOPE, jobName: 'quote " and \\ back\nslash' }, "op-uid", "Map");
  op.counter("numRecordsIn").inc(7);
  op.gauge("buffers.inPoolUsage", () => 0.25);
  op.gauge("name", () => "text");
  const h = op.addGroup("user").histogram("latency");
  for (let v = 0; v < 10; v++) h.update(v);
  const text = toPrometheusText(registry.dump());
  const lines = text.trim().split("\n");
  for (const line of lines) assert.match(line, /^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? [-+0-9.eE]+|.*NaN)$/, line);
  assert.ok(lines.includes("# TYPE sluice_taskmanager_job_task_operator_numRecordsIn gauge"));
  const sample = lines.find((l) => l.startsWith("sluice_taskmanager_job_task_operator_numRecordsIn{"))!;
  assert.match(sample, / 7$/);
  assert.ok(sample.includes('job_name="quote \\" and \\\\ back\\nslash"'), sample);
  assert.ok(sample.includes('operator_name="Map"') && sample.includes('subtask_index="1"') && sample.includes('tm_id="tm-1"'));
  assert.ok(lines.some((l) => l.startsWith("sluice_taskmanager_job_task_operator_buffers_inPoolUsage{") && l.endsWith(" 0.25")));
  assert.ok(!text.includes("text"), "string gauges have no Prometheus value");
  assert.ok(lines.includes("# TYPE sluice_taskmanager_job_task_operator_user_latency summary"));
  assert.ok(lines.some((l) => l.includes('quantile="0.5"') && l.endsWith(" 4.5")));
  assert.ok(lines.some((l) => l.startsWith("sluice_taskmanager_job_task_operator_user_latency_count{") && l.endsWith(" 10")));
});

test("the REST store names task metrics, <operator>.<metric>, user scopes and histogram parts as Flink does", () => {
  const registry = new MetricRegistry();
  const op = operatorGroup(registry, SCOPE, "op-uid", "Map");
  op.counter("numRecordsOut").inc(5);
  op.gauge("currentOutputWatermark", () => NO_WATERMARK_VALUE);
  op.addGroup("user").histogram("h").update(3);
  const tm = taskManagerGroup(registry, "tm-1", "h1");
  tm.gauge("Status.JVM.Memory.Heap.Used", () => 1234);
  const store = new MetricStore();
  store.add(registry.dump());
  const subtask = store.jobs.get("j1")!.tasks.get("v1")!.subtasks.get(1)!;
  assert.equal(subtask.get("Map.numRecordsOut"), "5");
  assert.equal(subtask.get("Map.currentOutputWatermark"), "-9223372036854775808");
  assert.equal(subtask.get("Map.user.h_p99"), "3");
  assert.equal(subtask.get("Map.user.h_count"), "1");
  assert.equal(store.taskManagers.get("tm-1")!.get("Status.JVM.Memory.Heap.Used"), "1234");
  // Flink's query-service filter: space . : , in operator names and user groups become "_".
  operatorGroup(registry, { ...SCOPE, subtaskIndex: 0 }, "u2", "Source: Kafka, v1.2").addGroup("my group").counter("n").inc();
  store.add(registry.dump());
  assert.equal(store.jobs.get("j1")!.tasks.get("v1")!.subtasks.get(0)!.get("Source__Kafka__v1_2.my_group.n"), "1");
  store.retain(new Set(), new Set(["j1"]));
  assert.equal(store.taskManagers.size, 0);
  assert.equal(store.jobs.size, 1);
});

test("the endpoints' answers: ids, values of known names only, min/max/avg/sum/skew as Flink computes them", () => {
  const values = new Map([
    ["a", "1"],
    ["b", "x"],
  ]);
  assert.deepEqual(metricsJson(values, undefined), [{ id: "a" }, { id: "b" }]);
  assert.deepEqual(metricsJson(values, "b,zzz,a"), [
    { id: "b", value: "x" },
    { id: "a", value: "1" },
  ]);
  const entities = [10, 20, 60].map((n) => new Map([["n", String(n)], ["s", "text"]]));
  const [n] = aggregatedJson(entities, { get: "n,s,missing" });
  // Skew: mean absolute deviation ((20 + 10 + 30) / 3) over the mean (30), in percent.
  assert.deepEqual(n, { id: "n", min: 10, max: 60, avg: 30, sum: 90, skew: (20 / 30) * 100 });
  assert.equal(aggregatedJson(entities, { get: "n,s,missing" }).length, 1, "non-numeric and missing metrics are left out");
  assert.deepEqual(aggregatedJson(entities, { get: "n", agg: "SUM,max" }), [{ id: "n", sum: 90, max: 60 }]);
  assert.throws(() => parseAggregations("avg,p99"), /unknown aggregation "p99"/);
  assert.deepEqual([...parseSubtasks("0, 2-4,3")!].sort(), [0, 2, 3, 4]);
  assert.throws(() => parseSubtasks("a"), /not a subtask index/);
  assert.equal(parseSubtasks(undefined), undefined);
});

test("metrics.reporter.prom.port: a port or a range; the first free port of the range is taken, none free is a clear error", async () => {
  assert.deepEqual(parsePortRange("9249"), [9249]);
  assert.deepEqual(parsePortRange(" 9249 - 9251 "), [9249, 9250, 9251]);
  for (const bad of ["", "abc", "9260-9250", "70000", "1,2"]) assert.throws(() => parsePortRange(bad), /metrics\.reporter\.prom\.port must be a port or a range/, bad);
  const blockers: Server[] = [];
  const block = (): Promise<number> =>
    new Promise((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => resolve((s.address() as { port: number }).port));
      blockers.push(s);
    });
  try {
    const busy = await block();
    await assert.rejects(PrometheusReporter.start("127.0.0.1", [busy], () => []), (e: Error) => e instanceof MetricReporterPortError && /no free port .*widen metrics\.reporter\.prom\.port/.test(e.message));
    const reporter = await PrometheusReporter.start("127.0.0.1", [busy, 0], () => []);
    assert.notEqual(reporter.port, busy);
    assert.equal((await fetch(reporter.url)).status, 200);
    assert.equal((await fetch(reporter.url, { method: "POST" })).status, 405);
    await reporter.close();
  } finally {
    for (const s of blockers) s.close();
  }
});

test("the log reporter writes every metric at its interval", async () => {
  const registry = new MetricRegistry();
  taskManagerGroup(registry, "tm-9", "h9").counter("numThings").inc(4);
  assert.equal(formatMetricReport(registry.dump()), "taskmanager{host=h9,tm_id=tm-9}.numThings: 4");
  const records: LogRecord[] = [];
  const reporter = new LogReporter(20, () => registry.dump(), new Logger((r) => records.push(r)));
  try {
    const deadline = Date.now() + 5000;
    while (records.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  } finally {
    reporter.close();
  }
  assert.ok(records.length >= 2, `${records.length} reports`);
  assert.match(records[0]!.message, /numThings: 4/);
});

test("user functions register metrics through getMetricGroup() (operator harness)", async () => {
  const harness = new OperatorTestHarness("map", {
    fns: {
      fn: {
        open(ctx: { getMetricGroup(): import("../../src/api/metrics.js").MetricGroup }) {
          this.seen = ctx.getMetricGroup().addGroup("mine").counter("seen");
        },
        map(this: { seen: { inc(): void } }, v: number) {
          this.seen.inc();
          return v;
        },
      } as Record<string, unknown>,
    },
  });
  await harness.open();
  for (let i = 0; i < 3; i++) harness.processElement(i);
  const out: MetricGroupDump[] = [];
  harness.metricGroup.dumpInto(out);
  assert.deepEqual(out.flatMap((g) => g.metrics.map((m) => [g.userScope.join("."), m.name, m.value])), [["mine", "seen", 3]]);
});

test("a TaskManager's collection does not wait for a worker that never answers", async () => {
  const silent: SlotWorkerHandle = { key: "tm-x#0", post: () => {}, deliver: () => {}, connectTo: () => {}, terminate: async () => {} };
  let answering: TaskManagerMetrics;
  const worker: SlotWorkerHandle = {
    ...silent,
    key: "tm-x#1",
    post: (m) => {
      if (m.type === "metric-dump") setImmediate(() => answering.onDump(m.requestId, [{ category: "taskmanager", variables: { tm_id: "tm-x" }, logicalScope: ["taskmanager"], userScope: [], metrics: [{ name: "fromWorker", kind: "counter", value: 1 }] }]));
    },
  };
  // The collection's timers do not keep a process alive (a TaskManager has its sockets); this test does.
  const keepAlive = setInterval(() => {}, 1000);
  const metrics = (answering = new TaskManagerMetrics({ taskManagerId: "tm-x", clock: systemClock, timeoutMs: 100, finalRetentionMs: 1000, workers: () => [silent, worker] }));
  try {
    const dump = await metrics.collect();
    const names = dump.flatMap((g) => g.metrics.map((m) => m.name));
    assert.ok(names.includes("fromWorker"), "the answering worker's metrics");
    assert.ok(names.includes("Status.JVM.Memory.Heap.Used"), "the TaskManager's own metrics");
  } finally {
    metrics.stop();
    clearInterval(keepAlive);
  }
});

test("per-operator counts in a chain: shared where equal, counted where not (source → map → filter → flatMap → sink)", () => {
  const kinds = ["source", "map", "filter", "flatMap", "sink"];
  const vertex = {
    isSource: true,
    operators: kinds.map((kind, i) => ({ nodeId: i + 1, kind, name: kind, uid: kind, chainedOutputs: i + 1 < kinds.length ? [{ nodeId: i + 2 }] : [], networkOutputs: [] })),
  } as unknown as JobVertex;
  const registry = new MetricRegistry();
  const groups = new Map(kinds.map((k, i) => [i + 1, operatorGroup(registry, SCOPE, k, k)]));
  const emitted = new SimpleCounter();
  const plan = planOperatorIo(vertex, (id) => groups.get(id)!, emitted, undefined);
  // Fake operators wired tail to head as the chain does.
  const behaviour: Record<string, (v: number, out: Output) => void> = {
    map: (v, out) => out.collect(v + 1, 0),
    filter: (v, out) => v % 2 === 0 && out.collect(v, 0),
    flatMap: (v, out) => (out.collect(v, 0), out.collect(v, 0)),
    sink: () => {},
  };
  let next: Output | undefined;
  const outputs = new Map<number, Output>();
  for (const d of [...vertex.operators].reverse()) {
    const target = next;
    const output = instrumentedOutput(
      target ?? { collect: () => {}, collectSide: () => {}, emitWatermark: () => {}, emitStreamStatus: () => {} },
      plan.get(d.nodeId),
    );
    outputs.set(d.nodeId, output);
    if (d.kind === "source") break;
    const op = { processElement: (v: number) => behaviour[d.kind]!(v, output), processWatermark: () => {}, processStreamStatus: () => {} } as unknown as StreamOperator;
    const t = chainedTarget(op, plan.get(d.nodeId));
    next = { collect: t.collect, collectSide: () => {}, emitWatermark: t.emitWatermark, emitStreamStatus: t.emitStreamStatus };
  }
  const N = 1000;
  for (let i = 0; i < N; i++) {
    emitted.count++; // what the source operator counts itself
    outputs.get(1)!.collect(i, 0);
  }
  const counts = Object.fromEntries(kinds.map((k, i) => [k, [plan.get(i + 1)!.metrics.numRecordsIn.getCount(), plan.get(i + 1)!.metrics.numRecordsOut.getCount()]]));
  // map turns i into i + 1: the odd inputs become even and pass the filter.
  assert.deepEqual(counts, { source: [N, N], map: [N, N], filter: [N, N / 2], flatMap: [N / 2, N], sink: [N, 0] });
  // Only the filter's output and the sink's input are counted (the rest is shared).
  assert.deepEqual(
    kinds.map((_, i) => [plan.get(i + 1)!.countsIn, plan.get(i + 1)!.countsOut]),
    [[false, false], [false, false], [false, false], [true, false], [true, true]],
  );
});

test("an ended task's last values stay in REST collections for their retention, and are not reported to reporters", async () => {
  const clock = new ManualClock(0);
  const metrics = new TaskManagerMetrics({ taskManagerId: "tm-y", clock, timeoutMs: 100, finalRetentionMs: 60_000, workers: () => [] });
  try {
    const final: MetricGroupDump = { category: "taskmanager.job.task", variables: { job_id: "j", task_id: "v", subtask_index: "0" }, logicalScope: ["taskmanager", "job", "task"], userScope: [], metrics: [{ name: "numRecordsIn", kind: "counter", value: 42 }] };
    metrics.retainFinal("e1", [final]);
    const names = (d: MetricGroupDump[]): string[] => d.flatMap((g) => g.metrics.map((m) => m.name));
    assert.ok(names(await metrics.collect()).includes("numRecordsIn"));
    assert.ok(!names(await metrics.collect(false)).includes("numRecordsIn"));
    clock.advance(60_000);
    assert.ok(!names(await metrics.collect()).includes("numRecordsIn"), "gone after the retention");
  } finally {
    metrics.stop();
  }
});

test("the REST fetcher answers although one TaskManager does not answer or cannot be reached, and keeps that one's last values", async () => {
  const tmDump = (id: string, value: number): MetricGroupDump[] => [{ category: "taskmanager", variables: { tm_id: id }, logicalScope: ["taskmanager"], userScope: [], metrics: [{ name: "x", kind: "gauge", value }] }];
  let round = 0;
  const never = new Promise<never>(() => {});
  const rpc = {
    address: "local://jm",
    serve: () => ({}) as never,
    stop: async () => {},
    // Round 2: the slow TaskManager's call hangs; round 3: connecting to it hangs.
    connect: (address: string) =>
      address === "local://slow" && round >= 3
        ? never
        : Promise.resolve({
            connected: true,
            onDisconnect: () => {},
            close: () => {},
            gateway: { requestMetricDump: () => (address === "local://slow" && round === 2 ? never : Promise.resolve(tmDump(address.slice(8), round))) },
          }),
  } as unknown as RpcService;
  const fetcher = new MetricFetcher({
    rpc,
    gateway: { requestTaskManagers: async () => [{ id: "fast", address: "local://fast" }, { id: "slow", address: "local://slow" }] as never, listJobs: () => [] },
    jobManager: () => [],
    updateIntervalMs: 0,
    timeoutMs: 100,
  });
  try {
    round = 1;
    assert.equal((await fetcher.store()).taskManagers.get("slow")!.get("x"), "1");
    for (round = 2; round <= 3; round++) {
      const store = await fetcher.store();
      assert.equal(store.taskManagers.get("fast")!.get("x"), String(round));
      assert.equal(store.taskManagers.get("slow")!.get("x"), "1", `round ${round}: the silent TaskManager keeps its last values`);
    }
  } finally {
    fetcher.close();
  }
});
