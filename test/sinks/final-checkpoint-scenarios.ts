/**
 * FLIP-147's final checkpoint for an exactly-once sink (docs/checkpoints.md, "The final
 * checkpoint"), whatever system it writes to. The job's checkpoint interval is an hour, so no
 * checkpoint comes by itself: the test sees the job at end of input with nothing committed, then
 * triggers the final checkpoint and sees everything committed through it.
 */
import assert from "node:assert/strict";
import { runJob } from "../../src/client/job-runner.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { waitFor } from "../support/wait.js";
import { getJson, startRestCluster, type RestCluster } from "../rest/support.js";
import { referenceLines, type SinkFault, type SinkTarget } from "../jobs/sinks/support/sink-job-spec.js";
import { SINK_JOB, jobArgs } from "./sink-test-support.js";
import { sinkSpec, sleep, type SinkOutput } from "./exactly-once-scenarios.js";
import { assertSameLines } from "./same-lines.js";

const NO_PERIODIC_CHECKPOINTS_MS = 3_600_000;

interface CheckpointStats {
  counts: { completed: number };
  latest: { completed: { id: number; status: string; trigger_timestamp: number; latest_ack_timestamp: number } | null };
  history: { id: number; status: string; is_savepoint: boolean }[];
}

interface JobDetails {
  state: string;
  vertices: { id: string; name: string; status: string; metrics: { "read-records": number } }[];
}

/** Records that reached the sink's task (the vertex after the keyBy, which the sink is chained into). */
async function sinkRecordsIn(rc: RestCluster, jobId: string): Promise<number> {
  const job = await getJson<JobDetails>(rc.url, `/jobs/${jobId}`);
  return job.vertices.filter((v) => v.name.includes("sink")).reduce((n, v) => n + v.metrics["read-records"], 0);
}

async function startCluster(config?: Record<string, string>): Promise<RestCluster> {
  return startRestCluster({ taskManagers: 1, slots: 2, config });
}

/**
 * A bounded job at parallelism 1: at end of input (every record at the sink, the job RUNNING)
 * nothing is committed; the checkpoint the test then triggers is the last one listed by REST, the
 * job finishes through it, and everything is committed exactly once. `commitTimes` (when the system
 * can tell) gives when each committed piece became visible: not before the final checkpoint's last
 * acknowledgement, so at its completion.
 */
export async function assertCommittedThroughFinalCheckpoint(target: SinkTarget, output: SinkOutput, options: { config?: Record<string, string>; commitTimes?: () => Promise<number[]> } = {}): Promise<void> {
  const rc = await startCluster(options.config);
  try {
    const count = 1500;
    const spec = sinkSpec(target, { count, recordsPerSecond: 20_000, checkpointIntervalMs: NO_PERIODIC_CHECKPOINTS_MS });
    let jobId = "";
    const run = runJob(SINK_JOB, { client: new MiniClusterClient(rc.cluster), args: jobArgs(spec), onSubmitted: (id) => (jobId = id) });
    await waitFor(async () => jobId !== "" && (await sinkRecordsIn(rc, jobId)) === count, "every record at the sink (end of input)");
    // Before FLIP-147 the sink committed its tail here, at end of input.
    await sleep(500);
    assert.deepEqual(await output.committed(), [], "end of input commits nothing");
    assert.equal((await getJson<JobDetails>(rc.url, `/jobs/${jobId}`)).state, "RUNNING", "the job waits for its final checkpoint");

    const endOfInputAt = Date.now();
    const { checkpointId } = await rc.cluster.dispatcher.triggerCheckpoint(jobId);
    const result = await run;
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assertSameLines(await output.committed(), referenceLines(count), "committed through the final checkpoint");
    assert.deepEqual(await output.staged(), [], "nothing left staged");

    const stats = await getJson<CheckpointStats>(rc.url, `/jobs/${jobId}/checkpoints`);
    const final = stats.latest.completed!;
    assert.equal(final.id, checkpointId, "the final checkpoint is the last completed one listed");
    assert.equal(stats.counts.completed, 1, "the only checkpoint: nothing was committed without it");
    assert.ok(final.trigger_timestamp >= endOfInputAt - 1, "triggered after end of input");
    assert.ok(stats.history.some((h) => h.id === checkpointId && h.status === "COMPLETED" && !h.is_savepoint));
    if (options.commitTimes) {
      const times = await options.commitTimes();
      assert.ok(times.length > 0);
      for (const t of times) assert.ok(t >= final.latest_ack_timestamp, `a commit at ${t}, before the final checkpoint's last acknowledgement at ${final.latest_ack_timestamp}`);
    }
  } finally {
    await rc.close();
  }
}

/**
 * A failure in the sink at the final checkpoint — after its pre-commit (end of input passed, the
 * checkpoint not complete), or at the commit its completion starts — loses and duplicates nothing:
 * the job restarts (from no checkpoint, or from the final one with every task finished on restore,
 * whose recovery commits what it pre-committed) and ends with every record committed once.
 */
export async function assertFinalCheckpointSurvivesFailure(target: SinkTarget, output: SinkOutput, fault: SinkFault["at"], config?: Record<string, string>): Promise<void> {
  const rc = await startCluster(config);
  try {
    const count = 1200;
    // Attempt 0 pre-commits only at the final checkpoint: the fault hits exactly that one.
    const sinkFaults: SinkFault[] = [{ attempt: 0, at: fault, checkpoint: 1 }];
    const spec = sinkSpec(target, { count, recordsPerSecond: 20_000, checkpointIntervalMs: NO_PERIODIC_CHECKPOINTS_MS, sinkFaults, sinkFaultsBelowIndex: Number.MAX_SAFE_INTEGER });
    let jobId = "";
    let ended = false;
    const run = runJob(SINK_JOB, { client: new MiniClusterClient(rc.cluster), args: jobArgs(spec), onSubmitted: (id) => (jobId = id) });
    void run.finally(() => (ended = true));
    await waitFor(async () => jobId !== "" && (await sinkRecordsIn(rc, jobId)) === count, "every record at the sink (end of input)");
    assert.deepEqual(await output.committed(), [], "end of input commits nothing");
    // Checkpoints from now on until the job ends (the restarted attempt needs its own final one).
    const deadline = Date.now() + 90_000;
    while (!ended) {
      if (Date.now() > deadline) throw new Error(`the job did not end after its final checkpoint:\n${rc.logs.lines().slice(-40).join("\n")}`);
      // Each attempt bounded too: a checkpoint that neither completes nor fails would stall the loop.
      await Promise.race([rc.cluster.dispatcher.triggerCheckpoint(jobId).catch(() => undefined), sleep(5000)]);
      await sleep(100);
    }
    const result = await run;
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.equal(result.restarts, 1, `the fault ${fault} restarted the job once`);
    assertSameLines(await output.committed(), referenceLines(count), `fault ${fault} at the final checkpoint`);
    assert.deepEqual(await output.staged(), [], "recovery left nothing staged");
  } finally {
    await rc.close();
  }
}
