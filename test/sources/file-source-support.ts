/** Files for test/jobs/file-sequence.ts and the reference results to compare a run with. */
import { mkdtempSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KeyTotals } from "../jobs/file-sequence.js";

export const KEYS = 5;
export const LINES_PER_FILE = 200;

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** File number f: its name and text; it holds key f % KEYS with sequence numbers [⌊f/KEYS⌋·L, ⌊f/KEYS⌋·L + L). */
export function fileOf(f: number): { name: string; text: string } {
  const key = f % KEYS;
  const base = Math.floor(f / KEYS) * LINES_PER_FILE;
  const lines: string[] = [];
  for (let i = 0; i < LINES_PER_FILE; i++) lines.push(`${key},${base + i}`);
  return { name: `part-${String(f).padStart(4, "0")}.txt`, text: lines.join("\n") + "\n" };
}

/** Files [from, to) written elsewhere, renamed in. */
export function writeFiles(dir: string, from: number, to: number): void {
  for (let f = from; f < to; f++) {
    const { name, text } = fileOf(f);
    writeFileSync(join(dir, `.${name}.inprogress`), text);
    renameSync(join(dir, `.${name}.inprogress`), join(dir, name));
  }
}

/** Count and sum per key of files [0, files). */
export function referenceTotals(files: number): Map<number, KeyTotals> {
  const out = new Map<number, KeyTotals>();
  for (let f = 0; f < files; f++) {
    const key = f % KEYS;
    const base = Math.floor(f / KEYS) * LINES_PER_FILE;
    const t = out.get(key) ?? { key, count: 0, sum: 0 };
    for (let i = 0; i < LINES_PER_FILE; i++) {
      t.count++;
      t.sum += base + i;
    }
    out.set(key, t);
  }
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

/** The final totals per key: the record with the highest count (replays after a failover repeat lower ones). */
export function finalTotals(...runs: unknown[][]): Map<number, KeyTotals> {
  const out = new Map<number, KeyTotals>();
  for (const run of runs) {
    for (const t of run as KeyTotals[]) {
      const known = out.get(t.key);
      if (!known || t.count > known.count) out.set(t.key, t);
    }
  }
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

/** Whether the progress file shows every key at its reference count. */
export function progressReached(progressFile: string, reference: Map<number, KeyTotals>): boolean {
  if (!existsSync(progressFile)) return false;
  const max = new Map<number, number>();
  for (const line of readFileSync(progressFile, "utf8").split("\n")) {
    if (!line) continue;
    const [key, count] = line.split(" ").map(Number);
    max.set(key!, Math.max(max.get(key!) ?? 0, count!));
  }
  return [...reference.values()].every((t) => max.get(t.key) === t.count);
}
