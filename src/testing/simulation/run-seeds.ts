/** Runs many seeds one after another and summarises them: failures with their traces, and the speed. */
import { FAULT_KINDS, type Bug, type FaultKind } from "./scenario.js";
import { simulate, type SimulationResult } from "./world.js";

export interface SeedRun {
  start: number;
  count: number;
  durationMs: number;
  faults: ReadonlySet<FaultKind>;
  bug?: Bug;
  /** Stop after this many failures (default: 1). */
  maxFailures?: number;
  /** One line per failure instead of its trace. */
  brief?: boolean;
}

export interface SeedSummary {
  readonly passed: number;
  readonly failures: SimulationResult[];
  readonly wallMs: number;
  readonly simulatedMs: number;
  readonly seedsPerMinute: number;
  readonly simulatedSecondsPerWallSecond: number;
  /** Globals the determinism shim caught, summed over the seeds. */
  readonly globalUses: Map<string, number>;
}

export function parseFaults(text: string): Set<FaultKind> {
  if (text === "all") return new Set(FAULT_KINDS);
  if (text === "none" || text === "") return new Set();
  const kinds = text.split(",").map((k) => k.trim());
  for (const k of kinds) if (!(FAULT_KINDS as readonly string[]).includes(k)) throw new Error(`--faults: unknown fault "${k}" (known: ${FAULT_KINDS.join(", ")})`);
  return new Set(kinds as FaultKind[]);
}

export function formatFailure(r: SimulationResult, durationMs: number, extra = ""): string {
  return [
    `seed ${r.seed} FAILED: ${r.violation!.invariant}: ${r.violation!.message}`,
    `last ${r.traceTail.length} trace lines:`,
    ...r.traceTail.map((l) => `  ${l}`),
    `replay: npm run simulate -- --seed ${r.seed} --duration ${durationMs}ms${extra}  (add --trace for the whole trace)`,
  ].join("\n");
}

function replayFlags(run: SeedRun): string {
  const all = run.faults.size === FAULT_KINDS.length;
  return `${all ? "" : ` --faults ${[...run.faults].join(",") || "none"}`}${run.bug ? ` --bug ${run.bug}` : ""}`;
}

export async function runSeeds(run: SeedRun, print: (line: string) => void = () => {}): Promise<SeedSummary> {
  const failures: SimulationResult[] = [];
  const globalUses = new Map<string, number>();
  let passed = 0;
  let simulatedMs = 0;
  const started = performance.now();
  for (let seed = run.start; seed < run.start + run.count; seed++) {
    const result = await simulate({ seed, durationMs: run.durationMs, faults: run.faults, bug: run.bug });
    simulatedMs += result.simulatedMs;
    for (const [k, n] of result.globalUses) globalUses.set(k, (globalUses.get(k) ?? 0) + n);
    if (result.violation) {
      failures.push(result);
      print(run.brief ? `seed ${seed} FAILED: ${result.violation.invariant}: ${result.violation.message}` : formatFailure(result, run.durationMs, replayFlags(run)));
      if (failures.length >= (run.maxFailures ?? 1)) break;
    } else passed++;
    if ((seed - run.start + 1) % 100 === 0) print(`… ${seed - run.start + 1} seeds, ${failures.length} failed`);
  }
  const wallMs = performance.now() - started;
  const seeds = passed + failures.length;
  const summary: SeedSummary = {
    passed,
    failures,
    wallMs,
    simulatedMs,
    seedsPerMinute: (seeds / wallMs) * 60_000,
    simulatedSecondsPerWallSecond: simulatedMs / wallMs,
    globalUses,
  };
  print(
    `${seeds} seeds (${run.start}..${run.start + seeds - 1}), ${passed} passed, ${failures.length} failed in ${(wallMs / 1000).toFixed(1)} s: ` +
      `${summary.seedsPerMinute.toFixed(0)} seeds/minute, ${summary.simulatedSecondsPerWallSecond.toFixed(0)} simulated s per wall s`,
  );
  return summary;
}
