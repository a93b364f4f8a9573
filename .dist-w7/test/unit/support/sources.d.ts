/** Drives source readers the way the source task does, without a task. */
import type { InputStatus, Source, SourceReader } from "../../../src/api/source.js";
export interface Emitted<T> {
    value: T;
    timestamp: number | undefined;
}
/** Polls until end of input or until `limit` records; "nothing-available" is an error here. */
export declare function drain<T>(reader: SourceReader<T>, limit?: number): {
    records: T[];
    status: InputStatus;
};
export declare function readAll<T>(source: Source<T>, parallelism: number, subtaskIndex: number): T[];
/** Every subtask's records, in subtask order. */
export declare function readParallel<T>(source: Source<T>, parallelism: number): T[][];
