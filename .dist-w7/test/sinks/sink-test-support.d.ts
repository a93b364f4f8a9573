import type { SinkJobSpec } from "../jobs/sinks/support/sink-job-spec.js";
export declare const SINK_JOB: string;
export declare function jobArgs(spec: SinkJobSpec): string[];
/** The lines of every committed part file, sorted: what a reader of the output sees. */
export declare function committedLines(dir: string): string[];
/** In-progress and pending part files: data no checkpoint has committed yet. */
export declare function stagedPartFiles(dir: string): string[];
/** The seed of this run's random failure points: logged, and settable to replay a failing run. */
export declare function testSeed(): number;
/** The index of every line ("key,index,n,total"), sorted numerically. */
export declare function indexesOf(lines: readonly string[]): number[];
/**
 * Below which record index sink faults may fire (see fault-injecting-sink.ts). Never at the last
 * record: a fault after the end-of-input commit would replay a committed tail, the documented
 * limit of that commit. At parallelism 1 anywhere else: the only sink subtask is the last task to
 * finish. With more subtasks only early in the stream, while no sink subtask can have reached end
 * of input yet; under heavy load such a fault may then not fire at all.
 */
export declare function sinkFaultGuard(parallelism: number, count: number): number;
/**
 * Every user failure fires (they sit early, upstream of the keyBy); every sink fault fires at
 * parallelism 1; at higher parallelism the guard may skip some.
 */
export declare function expectedRestarts(restarts: number, parallelism: number, userFailures: number, sinkFaults: number): string | undefined;
