/**
 * Reading text on the MiniCluster into a discarding sink, at parallelism P: FileSource over a
 * directory of P files (each a split handed out by the split enumerator in the JobMaster) and
 * TextFileSource over one file with the same lines (each subtask computes its own byte range, no
 * enumerator), against TextFileSource's reader driven in a plain loop in this process over that file
 * (the reference, one thread).
 * Run: npm run build && node dist/bench/file-source.js [--lines N] [--parallelism P]
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runJob } from "../src/client/job-runner.js";
import { TextFileSource } from "../src/api/builtin/text-file-source.js";
import { readerOutput } from "../src/testing/reader-output.js";
import { argNumber, benchJob, machine, perSecond, rate, timed } from "./support.js";

const lines = argNumber("lines", 3_000_000);
const parallelism = argNumber("parallelism", 2);
const dir = mkdtempSync(join(tmpdir(), "sluice-bench-files-"));
const file = join(dir, "all.txt");
const parts = join(dir, "parts");
mkdirSync(parts);
const line = (i: number): string => `${i},order-${i % 9973},${(i * 7) % 1000}.25`;
writeFileSync(file, Array.from({ length: lines }, (_, i) => line(i)).join("\n") + "\n");
for (let p = 0; p < parallelism; p++) {
  const from = Math.floor((p * lines) / parallelism);
  const to = Math.floor(((p + 1) * lines) / parallelism);
  writeFileSync(join(parts, `part-${p}.txt`), Array.from({ length: to - from }, (_, i) => line(from + i)).join("\n") + "\n");
}
const bytes = statSync(file).size;

function plainLoop(): number {
  const reader = new TextFileSource(file).createReader({ subtaskIndex: 0, parallelism: 1 });
  let n = 0;
  const out = readerOutput(() => void n++);
  while (reader.pollNext(out) !== "end-of-input");
  reader.close?.();
  return n;
}

const mb = (ms: number): string => `${((bytes / 2 ** 20 / ms) * 1000).toFixed(1)} MiB/s`;
try {
  plainLoop(); // warm-up
  const loop = await timed(plainLoop);
  if (loop.result !== lines) throw new Error(`the loop read ${loop.result} lines of ${lines}`);
  const results: Record<string, number> = {};
  for (const [mode, path] of [["text-file-source", file], ["file-source", parts]] as const) {
    const job = await runJob(benchJob("text-lines.ts"), { args: [path, mode, String(parallelism)] });
    if (job.state !== "FINISHED") throw new Error(`job ${job.state}: ${job.failure?.message}`);
    results[mode] = job.endTime - job.startTime;
  }
  console.log(`machine: ${machine()}`);
  console.log(`${lines} lines, ${(bytes / 2 ** 20).toFixed(1)} MiB (one file, or ${parallelism} files); jobs at parallelism ${parallelism}`);
  console.log(`plain loop, TextFileSource reader, one thread: ${rate(lines, loop.ms)}  ${mb(loop.ms)}  (${loop.ms.toFixed(0)} ms)`);
  for (const [mode, ms] of Object.entries(results)) {
    console.log(`${mode.padEnd(17)} job (submit to FINISHED): ${rate(lines, ms)}  ${mb(ms)}  (${ms.toFixed(0)} ms)  ratio to the loop ${(perSecond(lines, ms) / perSecond(lines, loop.ms)).toFixed(2)}`);
  }
  console.log(`ratio file-source / text-file-source: ${(results["text-file-source"]! / results["file-source"]!).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
