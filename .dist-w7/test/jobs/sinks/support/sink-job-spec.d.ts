/**
 * What test/jobs/sinks/exactly-once-sink-job.ts runs, and the reference it must produce. Shared by
 * the job (bundled) and the tests (compiled), so it imports nothing at run time.
 */
/**
 * Keys of the generated records. A multiple of the source parallelism (1 or 2), so each key's
 * records come from one source subtask, in index order: the running values below are then the
 * same in every run, with or without failures.
 */
export declare const KEYS = 6;
export type SinkFaultPoint = "before-pre-commit" | "after-pre-commit" | "before-commit" | "after-commit";
/** A failure of the sink itself, on subtask 0 of one attempt. */
export interface SinkFault {
    attempt: number;
    at: SinkFaultPoint;
    /** At the n-th pre-commit of the attempt (1-based), or at the commit of that transaction. */
    checkpoint: number;
}
export type SinkTarget = {
    kind: "file";
    dir: string;
} | {
    kind: "postgres";
    connection: string;
    table: string;
    transactionIdPrefix?: string;
    rowsPerStatement?: number;
};
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
export declare function outputLine(r: OutputRecord): string;
/** Every output line of a complete, failure-free run, sorted. */
export declare function referenceLines(count: number): string[];
/** Increasing random record indexes, one in each of `failures` equal slices of [from, to)·count. */
export declare function failurePoints(random: () => number, failures: number, count: number, from?: number, to?: number): number[];
/** A small seeded generator (mulberry32), so that a failing seed can be run again. */
export declare function seededRandom(seed: number): () => number;
