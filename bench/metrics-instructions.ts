/**
 * What metrics cost, counted in instructions (docs/metrics.md, "Cost"). Wall-clock figures on a shared
 * machine scatter far more than the 5 % being measured; the number of instructions executed does not
 * depend on the load. Each run is a fresh process under `valgrind --tool=callgrind` (every thread
 * counted: the slot workers are threads), running one bench job on its own MiniCluster with operator
 * I/O metrics on (the default) or off (metrics.operator-io.enabled: false). The fixed cost (node start,
 * bundling the job, cluster start and stop) is subtracted by running two record counts: instructions
 * per record = (I(large) − I(small)) / (large − small). V8 runs with --single-threaded so that no
 * concurrent compiler or GC helper threads make the counts depend on thread scheduling. In the same
 * run, the jobs also run natively, on and off alternating, for the wall-clock ratio.
 * Run: npm run build && node dist/bench/metrics-instructions.js [--only chained|keyed] [--small N] [--large N]
 *      [--keyed-small N] [--keyed-large N] [--wall-count N] [--wall-words N] [--rounds R]
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { METRICS_OFF, measureJob, median } from "./job-measure.js";
import { argNumber, machine, rate } from "./support.js";

type Mode = "on" | "off";
const UNDER_VALGRIND = { "taskmanager.job.evaluation-timeout": "30 min", "heartbeat.timeout": "30 min", "pekko.ask.timeout": "30 min" };
const configOf = (mode: Mode): Record<string, string> => (mode === "on" ? {} : METRICS_OFF);

interface Bench {
  label: string;
  job: string;
  parallelism: number;
  small: number;
  large: number;
  wallCount: number;
}

/** Instructions executed by one fresh process running `job` over n records (all threads). */
async function instructions(job: string, n: number, parallelism: number, mode: Mode): Promise<number> {
  const out = join(tmpdir(), `sluice-callgrind-${process.pid}-${job}-${n}-${mode}.out`);
  const args = ["--tool=callgrind", `--callgrind-out-file=${out}`, "--smc-check=all-non-file", "--trace-children=no",
    process.execPath, "--single-threaded", fileURLToPath(import.meta.url), "--child", job, String(n), String(parallelism), mode];
  const child = spawn("valgrind", args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  try {
    if (code !== 0) throw new Error(`valgrind run of ${job} (${n}, metrics ${mode}) exited with ${code}:\n${stderr}`);
    const totals = /^(?:summary|totals): (\d+)/m.exec(readFileSync(out, "utf8"));
    if (!totals) throw new Error(`no instruction total in ${out}`);
    return Number(totals[1]);
  } finally {
    rmSync(out, { force: true });
  }
}

async function instructionsPerRecord(b: Bench): Promise<Record<Mode, { small: number; large: number; perRecord: number }>> {
  const result = {} as Record<Mode, { small: number; large: number; perRecord: number }>;
  // The four runs go side by side: instruction counts do not mind how the cores are shared.
  const [smallOn, smallOff, largeOn, largeOff] = await Promise.all([
    instructions(b.job, b.small, b.parallelism, "on"),
    instructions(b.job, b.small, b.parallelism, "off"),
    instructions(b.job, b.large, b.parallelism, "on"),
    instructions(b.job, b.large, b.parallelism, "off"),
  ]);
  result.on = { small: smallOn, large: largeOn, perRecord: (largeOn - smallOn) / (b.large - b.small) };
  result.off = { small: smallOff, large: largeOff, perRecord: (largeOff - smallOff) / (b.large - b.small) };
  return result;
}

async function wallClock(b: Bench, rounds: number): Promise<Record<Mode, number>> {
  await measureJob(b.job, Math.min(b.wallCount, 500_000), b.parallelism, {}); // warm-up
  const rates: Record<Mode, number[]> = { on: [], off: [] };
  for (let i = 0; i < rounds; i++) {
    // Alternate, so that a slow phase of the machine hits both.
    for (const mode of ["on", "off"] as const) rates[mode].push((await measureJob(b.job, b.wallCount, b.parallelism, configOf(mode))).rate);
  }
  return { on: median(rates.on), off: median(rates.off) };
}

async function main(): Promise<void> {
  const rounds = argNumber("rounds", 3);
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
  const benches: Bench[] = [
    { label: "chained pipeline p=1", job: "chained.ts", parallelism: 1, small: argNumber("small", 1_000_000), large: argNumber("large", 3_000_000), wallCount: argNumber("wall-count", 5_000_000) },
    { label: "keyed word count p=2", job: "keyed-wordcount.ts", parallelism: 2, small: argNumber("keyed-small", 100_000), large: argNumber("keyed-large", 300_000), wallCount: argNumber("wall-words", 1_000_000) },
  ].filter((b) => !only || b.job.startsWith(only));
  console.log(`machine: ${machine()}`);
  for (const b of benches) {
    const ins = await instructionsPerRecord(b);
    const wall = await wallClock(b, rounds);
    const ratio = ins.on.perRecord / ins.off.perRecord;
    console.log(`${b.label}: instructions (callgrind, all threads), ${b.small} and ${b.large} records`);
    for (const mode of ["off", "on"] as const) {
      const m = ins[mode];
      console.log(`  metrics ${mode.padEnd(3)}: ${m.small} / ${m.large} instructions → ${m.perRecord.toFixed(1)} per record`);
    }
    console.log(`  instructions per record on / off: ${ratio.toFixed(4)}  (overhead ${((ratio - 1) * 100).toFixed(2)} %, target < 5 %)`);
    console.log(`  wall clock, native, ${b.wallCount} records, median of ${rounds}: off ${rate(wall.off, 1000)}, on ${rate(wall.on, 1000)}, throughput on / off ${(wall.on / wall.off).toFixed(3)}`);
  }
}

async function child(): Promise<void> {
  const [job, n, parallelism, mode] = process.argv.slice(process.argv.indexOf("--child") + 1);
  // Under valgrind everything runs some 50 times slower: no deadline may cut the run short.
  await measureJob(job!, Number(n), Number(parallelism), { ...configOf(mode as Mode), ...UNDER_VALGRIND });
  process.exit(0);
}

await (process.argv.includes("--child") ? child() : main());
