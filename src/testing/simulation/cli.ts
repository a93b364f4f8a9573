#!/usr/bin/env node
/**
 * `npm run simulate -- --seeds N [--start S|random] [--seed S] [--duration 60s] [--faults a,b] [--bug no-fencing] [--trace]`
 * Runs seeded simulated worlds (docs/architecture.md, "Deterministic simulation") and reports the
 * first failing seeds with the violated invariant and the end of their trace. `--seed S` replays one
 * seed exactly (`--trace` prints its whole trace).
 */
import { parseArgs } from "node:util";
import { runSeeds, parseFaults, formatFailure } from "./run-seeds.js";
import { BUGS, type Bug } from "./scenario.js";
import { simulate } from "./world.js";
import { uninstallShim } from "./determinism-shim.js";

function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new Error(`--duration: expected e.g. 60s, 5000ms or 2m, got "${text}"`);
  const n = Number(m[1]);
  return Math.round(m[2] === "ms" ? n : m[2] === "m" ? n * 60_000 : n * 1000);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seeds: { type: "string" },
      start: { type: "string" },
      seed: { type: "string" },
      duration: { type: "string", default: "60s" },
      faults: { type: "string", default: "all" },
      bug: { type: "string" },
      trace: { type: "boolean", default: false },
      audit: { type: "boolean", default: false },
      "max-failures": { type: "string", default: "1" },
      brief: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      "usage: npm run simulate -- [--seeds N] [--start S|random] [--seed S] [--duration 60s] [--faults all|none|a,b,…] [--bug no-fencing] [--max-failures N] [--brief] [--trace] [--audit]\n",
    );
    return 0;
  }
  if (values.bug !== undefined && !(BUGS as readonly string[]).includes(values.bug)) throw new Error(`--bug: one of ${BUGS.join(", ")}`);
  const bug = values.bug as Bug | undefined;
  const durationMs = parseDuration(values.duration!);
  const faults = parseFaults(values.faults!);
  if (values.seed !== undefined) {
    const result = await simulate({ seed: Number(values.seed), durationMs, faults, bug, keepTrace: values.trace, audit: values.audit });
    if (values.trace) for (const line of result.trace ?? []) process.stdout.write(line + "\n");
    if (values.audit) {
      process.stdout.write("globals used inside the world (caught by the determinism shim):\n");
      for (const [site, n] of [...(result.audit ?? [])].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${String(n).padStart(7)}  ${site}\n`);
    }
    if (result.violation) {
      process.stdout.write(formatFailure(result, durationMs) + "\n");
      return 1;
    }
    process.stdout.write(`seed ${result.seed} passed: ${result.steps} steps, ${result.simulatedMs / 1000} simulated s, trace ${result.digest}\n`);
    return 0;
  }
  const count = Number(values.seeds ?? 100);
  // `--start random`: a fresh range each run (printed, so a failure can be replayed).
  const start = values.start === "random" ? 1 + Math.floor(Math.random() * 1_000_000_000) : values.start !== undefined ? Number(values.start) : 1;
  if (values.start === "random") process.stdout.write(`seeds ${start}..${start + count - 1}\n`);
  const maxFailures = Number(values["max-failures"]);
  const summary = await runSeeds({ start, count, durationMs, faults, bug, maxFailures, brief: values.brief }, (line) => process.stdout.write(line + "\n"));
  return summary.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    uninstallShim();
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`simulate: ${e.message}\n`);
    process.exitCode = 2;
  },
);
