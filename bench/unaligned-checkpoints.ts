/**
 * Checkpoint duration under backpressure, aligned against unaligned, in the same run: the sequence
 * check of test/jobs/backpressured-sequence.ts with a checker that busy-waits per record (so the
 * buffers between the sources and the checker stay full), checkpoints triggered one after another.
 * Aligned barriers wait for the backlog to drain; unaligned ones overtake it and persist it.
 * Run: npm run build && node dist/bench/unaligned-checkpoints.js [--checkpoints N] [--busy-ms MS]
 */
import { join } from "node:path";
import { loadavg } from "node:os";
import { runJob } from "../src/client/job-runner.js";
import { MiniCluster } from "../src/cluster/minicluster.js";
import { MiniClusterClient } from "../src/client/cluster-client.js";
import { nearestRank } from "../src/util/quantiles.js";
import { argNumber, machine, REPO_ROOT } from "./support.js";

const checkpoints = argNumber("checkpoints", 6);
const busyMs = argNumber("busy-ms", 0.5);
const JOB = join(REPO_ROOT, "test", "jobs", "backpressured-sequence.ts");

interface Figures {
  durations: number[];
  persisted: number[];
  /** Longest alignment (first to last barrier) of a subtask, per checkpoint. */
  alignments: number[];
  /** Longest asynchronous part of a subtask (with unaligned: waiting for the last barrier, then writing). */
  asyncParts: number[];
}

async function measure(unaligned: boolean): Promise<Figures> {
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 4, config: { "execution.checkpointing.unaligned.enabled": String(unaligned) } });
  const client = new MiniClusterClient(cluster);
  let jobId = "";
  const run = runJob(JOB, { client, args: ["100000000", "2", String(busyMs), "", "0", "200"], onSubmitted: (id) => (jobId = id) });
  run.catch(() => {});
  const figures: Figures = { durations: [], persisted: [], alignments: [], asyncParts: [] };
  try {
    while (jobId === "" || cluster.dispatcher.requestJob(jobId).statusCounts.RUNNING !== 5) await new Promise((r) => setTimeout(r, 50));
    // Let the buffers fill up.
    await new Promise((r) => setTimeout(r, 2000));
    for (let i = 0; i < checkpoints; i++) {
      const { checkpointId } = await cluster.dispatcher.triggerCheckpoint(jobId);
      const e = cluster.dispatcher.requestCheckpointStats(jobId).history.find((h) => h.id === checkpointId)!;
      figures.durations.push(e.end_to_end_duration);
      figures.persisted.push(e.persisted_data);
      figures.alignments.push(e.alignment_duration);
      figures.asyncParts.push(e.async_duration);
    }
  } finally {
    await client.cancel(jobId).catch(() => {});
    await run;
    await cluster.close();
  }
  return figures;
}

const load = loadavg()[0]!.toFixed(1);
const aligned = await measure(false);
const unaligned = await measure(true);
const p50 = (xs: number[]): number => nearestRank(xs.slice().sort((a, b) => a - b), 0.5) ?? 0;
const max = (xs: number[]): number => Math.max(...xs);
const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`machine: ${machine()}; load average at start ${load}, at end ${loadavg()[0]!.toFixed(1)}`);
console.log(`sequence check at parallelism 2, checker busy ${busyMs} ms per record, 200-byte records, ${checkpoints} checkpoints each`);
console.log(`aligned:   p50 ${p50(aligned.durations)} ms, max ${max(aligned.durations)} ms (alignment p50 ${p50(aligned.alignments)} ms, async part p50 ${p50(aligned.asyncParts)} ms), persisted ${avg(aligned.persisted).toFixed(0)} bytes`);
console.log(
  `unaligned: p50 ${p50(unaligned.durations)} ms, max ${max(unaligned.durations)} ms (alignment p50 ${p50(unaligned.alignments)} ms, async part p50 ${p50(unaligned.asyncParts)} ms), persisted ${(avg(unaligned.persisted) / 1024).toFixed(0)} KiB in flight per checkpoint`,
);
console.log(`aligned / unaligned p50: ${(p50(aligned.durations) / Math.max(1, p50(unaligned.durations))).toFixed(1)}×`);
