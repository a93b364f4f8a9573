/**
 * Watermark alignment through the JobMaster (docs/architecture.md, "Watermark alignment"), on the
 * MiniCluster: the fast reader of test/jobs/aligned-sources.ts would run through its whole split
 * while the slow reader pauses; aligned, it waits for the slow one, so few of its records arrive
 * before the slow reader's second record. No record is lost either way.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";
import type { Tick } from "../jobs/aligned-sources.js";
import type { GeneratedTick } from "../jobs/aligned-generators.js";
import { DataGeneratorSource, StreamExecutionEnvironment, WatermarkAlignmentNotSupportedError, WatermarkStrategy } from "../../src/index.js";

const FAST = 3000;
const SLOW = 300;

/** How many fast records arrived before the slow reader's second record (the one after its pause). */
async function fastBeforeSlowResumed(mode: "aligned" | "unaligned"): Promise<number> {
  // The fast split needs 3 s at 1000 records/s; the slow reader pauses 4 s after its first record.
  const r = await runJob(testJob("aligned-sources.ts"), { args: [mode, String(FAST), String(SLOW), "4000", "1000"] });
  assert.equal(r.state, "FINISHED", r.failure?.message);
  const ticks = r.records as Tick[];
  assert.equal(ticks.filter((t) => t.split === "fast").length, FAST, "every fast record");
  assert.equal(ticks.filter((t) => t.split === "slow").length, SLOW, "every slow record");
  const resumed = ticks.findIndex((t) => t.split === "slow" && t.n === 1);
  return ticks.slice(0, resumed).filter((t) => t.split === "fast").length;
}

test("aligned, the fast reader waits for the slow reader of its group instead of running ahead", { timeout: 60_000 }, async () => {
  const ahead = await fastBeforeSlowResumed("aligned");
  // Allowed drift 100 ms = 10 fast records; what comes on top is the reporting lag (watermark
  // interval, update interval, the round trip through the JobMaster) at 1000 records/s.
  assert.ok(ahead < FAST / 2, `${ahead} fast records before the slow reader resumed`);
});

test("unaligned, the fast reader runs through its split while the slow one pauses", { timeout: 60_000 }, async () => {
  const ahead = await fastBeforeSlowResumed("unaligned");
  // The complement of the aligned bound: under load the fast split may not be through in 4 s.
  assert.ok(ahead > FAST / 2, `${ahead} fast records before the slow reader resumed`);
});

// Sources without a split enumerator (generators, collections, files read by byte range, Nexmark)
// report to the JobMaster as well: two generators of one group.
const GEN_FAST = 3000;
const GEN_SLOW = 1000;

/** How many fast records arrived before the slow generator's last record. */
async function fastBeforeSlowEnded(mode: "aligned" | "unaligned"): Promise<number> {
  // Slow: 1000 records at 500/s, 1 ms of event time each; fast: 1000/s, 10 ms each.
  const r = await runJob(testJob("aligned-generators.ts"), { args: [mode, String(GEN_FAST), String(GEN_SLOW), "500"] });
  assert.equal(r.state, "FINISHED", r.failure?.message);
  const ticks = r.records as GeneratedTick[];
  const ns = (source: string): number[] => ticks.filter((t) => t.source === source).map((t) => t.n).sort((a, b) => a - b);
  assert.deepEqual(ns("fast"), Array.from({ length: GEN_FAST }, (_, i) => i), "every fast record once");
  assert.deepEqual(ns("slow"), Array.from({ length: GEN_SLOW }, (_, i) => i), "every slow record once");
  const slowEnd = ticks.findIndex((t) => t.source === "slow" && t.n === GEN_SLOW - 1);
  return ticks.slice(0, slowEnd).filter((t) => t.source === "fast").length;
}

test("aligned generator sources (no enumerator): the fast one stays near the slow one's event time", { timeout: 60_000 }, async () => {
  const ahead = await fastBeforeSlowEnded("aligned");
  // The slow one ends at event time 1 s, where the fast one, aligned, is at ~110 records (drift
  // 100 ms) plus what it emits between two periodic watermarks; unaligned it is at ~2000.
  assert.ok(ahead < GEN_FAST / 2, `${ahead} fast records before the slow generator ended`);
});

test("unaligned generator sources: the fast one runs ahead", { timeout: 60_000 }, async () => {
  const ahead = await fastBeforeSlowEnded("unaligned");
  assert.ok(ahead > GEN_FAST / 2, `${ahead} fast records before the slow generator ended`);
});

test("withWatermarkAlignment on assignTimestampsAndWatermarks is refused with a clear error", () => {
  const env = new StreamExecutionEnvironment();
  const stream = env.fromSource(new DataGeneratorSource((n) => n, 10), WatermarkStrategy.noWatermarks(), "numbers");
  const aligned = WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((n) => n).withWatermarkAlignment("g", 100);
  assert.throws(() => stream.assignTimestampsAndWatermarks(aligned), (e: Error) => e instanceof WatermarkAlignmentNotSupportedError && /only works on a source.*env\.fromSource/.test(e.message));
  // Without alignment the same strategy is accepted there.
  stream.assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((n) => n));
});
