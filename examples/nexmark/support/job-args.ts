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

export const DEFAULT_EVENTS = 100_000;

export function parseNexmarkArgs(args: readonly string[]): NexmarkJobArgs {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const kv = /^(?:--)?([a-z][\w-]*)=(.*)$/i.exec(a);
    if (kv) named.set(kv[1]!, kv[2]!);
    else if (a.startsWith("--") && i + 1 < args.length) named.set(a.slice(2), args[++i]!);
    else positional.push(a);
  }
  const number = (key: string, fallback: number | undefined, position?: number): number | undefined => {
    const raw = named.get(key) ?? (position === undefined ? undefined : positional[position]);
    if (raw === undefined) return fallback;
    const n = Number(raw.replace(/_/g, ""));
    if (!Number.isFinite(n) || n < 0) throw new Error(`nexmark: ${key} must be a non-negative number, got "${raw}"`);
    return n;
  };
  const sink = named.get("sink") ?? "print";
  if (sink !== "print" && sink !== "discard" && sink !== "collect") throw new Error(`nexmark: sink must be print, discard or collect, got "${sink}"`);
  return {
    events: number("events", DEFAULT_EVENTS, 0)!,
    rate: number("rate", 0, 1)!,
    eventRate: number("event-rate", undefined),
    seed: number("seed", 0)!,
    sink,
    path: named.get("path"),
    checkpointInterval: number("checkpoint-interval", 0)!,
  };
}
