import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext } from "../api/source.js";

/** Splits [from, to] into contiguous ranges, one per subtask; the union is the whole range, in order per subtask. */
export function splitRange(from: number, to: number, parallelism: number, subtask: number): [number, number] {
  const count = to - from + 1;
  const start = from + Math.floor((subtask * count) / parallelism);
  const end = from + Math.floor(((subtask + 1) * count) / parallelism) - 1;
  return [start, end];
}

/** The integers from..to inclusive (Flink's fromSequence), split across subtasks. */
export class SequenceSource implements Source<number, number> {
  readonly boundedness = "bounded";
  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from - 1) {
      throw new RangeError(`fromSequence(${from}, ${to}): expected safe integers with from <= to + 1`);
    }
  }

  createReader(ctx: SourceReaderContext): SourceReader<number, number> {
    const [start, end] = splitRange(this.from, this.to, ctx.parallelism, ctx.subtaskIndex);
    let next = start;
    return {
      pollNext(output: ReaderOutput<number>): InputStatus {
        if (next > end) return "end-of-input";
        output.collect(next++);
        return next <= end ? "more" : "end-of-input";
      },
      isAvailable: () => Promise.resolve(),
      snapshotState: () => next,
      restoreState: (position) => {
        next = position;
      },
    };
  }
}
