/**
 * What one seed simulates: the cluster's size, the jobs and their shapes, when faults stop. All of it
 * is drawn from the seed, so a seed names one whole scenario.
 */
import { hashBundle } from "../../cluster/blob/blob-server.js";
import type { JobGraph, JobVertex } from "../../graph/job-graph.js";
import type { JobBundle, JobSubmission } from "../../cluster/messages.js";
import type { Prng } from "./prng.js";

export const FAULT_KINDS = [
  "tm-crash",
  "jm-crash",
  "session-expiry",
  "rpc-loss",
  "slow-heartbeat",
  "partition",
  "ack-loss",
  "task-failure",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const BUGS = ["no-fencing"] as const;
export type Bug = (typeof BUGS)[number];

export interface SimulationOptions {
  seed: number;
  /** Simulated milliseconds to run. */
  durationMs: number;
  faults: ReadonlySet<FaultKind>;
  bug?: Bug;
  /** Keep the whole trace (replay printing and comparisons). */
  keepTrace?: boolean;
  /** Record where components use globals instead of injected clocks and ids. */
  audit?: boolean;
}

export interface SimJob {
  readonly jobId: string;
  readonly submission: JobSubmission;
  readonly bundle: JobBundle;
  readonly slots: number;
  readonly submitAtMs: number;
  /** Running time of each task before it finishes; undefined: unbounded. */
  readonly boundedRunMs: number | undefined;
  readonly cancelAtMs: number | undefined;
}

export interface Scenario {
  readonly taskManagers: number;
  readonly slotsPerTaskManager: number;
  readonly jobs: readonly SimJob[];
  /** No new fault starts after this (simulated ms since the start). */
  readonly faultsEndMs: number;
  /** Mean pause between faults. */
  readonly faultEveryMs: number;
  /** A job must be running (or be over) this long after the faults have ended and healed. */
  readonly livenessBoundMs: number;
  readonly config: Record<string, string>;
}

/** Longest a fault lasts (partitions, slow links, restart delays): the world is whole again after. */
export const MAX_FAULT_MS = 10_000;
export const HEARTBEAT_INTERVAL_MS = 1_000;
export const HEARTBEAT_TIMEOUT_MS = 5_000;

export function drawScenario(prng: Prng, durationMs: number): Scenario {
  const jobs: SimJob[] = [];
  const jobCount = prng.int(1, 3);
  let slotsNeeded = 0;
  const livenessBoundMs = 20_000;
  const latestEnd = Math.max(1_000, durationMs - MAX_FAULT_MS - livenessBoundMs);
  for (let i = 0; i < jobCount; i++) {
    const job = drawJob(prng, i, durationMs);
    slotsNeeded += job.slots;
    jobs.push(job);
  }
  const slotsPerTaskManager = prng.int(1, 4);
  const taskManagers = Math.max(prng.int(1, 4), Math.ceil(slotsNeeded / slotsPerTaskManager));
  return {
    taskManagers,
    slotsPerTaskManager,
    jobs,
    faultsEndMs: prng.int(Math.min(10_000, latestEnd), latestEnd),
    faultEveryMs: prng.int(500, 4_000),
    livenessBoundMs,
    config: {
      "heartbeat.interval": String(HEARTBEAT_INTERVAL_MS),
      "heartbeat.timeout": String(HEARTBEAT_TIMEOUT_MS),
      "execution.checkpointing.timeout": String(prng.int(2_000, 8_000)),
      "execution.checkpointing.tolerable-failed-checkpoints": String(prng.int(0, 3)),
      "metrics.fetcher.update-interval": "5000",
    },
  };
}

function drawJob(prng: Prng, index: number, durationMs: number): SimJob {
  const sourceParallelism = prng.int(1, 3);
  const sinkParallelism = prng.int(1, 3);
  const vertex = (id: string, name: string, parallelism: number, isSource: boolean, nodeId: number): JobVertex => ({
    id,
    name,
    parallelism,
    maxParallelism: 128,
    slotSharingGroup: "default",
    isSource,
    operators: [{ nodeId, kind: isSource ? "source" : "sink", name, uid: `${id}-uid`, inputs: isSource ? 0 : 1, config: {}, chainedOutputs: [], networkOutputs: [] }],
  });
  const name = `sim-job-${index}`;
  const jobGraph: JobGraph = {
    name,
    vertices: [vertex("source", "Source", sourceParallelism, true, 1), vertex("sink", "Sink", sinkParallelism, false, 2)],
    edges: [{ id: 1, source: "source", target: "sink", sourceNodeId: 1, targetNodeId: 2, partitioner: { type: "rebalance" }, inputIndex: 0 }],
    settings: {
      checkpointInterval: prng.int(500, 5_000),
      restartStrategy: { type: "fixed-delay", attempts: 1_000_000, delayMs: prng.int(100, 2_000) },
    },
    fingerprint: `sim-${index}`,
  };
  const code = `// simulated job ${index}\nexport default {};\n`;
  const bundle: JobBundle = { hash: hashBundle(code), code };
  let jobId = "";
  for (let i = 0; i < 4; i++) jobId += prng.nextUint32().toString(16).padStart(8, "0");
  return {
    jobId,
    submission: { jobGraph, bundleHash: bundle.hash, definition: { args: [], config: {}, defaultParallelism: 1 } },
    bundle,
    slots: Math.max(sourceParallelism, sinkParallelism),
    submitAtMs: prng.int(0, 5_000),
    boundedRunMs: prng.chance(0.3) ? prng.int(2_000, durationMs) : undefined,
    cancelAtMs: prng.chance(0.15) ? prng.int(5_000, durationMs) : undefined,
  };
}
