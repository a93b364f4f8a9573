import type { TwoPhaseCommitContext, TwoPhaseCommitSink, TwoPhaseCommitWriter } from "../../api/sink.js";
/** Turns a record into the bytes written for it (include the line separator if you want lines). */
export type RowEncoder<T> = (value: T) => string | Uint8Array;
/** A transaction of the file sink: the part file it writes, once it has a record. */
export interface FileTransaction {
    subtask: number;
    /** Assigned with the first record; null while (and if) the transaction stays empty. */
    part: number | null;
}
/** Strings as they are, anything else as JSON; one line per record. */
export declare function defaultRowEncoder(value: unknown): string;
export declare class FileSink<T> implements TwoPhaseCommitSink<T, FileTransaction> {
    readonly dir: string;
    private readonly encoder;
    private constructor();
    /** Rows encoded one by one into part files under `dir` (default encoder: defaultRowEncoder). */
    static forRowFormat<T>(dir: string, encoder?: RowEncoder<T>): FileSink<T>;
    createTransactionalWriter(ctx: TwoPhaseCommitContext): TwoPhaseCommitWriter<T, FileTransaction>;
}
