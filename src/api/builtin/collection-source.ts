import type { InputStatus, ReaderOutput, Source, SourceReader } from "../source.js";

/** The elements of an in-memory collection, in order, from one subtask (like Flink's fromElements). */
export class CollectionSource<T> implements Source<T, number> {
  readonly boundedness = "bounded";
  readonly maxParallelism = 1;
  constructor(private readonly elements: readonly T[]) {}

  createReader(): SourceReader<T, number> {
    const elements = this.elements;
    let next = 0;
    return {
      pollNext(output: ReaderOutput<T>): InputStatus {
        if (next >= elements.length) return "end-of-input";
        output.collect(elements[next++]!);
        return next < elements.length ? "more" : "end-of-input";
      },
      isAvailable: () => Promise.resolve(),
      // One split: the index of the next element.
      snapshotState: () => (next < elements.length ? [next] : []),
      restoreState: (splits) => {
        next = splits.length ? Math.min(...splits) : elements.length;
      },
    };
  }
}
