/**
 * Arguments of the Nexmark job files: `[events] [rate] [key=value …]`, e.g.
 * `npx sluice run examples/nexmark/q5.ts 1000000 0 sink=discard -p 2`. Positional because the
 * CLI would take `--flags` for its own; `--key value` also works after `--`.
 */
export type NexmarkSinkKind = "print" | "discard" | "collect";
export interface NexmarkJobArgs {
    /** Events over all subtasks; 0 = unbounded. */
    events: number;
    /** Target wall-clock events per second over all subtasks; 0 = full speed. */
    rate: number;
    /** Events per second of event time (the generator's rate); the target rate when one is set. */
    eventRate: number | undefined;
    seed: number;
    sink: NexmarkSinkKind;
    /** q10: the directory of its partitioned files (then nothing else is written). */
    path: string | undefined;
    /** Checkpoint every this many ms; 0 = no checkpoints. */
    checkpointInterval: number;
}
export declare const DEFAULT_EVENTS = 100000;
export declare function parseNexmarkArgs(args: readonly string[]): NexmarkJobArgs;
