/**
 * Programmatic configuration (issue 20 item 3) on the MiniCluster: global job parameters read in
 * every function, the job's checkpoint settings over the cluster's keys, disabled chaining, and
 * pipeline.auto-watermark-interval reaching the job's settings (which the sources and
 * assignTimestampsAndWatermarks read, see the watermark-interval test below).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";
import { checkpointSettings } from "../../src/cluster/jobmaster/checkpoint-settings.js";
import { StreamExecutionEnvironment } from "../../src/api/environment.js";
import { ConfigurationError } from "../../src/config/configuration.js";

const N = 40;

test("configure(), getConfig() and getCheckpointConfig() on a running job", async () => {
  const r = await runJob(testJob("api/configured-job.ts"), { args: [String(N), ""], config: { "pipeline.auto-watermark-interval": "1 s", "execution.checkpointing.timeout": "1 min" } });
  assert.equal(r.state, "FINISHED", r.failure?.message);
  const expected = Array.from({ length: N }, (_, i) => `hello ${i + 1}!`);
  assert.deepEqual(r.records, expected);
  assert.equal(r.jobGraph.name, "configured job");
  // disableOperatorChaining(): source, map, filter and collect sink are four tasks.
  assert.equal(r.jobGraph.vertices.length, 4);
  assert.equal(r.jobGraph.settings.autoWatermarkInterval, 1000, "pipeline.auto-watermark-interval from the configuration");
  const s = checkpointSettings(r.jobGraph.settings, { "execution.checkpointing.timeout": "1 min", "execution.checkpointing.min-pause": "1 s" });
  assert.deepEqual(
    { interval: s.intervalMs, timeout: s.timeoutMs, minPause: s.minPauseMs, max: s.maxConcurrent, tolerable: s.tolerableFailures, retain: s.retainOnCancellation },
    { interval: 30, timeout: 20_000, minPause: 5, max: 1, tolerable: 3, retain: true },
    "the job's CheckpointConfig wins over the cluster's keys",
  );
});

test("setAutoWatermarkInterval wins over the configuration key", async () => {
  const r = await runJob(testJob("api/configured-job.ts"), { args: ["3", "70"], config: { "pipeline.auto-watermark-interval": "1 s" } });
  assert.equal(r.state, "FINISHED", r.failure?.message);
  assert.equal(r.jobGraph.settings.autoWatermarkInterval, 70);
});

test("configure() with checkpointing keys: the JobMaster reads them over the cluster's", () => {
  const env = new StreamExecutionEnvironment(1, {});
  env.configure({ "execution.checkpointing.interval": "2 s", "execution.checkpointing.tolerable-failed-checkpoints": "7", "execution.checkpointing.mode": "AT_LEAST_ONCE" });
  const s = checkpointSettings(env.jobSettings(), { "execution.checkpointing.interval": "9 s", "execution.checkpointing.tolerable-failed-checkpoints": "1" });
  assert.deepEqual({ i: s.intervalMs, t: s.tolerableFailures, m: s.mode }, { i: 2000, t: 7, m: "at-least-once" });
  // Without the job's keys, the cluster's apply (also the mode: the job no longer always sends exactly-once).
  const plain = checkpointSettings(new StreamExecutionEnvironment(1, {}).jobSettings(), { "execution.checkpointing.interval": "9 s", "execution.checkpointing.mode": "at-least-once" });
  assert.deepEqual({ i: plain.intervalMs, m: plain.mode }, { i: 9000, m: "at-least-once" });
});

test("bad configuration values name the key", () => {
  const env = new StreamExecutionEnvironment(1, {});
  assert.throws(() => env.configure({ "pipeline.auto-watermark-interval": "soon" }), (e: unknown) => e instanceof ConfigurationError && /pipeline\.auto-watermark-interval/.test(e.message));
  assert.throws(() => env.configure({ "pipeline.global-job-parameters": "novalue" }), /pipeline\.global-job-parameters: "novalue" is not a key:value pair/);
  assert.throws(() => env.getCheckpointConfig().setCheckpointTimeout(0), /checkpoint timeout must be a positive integer/);
});

test("the watermark interval from pipeline.auto-watermark-interval paces assignTimestampsAndWatermarks", async () => {
  const { OperatorTestHarness } = await import("../../src/testing/operator-test-harness.js");
  const { WatermarkStrategy } = await import("../../src/api/watermark-strategy.js");
  const settings = new StreamExecutionEnvironment(1, { "pipeline.auto-watermark-interval": "750 ms" }).jobSettings();
  const strategy = WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((n) => n);
  const h = await new OperatorTestHarness("timestamps-watermarks", { fns: { watermarks: strategy }, settings }).open();
  h.processElement(10);
  h.setProcessingTime(749);
  assert.deepEqual(h.watermarks(), [], "no periodic watermark before the configured interval");
  h.setProcessingTime(750);
  assert.deepEqual(h.watermarks(), [9]);
});
