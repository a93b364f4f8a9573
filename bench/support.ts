/** Small helpers shared by the benchmarks: timing, formatting, the machine's description. */
import { cpus, totalmem } from "node:os";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
})();

export function benchJob(name: string): string {
  return join(REPO_ROOT, "bench", "jobs", name);
}

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export function rate(count: number, ms: number): string {
  const perSecond = (count / ms) * 1000;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} K/s`;
  return `${perSecond.toFixed(0)} /s`;
}

export function perSecond(count: number, ms: number): number {
  return (count / ms) * 1000;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

export function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The middle value (the upper one of the two middles for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const MB = 1024 * 1024;

/** "100MB", "1GB", "512k", or plain bytes. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text}`);
  return Math.round(Number(m[1]) * { "": 1, k: 1024, m: MB, g: 1024 * MB }[m[2]!.toLowerCase() as "" | "k" | "m" | "g"]);
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * MB ? `${(bytes / 1024 / MB).toFixed(bytes % (1024 * MB) === 0 ? 0 : 1)} GB` : `${(bytes / MB).toFixed(0)} MB`;
}
