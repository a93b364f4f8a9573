/**
 * collectAsync() (issue 20 item 4; docs/architecture.md, "Collecting results") on the MiniCluster:
 * the definition consumes records while the job runs, fetched from the collect sink's bounded
 * buffer through the JobMaster's coordinator; stopping (break, close()) cancels the job, which is
 * unbounded. Reference: the generator's squares in order (source, map and sink at parallelism 1).
 * Across a failure with exactly-once checkpoints the consumer sees every record exactly once.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";

const dir = mkdtempSync(join(tmpdir(), "sluice-collect-async-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const squares = (n: number): number[] => Array.from({ length: n }, (_, i) => i * i);
let runs = 0;

async function collect(args: { take: number; bounds?: "bounded" | "unbounded"; failAt?: number; checkpointMs?: number; stop?: "break" | "close"; rate?: number }, config: Record<string, string> = {}) {
  const out = join(dir, `out-${runs++}.json`);
  const r = await runJob(testJob("api/collect-async-job.ts"), {
    args: [out, String(args.take), args.bounds ?? "unbounded", String(args.failAt ?? -1), String(args.checkpointMs ?? 0), args.stop ?? "break", String(args.rate ?? 0)],
    config,
  });
  if (!existsSync(out)) assert.fail(`the definition wrote no records: job ${r.state}${r.failure ? `: ${r.failure.message}` : ""}; ${existsSync(`${out}.error`) ? readFileSync(`${out}.error`, "utf8") : ""}`);
  return { run: r, got: JSON.parse(readFileSync(out, "utf8")) as number[] };
}

test("collectAsync on an unbounded job: the consumer's break cancels the job after the first records", { timeout: 60_000 }, async () => {
  const { run, got } = await collect({ take: 3000 });
  assert.equal(run.state, "CANCELED");
  assert.equal(run.collectedByConsumer, true);
  assert.deepEqual(got, squares(3000));
});

test("collectAsync with a buffer of 1 kb: the sink holds the job back until the consumer fetches, nothing is lost", { timeout: 60_000 }, async () => {
  const { run, got } = await collect({ take: 5000, stop: "close" }, { "collect-sink.batch-size.max": "1 kb" });
  assert.equal(run.state, "CANCELED");
  assert.deepEqual(got, squares(5000));
});

test("collectAsync on a bounded job: every record, then the iterator ends and the job is FINISHED", { timeout: 60_000 }, async () => {
  const { run, got } = await collect({ take: 1_000_000, bounds: "bounded" });
  assert.equal(run.state, "FINISHED", run.failure?.message);
  assert.deepEqual(got, squares(500));
});

test("collectAsync across a failure with exactly-once checkpoints: every record exactly once, in order", { timeout: 90_000 }, async () => {
  // The map fails after 1500 records of its first attempt; the job restores from its last checkpoint.
  const { run, got } = await collect({ take: 4000, failAt: 1500, checkpointMs: 100, rate: 4000 });
  assert.equal(run.state, "CANCELED");
  assert.ok(run.restarts >= 1, `restarts: ${run.restarts}`);
  assert.deepEqual(got, squares(4000));
});

test("collectAsync across a failure without checkpoints: the job starts over and its records come again (at least once, as Flink's)", { timeout: 90_000 }, async () => {
  const { run, got } = await collect({ take: 3000, failAt: 1000, rate: 4000 });
  assert.equal(run.state, "CANCELED");
  assert.ok(run.restarts >= 1, `restarts: ${run.restarts}`);
  // What the consumer saw before the failure, then the restarted job's records from the start.
  const restart = got.findIndex((v, i) => i > 0 && v < got[i - 1]!);
  assert.ok(restart > 0 && restart <= 1000, `the records start over at ${restart}`);
  assert.deepEqual(got.slice(0, restart), squares(restart));
  assert.deepEqual(got.slice(restart), squares(3000 - restart));
});
