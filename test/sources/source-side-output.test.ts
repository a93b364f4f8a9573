/** A source's side output on the MiniCluster: ReaderOutput.collectSideOutput(tag, …) and getSideOutput(tag) on the source's stream. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";

test("records a source sends to a side output arrive at getSideOutput(tag) of its stream, and only those", async () => {
  const result = await runJob(testJob("source-side-output.ts"), { args: ["30"] });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  const lines = (result.records as Array<{ line: string; subtask: number }>).map((r) => r.line).sort();
  const expected = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 === 2).map((i) => `garbage-${i}`).sort();
  assert.deepEqual(lines, expected);
  assert.deepEqual(new Set((result.records as Array<{ subtask: number }>).map((r) => r.subtask)), new Set([0, 1]), "both subtasks sent some");
});
