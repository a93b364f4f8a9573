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
  assert.ok(ahead >= FAST * 0.9, `${ahead} fast records before the slow reader resumed`);
});
