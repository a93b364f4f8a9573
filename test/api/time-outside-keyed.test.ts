/**
 * timerService() outside keyed streams and currentWatermark() on broadcast contexts (issue 20
 * item 7), on the MiniCluster at parallelism 1 and 3: the watermark each function reports per
 * event against the reference (the watermarks the deterministic epoch source emitted before that
 * event, see epoch-source.ts); registering a timer fails the job with the fix in the message.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { generateEvents, watermarksAt } from "../jobs/windowing/support/events.js";
import { canonical } from "../windowing/support/reference.js";
import { runCollecting } from "../windowing/support/job-results.js";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";

const SEED = 5;
const events = generateEvents(SEED);
const wms = watermarksAt(events);
const reference = (filter: (side: string) => boolean) => events.flatMap((e, i) => (filter(e.side) ? [{ id: e.id, wm: wms[i]!, clock: true }] : []));

describe("the watermark outside keyed streams", () => {
  const results = new Map<number, Map<string, unknown[]>>();
  before(async () => {
    for (const p of [1, 3]) results.set(p, await runCollecting("api/time-outside-keyed-job.ts", p, [String(SEED)]));
  });
  test("the events cross several watermarks", () => assert.ok(new Set(wms).size >= 10));
  for (const p of [1, 3]) {
    test(`ProcessFunction's timerService() at parallelism ${p}`, () => assert.deepEqual(canonical(results.get(p)!.get("process")!), canonical(reference(() => true))));
    test(`CoProcessFunction's timerService() at parallelism ${p}`, () => assert.deepEqual(canonical(results.get(p)!.get("co-process")!), canonical(reference(() => true))));
    test(`both broadcast contexts' currentWatermark() at parallelism ${p}`, () => {
      // Every parallel instance sees every broadcast (R) event.
      const want = [...reference((s) => s === "L"), ...Array.from({ length: p }, () => reference((s) => s === "R")).flat()];
      assert.deepEqual(canonical(results.get(p)!.get("broadcast")!), canonical(want));
    });
  }
});

test("registering a timer on a non-keyed stream fails the job, saying to keyBy()", async () => {
  const r = await runJob(testJob("api/time-outside-keyed-job.ts"), { parallelism: 1, args: [String(SEED), "register"], config: { "restart-strategy.type": "none" } });
  assert.equal(r.state, "FAILED");
  assert.match(r.failure?.message ?? "", /timers can only be set on keyed streams: call keyBy\(\)/);
  assert.equal(r.failure?.name, "TimersNotSupportedError");
});
