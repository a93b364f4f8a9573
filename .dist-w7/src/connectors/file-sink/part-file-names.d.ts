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
export declare function partFileName(subtask: number, part: number, state: PartFileState): string;
/** The part file a directory entry is, or undefined for anything else. */
export declare function parsePartFileName(name: string): PartFile | undefined;
/** True for a committed part file's name: what a reader of the sink's output should read. */
export declare function isCommittedPartFile(name: string): boolean;
