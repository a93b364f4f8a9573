/** What the state changelog's end-to-end tests read from a job's checkpoint folder (docs/checkpoints.md, "Incremental checkpoints"). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CheckpointMetadata } from "../../src/runtime/checkpoint/checkpoint-metadata.js";

/** The state changelog on, materializing often so that restores use a materialization and segments. */
export const CHANGELOG_CONFIG: Record<string, string> = {
  "state.changelog.enabled": "true",
  "state.changelog.periodic-materialize.interval": "400 ms",
};

/** The retained checkpoints of a job's folder (chk-<n> with a `_metadata`), oldest first. */
export function retainedCheckpoints(jobDir: string): Array<{ id: number; sharedFiles: string[] }> {
  if (!existsSync(jobDir)) return [];
  const out: Array<{ id: number; sharedFiles: string[] }> = [];
  for (const entry of readdirSync(jobDir)) {
    const m = /^chk-(\d+)$/.exec(entry);
    if (!m) continue;
    try {
      const metadata = JSON.parse(readFileSync(join(jobDir, entry, "_metadata"), "utf8")) as CheckpointMetadata;
      out.push({ id: Number(m[1]), sharedFiles: (metadata.sharedFiles ?? []).map((f) => f.file) });
    } catch {
      // Being written or being deleted.
    }
  }
  return out.sort((a, b) => a.id - b.id);
}

/** The files in the job's shared/ folder, as `_metadata` names them (shared/<name>). */
export function sharedFilesOnDisk(jobDir: string): string[] {
  const dir = join(jobDir, "shared");
  return existsSync(dir) ? readdirSync(dir).map((f) => `shared/${f}`).sort() : [];
}

export const isMaterialization = (file: string): boolean => file.includes("-materialization-");
export const isSegment = (file: string): boolean => file.includes("-log-");
