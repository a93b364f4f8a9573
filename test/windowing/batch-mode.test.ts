/**
 * Batch execution mode (src/api/runtime-mode.ts; docs/architecture.md, "Batch execution mode"):
 * the same bounded, out-of-order job on the MiniCluster in streaming, batch and automatic mode.
 * Batch gives Flink's batch results — nothing late, one final sum per key, timers at the end with
 * the watermark at −∞ before — and takes no checkpoints; streaming drops the late elements and
 * emits every running sum; automatic picks batch for bounded sources, streaming otherwise. In batch
 * mode keyed input is processed key by key: a key's timers fire at the end of that key, in key order.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { runJob } from "../../src/client/job-runner.js";
import { StreamExecutionEnvironment } from "../../src/api/environment.js";
import { DataGeneratorSource } from "../../src/connectors/data-generator-source.js";
import { checkpointSettings } from "../../src/cluster/jobmaster/checkpoint-settings.js";
import { COLLECT_PREFIX } from "../jobs/windowing/support/collect.js";
import { testJob } from "../support/paths.js";
import { BATCH_EVENTS, batchFinalSums, batchTimerOutput, batchWindowSums, streamingRunningSums } from "../jobs/support/batch-mode-reference.js";
import { READINGS, batchPerKeyReference, batchSumsInKeyOrder } from "../jobs/support/batch-per-key-reference.js";

async function run(args: string[], config: Record<string, string> = {}): Promise<{ mode: unknown; out: Map<string, string[]> }> {
  const r = await runJob(testJob("batch-mode.ts"), { parallelism: 2, args, config });
  assert.equal(r.state, "FINISHED", r.failure?.message);
  const out = new Map<string, string[]>();
  for (const v of r.jobGraph.vertices) {
    for (const o of v.operators) if (o.name.startsWith(COLLECT_PREFIX)) out.set(o.name.slice(COLLECT_PREFIX.length), ((r.collected[o.nodeId] ?? []) as string[]).slice().sort());
  }
  return { mode: r.jobGraph.settings.runtimeMode, out };
}

test("batch mode: nothing is late, keyed aggregations emit one final result per key, timers fire at the end", async () => {
  const { mode, out } = await run(["batch"]);
  assert.equal(mode, "batch");
  assert.deepEqual(out.get("windows"), batchWindowSums(BATCH_EVENTS));
  assert.deepEqual(out.get("running-sum"), batchFinalSums(BATCH_EVENTS));
  assert.deepEqual(out.get("timers"), batchTimerOutput(BATCH_EVENTS));
});

test("streaming mode on the same input drops the late elements and emits every running sum", async () => {
  const { mode, out } = await run(["streaming"]);
  assert.equal(mode, "streaming");
  assert.deepEqual(out.get("running-sum"), streamingRunningSums(BATCH_EVENTS));
  const windows = out.get("windows")!;
  assert.notDeepEqual(windows, batchWindowSums(BATCH_EVENTS), "late elements were dropped in streaming mode");
  const total = (rows: string[]): number => rows.reduce((s, r) => s + Number(r.split(":")[1]), 0);
  assert.ok(total(windows) < total(batchWindowSums(BATCH_EVENTS)));
});

test("execution.runtime-mode=automatic runs a job over bounded sources in batch mode", async () => {
  const { mode, out } = await run([], { "execution.runtime-mode": "automatic" });
  assert.equal(mode, "batch");
  assert.deepEqual(out.get("running-sum"), batchFinalSums(BATCH_EVENTS));
});

test("automatic is streaming with an unbounded source; batch with one is refused with a clear error; batch takes no checkpoints", () => {
  const env = new StreamExecutionEnvironment(1, { "execution.runtime-mode": "automatic" });
  env.fromSource(new DataGeneratorSource((i) => i)).print();
  assert.equal(env.jobSettings().runtimeMode, "streaming");
  env.setRuntimeMode("batch");
  assert.throws(() => env.jobSettings(), /batch mode needs every source to be bounded/);
  assert.throws(() => env.setRuntimeMode("fast" as never), /must be one of streaming, batch, automatic/);

  const bounded = new StreamExecutionEnvironment(1, {}).setRuntimeMode("batch").enableCheckpointing(100);
  bounded.fromCollection([1, 2, 3]).print();
  const settings = bounded.jobSettings();
  assert.equal(settings.runtimeMode, "batch");
  assert.equal(checkpointSettings(settings, {}).intervalMs, 0);
  assert.equal(checkpointSettings({ ...settings, runtimeMode: "streaming" }, {}).intervalMs, 100);
});

test("batch mode processes keyed input key by key: sorted by key, then time; a key's timers fire at its end; timers set by timers are dropped", { timeout: 120_000 }, async () => {
  const r = await runJob(testJob("batch-per-key.ts"), { args: ["batch"] });
  assert.equal(r.state, "FINISHED", r.failure?.message);
  const collected = (name: string): unknown[] => {
    const op = r.jobGraph.vertices.flatMap((v) => v.operators).find((o) => o.name === COLLECT_PREFIX + name)!;
    return r.collected[op.nodeId] ?? [];
  };
  // Order matters here: parallelism 1 throughout, so the output is in the order the operator worked.
  assert.deepEqual(collected("timers"), batchPerKeyReference(READINGS));
  assert.deepEqual(collected("sums"), batchSumsInKeyOrder(READINGS));
});
