/**
 * What a flame-graph request costs the sampled worker (docs/architecture.md, "Flame graphs"): records/s of
 * the chained pipeline's functions in a worker thread, alone and while the slot worker's CpuSampler runs
 * at Flink's default delay (50 ms) and at 1 ms; each round runs the modes in a rotated order, the median counts. Without a request
 * nothing runs, so "not sampling" is the reference.
 * Run: npm run build && node dist/bench/flame-graph-cost.js [--seconds S] [--rounds R]
 */
import { Worker } from "node:worker_threads";
import { argNumber, machine, rate } from "./support.js";

const seconds = argNumber("seconds", 3);
const rounds = argNumber("rounds", 5);
const worker = new Worker(new URL("./flame-graph-worker.js", import.meta.url));

function run(delayBetweenSamplesMs?: number): Promise<{ records: number; samples: number }> {
  return new Promise((resolve) => {
    worker.once("message", resolve);
    worker.postMessage({ durationMs: seconds * 1000, delayBetweenSamplesMs });
  });
}

const modes: { name: string; delay?: number }[] = [{ name: "not sampling" }, { name: "sampling every 50 ms" }, { name: "sampling every 1 ms" }].map((m, i) => ({ ...m, delay: [undefined, 50, 1][i] }));
const results = new Map<string, { records: number; samples: number }[]>(modes.map((m) => [m.name, []]));
await run(); // warm-up: the functions are optimised before the first measured round
await run();
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < modes.length; i++) {
    const m = modes[(i + r) % modes.length]!;
    results.get(m.name)!.push(await run(m.delay));
  }
}
await worker.terminate();

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const reference = median(results.get("not sampling")!.map((r) => r.records));
console.log(`machine: ${machine()}`);
console.log(`${rounds} rounds of ${seconds} s per mode, median`);
for (const m of modes) {
  const rs = results.get(m.name)!;
  const records = median(rs.map((r) => r.records));
  console.log(`${m.name.padEnd(22)} ${rate(records, seconds * 1000).padStart(10)}  samples ${String(median(rs.map((r) => r.samples))).padStart(5)}  ratio ${(records / reference).toFixed(3)}`);
}
