/**
 * executeAndCollect(limit) (issue 20 item 4) on the MiniCluster: an unbounded job is cancelled
 * once the limit is reached, and the definition receives exactly the first records (reference:
 * the generator's first squares, in order, since source, map and collect sink run at
 * parallelism 1); a bounded job below the limit finishes with all its records.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";

const squares = (n: number): number[] => Array.from({ length: n }, (_, i) => i * i);

test("executeAndCollect(limit) on an unbounded job: the first records, then the job is cancelled", async () => {
  const r = await runJob(testJob("api/collect-limit-job.ts"), { args: ["25"] });
  assert.equal(r.state, "CANCELED");
  assert.deepEqual(r.records, squares(25));
});

test("executeAndCollect(limit) above a bounded job's size: all records, the job finishes", async () => {
  const r = await runJob(testJob("api/collect-limit-job.ts"), { args: ["50", "bounded"] });
  assert.equal(r.state, "FINISHED", r.failure?.message);
  assert.deepEqual(r.records, squares(10));
});
