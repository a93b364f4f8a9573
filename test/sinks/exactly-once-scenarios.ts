/**
 * The scenarios every exactly-once sink is tested under, whatever system it writes to: each sink's
 * test gives the target and how to read what the system holds.
 */
import assert from "node:assert/strict";
import { runJob } from "../../src/client/job-runner.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { waitFor } from "../support/wait.js";
import { failurePoints, referenceLines, seededRandom, type SinkFault, type SinkFaultPoint, type SinkJobSpec, type SinkTarget } from "../jobs/sinks/support/sink-job-spec.js";
import { SINK_JOB, expectedRestarts, indexesOf, jobArgs, sinkFaultGuard, testSeed } from "./sink-test-support.js";
import { assertSameLines } from "./same-lines.js";

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A job of `count` records into `target`, checkpointing every 50 ms, without failures unless overridden. */
export function sinkSpec(target: SinkTarget, overrides: Partial<SinkJobSpec> = {}): SinkJobSpec {
  return {
    target,
    count: 4000,
    parallelism: 1,
    recordsPerSecond: 2000,
    checkpointIntervalMs: 50,
    userFailures: [],
    sinkFaults: [],
    sinkFaultsBelowIndex: 0,
    ...overrides,
  };
}

/** A sink fault on each attempt from `firstAttempt` on, at the points given in order, on the attempt's first checkpoint. */
export function oneFaultPerAttempt(firstAttempt: number, points: readonly SinkFaultPoint[]): SinkFault[] {
  return points.map((at, i) => ({ attempt: firstAttempt + i, at, checkpoint: 1 }));
}

/** What a test reads from the system a sink writes to. */
export interface SinkOutput {
  /** The records a reader of the system sees (committed), as sorted lines. */
  committed(): Promise<string[]>;
  /** What transactions no checkpoint committed left in the system (staged files, prepared transactions). */
  staged(): Promise<string[]>;
  /** Whether the sink's open transaction has written records that are not visible yet. */
  writing(): Promise<boolean>;
}

export interface FailureScenario {
  /** The seed of the failure points at a parallelism, from the run's seed. */
  seedFor(seed: number, parallelism: number): number;
  userFailures: number;
  /** One sink fault per later attempt, at each point of the protocol. */
  sinkFaults: SinkFault[];
  /** A fresh target for one run, and how to read it. */
  fresh(): Promise<{ target: SinkTarget; output: SinkOutput }>;
  /** Whether every run must have restored from a checkpoint at least once. */
  restoresFromCheckpoints: boolean;
  /** The cluster's configuration (e.g. the s3.* keys of the target's file system). */
  config?: Record<string, string>;
}

/**
 * At parallelism 1 and 2, under failures in user code at random points and in the sink at each point
 * of the two-phase protocol: the system holds every record exactly once, and nothing staged is left.
 */
export async function assertExactlyOnceUnderFailures(scenario: FailureScenario): Promise<void> {
  const seed = testSeed();
  for (const parallelism of [1, 2]) {
    const random = seededRandom(scenario.seedFor(seed, parallelism));
    const count = 5000;
    const { target, output } = await scenario.fresh();
    const userFailures = failurePoints(random, scenario.userFailures, count, 0.05, 0.25);
    const { sinkFaults } = scenario;
    const spec = sinkSpec(target, { count, parallelism, userFailures, sinkFaults, sinkFaultsBelowIndex: sinkFaultGuard(parallelism, count) });
    const context = `parallelism ${parallelism}, seed ${seed}, failures at ${userFailures.join(",")}`;

    const result = await runJob(SINK_JOB, { args: jobArgs(spec), config: scenario.config });
    assert.equal(result.state, "FINISHED", `${context}: ${result.failure?.message}`);
    const restarts = expectedRestarts(result.restarts, parallelism, userFailures.length, sinkFaults.length);
    assert.equal(restarts, undefined, `${context}: ${restarts}`);
    if (scenario.restoresFromCheckpoints) {
      assert.ok(result.checkpoints.restored >= 1, `${context}: restored from checkpoints ${result.checkpoints.restored} times`);
    }
    assertSameLines(await output.committed(), referenceLines(count), context);
    // The faults after pre-commits left staged data behind; recovery removed all of it.
    assert.deepEqual(await output.staged(), [], context);
  }
}

/**
 * At parallelism 1 with checkpoints the test triggers: records are written before a checkpoint but
 * visible only once it completes, exactly the records before its barrier; cancelling commits nothing
 * and leaves nothing staged.
 */
export async function assertVisibleOnlyAfterCheckpoints(target: SinkTarget, output: SinkOutput, config?: Record<string, string>): Promise<void> {
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 1, config });
  const client = new MiniClusterClient(cluster);
  try {
    let jobId = "";
    // No periodic checkpoints: the test decides when one happens.
    const spec = sinkSpec(target, { count: 1_000_000, recordsPerSecond: 2000, checkpointIntervalMs: 0 });
    const run = runJob(SINK_JOB, { client, args: jobArgs(spec), onSubmitted: (id) => (jobId = id) });
    await waitFor(() => output.writing(), "the sink's open transaction to have written records");
    await sleep(300);
    assert.deepEqual(await output.committed(), [], "no checkpoint yet: nothing committed");

    let previous: string[] = [];
    for (let round = 1; round <= 2; round++) {
      await cluster.dispatcher.triggerCheckpoint(jobId);
      await waitFor(async () => (await output.committed()).length > previous.length, `checkpoint ${round}'s records committed`);
      const committed = await output.committed();
      // At parallelism 1 a checkpoint cuts the stream in two: the committed records are
      // exactly the indexes before its barrier, each once.
      assert.deepEqual(indexesOf(committed), Array.from({ length: committed.length }, (_, i) => i), `round ${round}`);
      await waitFor(() => output.writing(), "records after the barrier written but not committed");
      await sleep(300);
      assert.deepEqual(await output.committed(), committed, "without a checkpoint the committed records stay as they are");
      previous = committed;
    }

    await client.cancel(jobId);
    assert.equal((await run).state, "CANCELED");
    assert.deepEqual(await output.committed(), previous, "cancelling commits nothing");
    assert.deepEqual(await output.staged(), [], "cancelling aborts the open transaction");
  } finally {
    await cluster.close();
  }
}
