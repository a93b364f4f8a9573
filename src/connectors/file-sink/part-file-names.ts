/**
 * Names of the file sink's part files through their life (Flink's FileSink): a transaction writes
 * `.part-<subtask>-<n>.inprogress`, pre-commit closes it as `.part-<subtask>-<n>.pending`, commit
 * renames it to `part-<subtask>-<n>`. Only committed files have names without a leading dot, so a
 * reader that ignores hidden files sees committed data only.
 */
export type PartFileState = "inprogress" | "pending" | "committed";

export interface PartFile {
  subtask: number;
  part: number;
  state: PartFileState;
}

export function partFileName(subtask: number, part: number, state: PartFileState): string {
  const base = `part-${subtask}-${part}`;
  return state === "committed" ? base : `.${base}.${state}`;
}

const PART_FILE = /^(\.?)part-(\d+)-(\d+)(?:\.(inprogress|pending))?$/;

/** The part file a directory entry is, or undefined for anything else. */
export function parsePartFileName(name: string): PartFile | undefined {
  const m = PART_FILE.exec(name);
  if (!m) return undefined;
  const hidden = m[1] === ".";
  const state = (m[4] as PartFileState | undefined) ?? "committed";
  // A committed name is never hidden and a staged one always is; anything else is not ours.
  if (hidden !== (state !== "committed")) return undefined;
  return { subtask: Number(m[2]), part: Number(m[3]), state };
}

/** True for a committed part file's name: what a reader of the sink's output should read. */
export function isCommittedPartFile(name: string): boolean {
  return parsePartFileName(name)?.state === "committed";
}
