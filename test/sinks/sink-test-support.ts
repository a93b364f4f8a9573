/** Helpers of the exactly-once sink tests: the job, its spec, reading the file sink's output. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isCommittedPartFile, parsePartFileName } from "../../src/connectors/file-sink/index.js";
import { testJob } from "../support/paths.js";
import type { SinkJobSpec } from "../jobs/sinks/support/sink-job-spec.js";

export const SINK_JOB = testJob("sinks/exactly-once-sink-job.ts");

export function jobArgs(spec: SinkJobSpec): string[] {
  return [JSON.stringify(spec)];
}

/** The lines of every committed part file, sorted: what a reader of the output sees. */
export function committedLines(dir: string): string[] {
  return readdirSync(dir)
    .filter(isCommittedPartFile)
    .flatMap((name) => readFileSync(join(dir, name), "utf8").split("\n").filter((l) => l !== ""))
    .sort();
}

/** In-progress and pending part files: data no checkpoint has committed yet. */
export function stagedPartFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => {
    const state = parsePartFileName(name)?.state;
    return state === "inprogress" || state === "pending";
  });
}

/** The seed of this run's random failure points: logged, and settable to replay a failing run. */
export function testSeed(): number {
  const seed = process.env.SLUICE_TEST_SEED ? Number(process.env.SLUICE_TEST_SEED) : Date.now() % 1_000_000;
  console.log(`# random failure points from seed ${seed} (set SLUICE_TEST_SEED to repeat)`);
  return seed;
}

/** The index of every line ("key,index,n,total"), sorted numerically. */
export function indexesOf(lines: readonly string[]): number[] {
  return lines.map((l) => Number(l.split(",")[1])).sort((a, b) => a - b);
}

/**
 * Below which record index sink faults may fire (see fault-injecting-sink.ts): in mid-stream
 * checkpoints, so that each fault fires on its attempt's first checkpoint and the restart counts
 * stay predictable (expectedRestarts). The final checkpoint's window has its own tests
 * (final-checkpoint-scenarios.ts). At parallelism 1 up to the last record; with more subtasks only
 * early in the stream; under heavy load such a fault may then not fire at all.
 */
export function sinkFaultGuard(parallelism: number, count: number): number {
  return parallelism === 1 ? count - 1 : Math.floor(count * 0.6);
}

/**
 * Every user failure fires (they sit early, upstream of the keyBy); every sink fault fires at
 * parallelism 1; at higher parallelism the guard may skip some.
 */
export function expectedRestarts(restarts: number, parallelism: number, userFailures: number, sinkFaults: number): string | undefined {
  const all = userFailures + sinkFaults;
  if (parallelism === 1) return restarts === all ? undefined : `${restarts} restarts, expected ${all}`;
  return restarts >= userFailures && restarts <= all ? undefined : `${restarts} restarts, expected ${userFailures} to ${all}`;
}
