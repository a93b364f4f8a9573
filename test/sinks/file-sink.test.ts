/**
 * The exactly-once file sink on the MiniCluster: under failures in user code and in the sink
 * itself, its committed part files hold every record of the reference exactly once; committed
 * files change only when a checkpoint completes; recovery removes what failed runs staged.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { isCommittedPartFile, parsePartFileName } from "../../src/connectors/file-sink/index.js";
import { referenceLines, type SinkTarget } from "../jobs/sinks/support/sink-job-spec.js";
import { SINK_JOB, committedLines, jobArgs, stagedPartFiles } from "./sink-test-support.js";
import { assertExactlyOnceUnderFailures, assertVisibleOnlyAfterCheckpoints, oneFaultPerAttempt, sinkSpec, type SinkOutput } from "./exactly-once-scenarios.js";
import { assertSameLines } from "./same-lines.js";
import { assertCommittedThroughFinalCheckpoint, assertFinalCheckpointSurvivesFailure } from "./final-checkpoint-scenarios.js";

function fileTarget(dir: string): SinkTarget {
  return { kind: "file", dir };
}

function partFiles(dir: string): SinkOutput {
  return {
    committed: async () => (existsSync(dir) ? committedLines(dir) : []),
    staged: async () => (existsSync(dir) ? stagedPartFiles(dir) : []),
    writing: async () => existsSync(dir) && stagedPartFiles(dir).length > 0,
  };
}

describe("FileSink", () => {
  it("commits every record exactly once under failures at random points, at parallelism 1 and 2", async () => {
    await assertExactlyOnceUnderFailures({
      seedFor: (seed, parallelism) => seed + parallelism,
      userFailures: 3,
      // One sink fault per later attempt, at each point of the protocol, on the attempt's first
      // checkpoint (which every attempt has before its last record, so each fault fires).
      sinkFaults: oneFaultPerAttempt(3, ["before-pre-commit", "after-pre-commit", "before-commit", "after-commit"]),
      fresh: async () => {
        const dir = mkdtempSync(join(tmpdir(), "sluice-file-sink-"));
        return { target: fileTarget(dir), output: partFiles(dir) };
      },
      restoresFromCheckpoints: true,
    });
  });

  it("keeps records invisible until a checkpoint completes: committed files change only then", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-file-sink-visibility-"));
    await assertVisibleOnlyAfterCheckpoints(fileTarget(dir), partFiles(dir));
  });

  it("commits a bounded job's every record through its final checkpoint, none at end of input", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-file-sink-final-"));
    // A commit renames the part file: its change time is when it became visible.
    const commitTimes = async (): Promise<number[]> => readdirSync(dir).filter(isCommittedPartFile).map((f) => statSync(join(dir, f)).ctimeMs);
    await assertCommittedThroughFinalCheckpoint(fileTarget(dir), partFiles(dir), { commitTimes });
  });

  for (const fault of ["after-pre-commit", "before-commit", "after-commit"] as const) {
    it(`loses and duplicates nothing when it fails ${fault} at the final checkpoint`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "sluice-file-sink-final-fault-"));
      await assertFinalCheckpointSurvivesFailure(fileTarget(dir), partFiles(dir), fault);
    });
  }

  it("removes what an earlier run staged and never overwrites its committed files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-file-sink-leftovers-"));
    writeFileSync(join(dir, ".part-0-5.inprogress"), "stale in-progress\n");
    writeFileSync(join(dir, ".part-0-6.pending"), "stale pending\n");
    writeFileSync(join(dir, ".part-1-2.pending"), "stale pending of subtask 1\n");
    writeFileSync(join(dir, "part-0-3"), "earlier,run\n");
    writeFileSync(join(dir, "notes.txt"), "not the sink's\n");

    const count = 300;
    const result = await runJob(SINK_JOB, { args: jobArgs(sinkSpec(fileTarget(dir), { count, parallelism: 2 })) });
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.deepEqual(stagedPartFiles(dir), []);
    assert.equal(readFileSync(join(dir, "part-0-3"), "utf8"), "earlier,run\n");
    assert.ok(existsSync(join(dir, "notes.txt")));
    assertSameLines(committedLines(dir).filter((l) => l !== "earlier,run"), referenceLines(count), "leftovers run");
    const newParts = readdirSync(dir)
      .map(parsePartFileName)
      .filter((p) => p?.state === "committed" && p.subtask === 0 && p.part !== 3);
    assert.ok(newParts.length > 0 && newParts.every((p) => p!.part > 3), "numbering continues after the committed files");
  });
});
