/** The repository's TypeScript sources, for scripts and for tests that check rules over all of `src/`. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the nearest folder above this file with a package.json (works from dist/ too). */
export const REPOSITORY_ROOT = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
})();

export interface SourceFile {
  /** Relative to the repository root, with "/" separators (e.g. "src/cluster/heartbeat.ts"). */
  path: string;
  text: string;
}

/** Every `.ts` file under `folder` (relative to the root), sorted by path; declaration files excluded. */
export function typeScriptFiles(folder = "src"): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        out.push({ path: relative(REPOSITORY_ROOT, full).split("\\").join("/"), text: readFileSync(full, "utf8") });
      }
    }
  };
  walk(join(REPOSITORY_ROOT, folder));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** 1-based line number of character `index` in `text`. */
export function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
