/** Reading back what test/jobs/checkpointed-sink.ts committed, and its reference. */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { KEYS, type Numbered } from "../jobs/checkpointed-sink.js";

/** Every committed record of the given output folders, as sorted "key/seq" strings. */
export function committedRecords(...dirs: string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
      for (const r of JSON.parse(readFileSync(join(dir, f), "utf8")) as Numbered[]) out.push(`${r.key}/${r.seq}`);
    }
  }
  return out.sort();
}

/** What the generator produces: record i is key i % KEYS, seq ⌊i / KEYS⌋, each once. */
export function referenceRecords(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${i % KEYS}/${Math.floor(i / KEYS)}`);
  return out.sort();
}
