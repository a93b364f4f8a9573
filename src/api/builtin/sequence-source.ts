import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "../source.js";

/** Splits [from, to] into contiguous ranges, one per subtask; the union is the whole range, in order per subtask. */
export function splitRange(from: number, to: number, parallelism: number, subtask: number): [number, number] {
  const count = to - from + 1;
  const start = from + Math.floor((subtask * count) / parallelism);
  const end = from + Math.floor(((subtask + 1) * count) / parallelism) - 1;
  return [start, end];
}

/** A remaining range [next, end] of the sequence. */
export type SequenceSplit = [number, number];

/** The integers from..to inclusive (Flink's fromSequence), split across subtasks. */
export class SequenceSource implements Source<number, SequenceSplit> {
  readonly boundedness = "bounded";
  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from - 1) {
      throw new RangeError(`fromSequence(${from}, ${to}): expected safe integers with from <= to + 1`);
    }
  }

  createReader(ctx: SourceReaderContext): SourceReader<number, SequenceSplit> {
    let splits: SequenceSplit[] = [splitRange(this.from, this.to, ctx.parallelism, ctx.subtaskIndex)];
    let current = 0;
    let next = splits[0]![0];
    let end = splits[0]![1];
    const advance = (): boolean => {
      while (next > end) {
        if (++current >= splits.length) return false;
        [next, end] = splits[current]!;
      }
      return true;
    };
    return {
      pollNext(output: ReaderOutput<number>): InputStatus {
        if (!advance()) return "end-of-input";
        output.collect(next++);
        return advance() ? "more" : "end-of-input";
      },
      isAvailable: () => Promise.resolve(),
      snapshotState: () => {
        const rest: SequenceSplit[] = next <= end ? [[next, end]] : [];
        return [...rest, ...splits.slice(current + 1)];
      },
      restoreState: (restored) => {
        splits = restored.length ? restored.map((s) => [s[0], s[1]]) : [[0, -1]];
        current = 0;
        [next, end] = splits[0]!;
      },
    };
  }
}
