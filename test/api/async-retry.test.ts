/**
 * orderedWaitWithRetry / unorderedWaitWithRetry (issue 20 item 5) on the MiniCluster against a
 * reference: every element answered once, after exactly the calls the flaky service needs
 * (failures, then an empty answer on every fifth element), in input order when ordered; and a
 * strategy with too few attempts lets the last error fail the job.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runCollecting } from "../windowing/support/job-results.js";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";
import { COUNT, emptyFirst, failuresOf } from "../jobs/api/async-retry-job.js";
import { AsyncRetryStrategies, RetryPredicates } from "../../src/api/async/async-retry.js";

const reference = Array.from({ length: COUNT }, (_, i) => ({ i, calls: failuresOf(i) + (emptyFirst(i) ? 2 : 1) }));

test("orderedWaitWithRetry with a fixed delay: every element after its retries, in input order", async () => {
  const out = await runCollecting("api/async-retry-job.ts", 1, ["ordered"]);
  assert.deepEqual(out.get("answers"), reference);
});

test("unorderedWaitWithRetry with exponential backoff: every element after its retries", async () => {
  const out = await runCollecting("api/async-retry-job.ts", 1, ["unordered"]);
  const sort = (xs: unknown[]) => [...(xs as { i: number }[])].sort((a, b) => a.i - b.i);
  assert.deepEqual(sort(out.get("answers")!), reference);
});

test("retries exhausted: the last error fails the job", async () => {
  const r = await runJob(testJob("api/async-retry-job.ts"), { args: ["exhausted"], config: { "restart-strategy.type": "none" } });
  assert.equal(r.state, "FAILED");
  assert.match(r.failure?.message ?? "", /service unavailable for 2 \(call 2\)/);
});

test("the strategies' delays and limits", () => {
  const exp = AsyncRetryStrategies.exponentialBackoff(5, 10, 50, 2).ifException(RetryPredicates.HAS_EXCEPTION_PREDICATE).build();
  assert.deepEqual([1, 2, 3, 4, 5].map((a) => exp.getBackoffTimeMillis(a)), [10, 20, 40, 50, 50]);
  assert.deepEqual([5, 6].map((a) => exp.canRetry(a)), [true, false]);
  assert.throws(() => AsyncRetryStrategies.fixedDelay(2, 5).build(), /give ifResult\(\.\.\.\) and\/or ifException/);
});
