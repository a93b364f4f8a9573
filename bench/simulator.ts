/**
 * Speed of the deterministic simulation: simulated seconds per wall second and seeds per minute,
 * for seeds of 60 simulated seconds (target: 1000 seeds in under 10 minutes).
 *
 *   npm run build && node dist/bench/simulator.js [seeds] [faults]
 */
import { cpuUsage } from "node:process";
import { loadavg } from "node:os";
import { parseFaults, runSeeds } from "../src/testing/simulation/run-seeds.js";
import { uninstallShim } from "../src/testing/simulation/determinism-shim.js";

const seeds = Number(process.argv[2] ?? 200);
const faults = parseFaults(process.argv[3] ?? "all");
const cpuBefore = cpuUsage();
const summary = await runSeeds({ start: 1, count: seeds, durationMs: 60_000, faults, maxFailures: Infinity, brief: true });
const cpu = cpuUsage(cpuBefore);
uninstallShim();
const cpuMs = (cpu.user + cpu.system) / 1000;
const n = summary.passed + summary.failures.length;
console.log(`simulator: ${n} seeds x 60 simulated s, faults ${process.argv[3] ?? "all"} (${summary.failures.length} found a violation)`);
console.log(`  wall ${(summary.wallMs / 1000).toFixed(1)} s, CPU ${(cpuMs / 1000).toFixed(1)} s, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`  ${summary.seedsPerMinute.toFixed(0)} seeds/minute wall, ${((n / cpuMs) * 60_000).toFixed(0)} seeds/minute of CPU`);
console.log(`  ${summary.simulatedSecondsPerWallSecond.toFixed(0)} simulated s per wall s, ${(summary.simulatedMs / cpuMs).toFixed(0)} per CPU s`);
console.log(`  1000 seeds would take ${((1000 / summary.seedsPerMinute) * 60).toFixed(0)} s wall (${((1000 * cpuMs) / n / 1000).toFixed(0)} s of CPU)`);
