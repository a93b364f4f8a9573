/**
 * What test/jobs/sinks/exactly-once-sink-job.ts runs, and the reference it must produce. Shared by
 * the job (bundled) and the tests (compiled), so it imports nothing at run time.
 */

/**
 * Keys of the generated records. A multiple of the source parallelism (1 or 2), so each key's
 * records come from one source subtask, in index order: the running values below are then the
 * same in every run, with or without failures.
 */
export const KEYS = 6;

export type SinkFaultPoint = "before-pre-commit" | "after-pre-commit" | "before-commit" | "after-commit";

/** A failure of the sink itself, on subtask 0 of one attempt. */
export interface SinkFault {
  attempt: number;
  at: SinkFaultPoint;
  /** At the n-th pre-commit of the attempt (1-based), or at the commit of that transaction. */
  checkpoint: number;
}

export type SinkTarget =
  | { kind: "file"; dir: string }
  | { kind: "postgres"; connection: string; table: string; transactionIdPrefix?: string; rowsPerStatement?: number }
  | { kind: "nats"; servers: string; stream: string; subject: string };

export interface SinkJobSpec {
  target: SinkTarget;
  count: number;
  parallelism: number;
  recordsPerSecond: number;
  /** 0: no periodic checkpoints (the test triggers them). */
  checkpointIntervalMs: number;
  /** Attempt a throws in user code (a map chained to the source) at the first record index >= userFailures[a]. */
  userFailures: number[];
  sinkFaults: SinkFault[];
  /** Sink faults only fire while the sink has seen no index at or above this (see the job). */
  sinkFaultsBelowIndex: number;
}

export interface OutputRecord {
  key: number;
  index: number;
  /** How many records of the key so far, this one included. */
  n: number;
  /** Sum of the indexes of the key's records so far. */
  total: number;
}

export function outputLine(r: OutputRecord): string {
  return `${r.key},${r.index},${r.n},${r.total}`;
}

/** Every output line of a complete, failure-free run, sorted. */
export function referenceLines(count: number): string[] {
  const n = new Array<number>(KEYS).fill(0);
  const total = new Array<number>(KEYS).fill(0);
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    const key = index % KEYS;
    n[key]!++;
    total[key]! += index;
    lines.push(outputLine({ key, index, n: n[key]!, total: total[key]! }));
  }
  return lines.sort();
}

/** Increasing random record indexes, one in each of `failures` equal slices of [from, to)·count. */
export function failurePoints(random: () => number, failures: number, count: number, from = 0.1, to = 0.4): number[] {
  const width = ((to - from) * count) / failures;
  return Array.from({ length: failures }, (_, a) => Math.floor(from * count + a * width + random() * width));
}

/** A small seeded generator (mulberry32), so that a failing seed can be run again. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
