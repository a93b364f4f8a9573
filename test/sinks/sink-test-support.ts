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
 * Up to which record index sink faults may fire. At parallelism 1 anywhere: the only sink subtask
 * is the last task to finish, so nothing can fail after its end-of-input commit. With more
 * subtasks only early in the stream, while no sink subtask can have reached end of input yet
 * (fault-injecting-sink.ts); the faults are scheduled on the first checkpoints of early attempts,
 * well before that.
 */
export function sinkFaultGuard(parallelism: number, count: number): number {
  return parallelism === 1 ? Number.MAX_SAFE_INTEGER : Math.floor(count * 0.6); // (JSON has no Infinity)
}
