/** Drives source readers the way the source task does, without a task. */
import type { InputStatus, Source, SourceReader } from "../../../src/api/source.js";
import { readerOutput } from "../../../src/testing/reader-output.js";

export interface Emitted<T> {
  value: T;
  timestamp: number | undefined;
}

/** Polls until end of input or until `limit` records; "nothing-available" is an error here. */
export function drain<T>(reader: SourceReader<T>, limit = Number.POSITIVE_INFINITY): { records: T[]; status: InputStatus } {
  const records: T[] = [];
  let status: InputStatus = "more";
  while (records.length < limit) {
    status = reader.pollNext(readerOutput((v) => records.push(v)));
    if (status === "end-of-input") break;
    if (status === "nothing-available") throw new Error("the reader has nothing available");
  }
  return { records, status };
}

export function readAll<T>(source: Source<T>, parallelism: number, subtaskIndex: number): T[] {
  const reader = source.createReader({ parallelism, subtaskIndex });
  try {
    return drain(reader).records;
  } finally {
    void reader.close?.();
  }
}

/** Every subtask's records, in subtask order. */
export function readParallel<T>(source: Source<T>, parallelism: number): T[][] {
  return Array.from({ length: parallelism }, (_, s) => readAll(source, parallelism, s));
}
