/**
 * FLIP-147: checkpoints go on after part of a job has finished. One source of a job ends early;
 * its task stays until a checkpoint taken after it finished has completed, then reaches FINISHED,
 * and the rest of the job keeps completing checkpoints, which record it as finished — so a restore
 * from one of them does not run it again (its records are committed exactly once).
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { getJson, startRestCluster } from "../rest/support.js";
import { committedLines } from "../sinks/sink-test-support.js";
import { assertSameLines } from "../sinks/same-lines.js";

const JOB = testJob("early-finishing-source.ts");
const EARLY = 200;
const LATE = 2500;

interface JobDetails {
  state: string;
  vertices: { id: string; name: string; status: string }[];
}

interface CheckpointStats {
  counts: { completed: number };
  latest: { completed: { id: number; num_subtasks: number; num_acknowledged_subtasks: number; tasks: Record<string, { num_subtasks: number; num_acknowledged_subtasks: number }> } | null };
}

function reference(): string[] {
  return [...Array.from({ length: EARLY }, (_, i) => `early,${i}`), ...Array.from({ length: LATE }, (_, i) => `late,${i}`)].sort();
}

async function runWithEarlyFinish(failAtLateIndex: number): Promise<void> {
  const rc = await startRestCluster({ taskManagers: 1, slots: 2 });
  try {
    const out = mkdtempSync(join(tmpdir(), "sluice-early-finish-"));
    let jobId = "";
    const run = runJob(JOB, { client: new MiniClusterClient(rc.cluster), args: [out, String(EARLY), String(LATE), "1000", "100", String(failAtLateIndex)], onSubmitted: (id) => (jobId = id) });
    const details = (): Promise<JobDetails> => getJson<JobDetails>(rc.url, `/jobs/${jobId}`);
    const stats = (): Promise<CheckpointStats> => getJson<CheckpointStats>(rc.url, `/jobs/${jobId}/checkpoints`);
    let early!: JobDetails["vertices"][number];
    await waitFor(async () => jobId !== "" && (early = (await details()).vertices.find((v) => v.name === "Early")!)?.status === "FINISHED", "the Early source to finish");
    const completedThen = (await stats()).counts.completed;
    let latest!: CheckpointStats;
    await waitFor(async () => (latest = await stats()).counts.completed >= completedThen + 3, "three more completed checkpoints after Early finished", 30_000);
    assert.equal((await details()).state, "RUNNING", "the rest of the job still runs");
    // The finished task counts as acknowledged (recorded as finished), as in Flink's statistics.
    const c = latest.latest.completed!;
    assert.equal(c.num_acknowledged_subtasks, c.num_subtasks);
    assert.equal(c.tasks[early.id]!.num_acknowledged_subtasks, 1);

    const result = await run;
    assert.equal(result.state, "FINISHED", result.failure?.message);
    if (failAtLateIndex >= 0) {
      assert.equal(result.restarts, 1);
      assert.ok(result.checkpoints.restored >= 1, "restored from a checkpoint");
    }
    assertSameLines(committedLines(out), reference(), "every record of both sources exactly once");
  } finally {
    await rc.close();
  }
}

/**
 * Checkpoints every 10 ms while the job ends: barriers come close behind end-of-data. A consumer
 * finishes its operators before it takes the next frame (stream-task.ts), so the producers' final
 * checkpoint is its own too and it never waits for one after its producers have ended. (The race that
 * made this matter hung a final-checkpoint failure scenario once; this test has not reproduced it on
 * its own.)
 */
async function runsToTheEndWithFrequentCheckpoints(): Promise<void> {
  const rc = await startRestCluster({ taskManagers: 1, slots: 2 });
  try {
    // Late at full speed keeps the sink's input queue full, so its end-of-data and the next barrier
    // are taken from the queue in one go.
    const late = 20_000;
    for (let run = 0; run < 3; run++) {
      const out = mkdtempSync(join(tmpdir(), "sluice-frequent-final-"));
      const result = await runJob(JOB, { client: new MiniClusterClient(rc.cluster), args: [out, "300", String(late), "10000000", "10", "-1"] });
      assert.equal(result.state, "FINISHED", result.failure?.message);
      const expected = [...Array.from({ length: 300 }, (_, i) => `early,${i}`), ...Array.from({ length: late }, (_, i) => `late,${i}`)].sort();
      assertSameLines(committedLines(out), expected, `run ${run}`);
    }
  } finally {
    await rc.close();
  }
}

describe("checkpoints after tasks finish", () => {
  it("ends through the final checkpoint, every record once, with checkpoints every 10 ms", { timeout: 120_000 }, async () => {
    await runsToTheEndWithFrequentCheckpoints();
  });

  it("keeps completing checkpoints after one source finished early", async () => {
    await runWithEarlyFinish(-1);
  });

  it("restores from a checkpoint taken after a source finished without running that source again", async () => {
    // Late record 1800 comes about 1.8 s in, long after Early (200 records at full speed) finished.
    await runWithEarlyFinish(1800);
  });
});
