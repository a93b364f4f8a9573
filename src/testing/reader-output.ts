/**
 * A ReaderOutput for driving a source reader by hand (tests, benchmarks): records go to `collect`, and
 * every split output is the output itself (no watermarks here; split-watermarks.ts has those).
 */
import type { OutputTag } from "../api/output-tag.js";
import type { ReaderOutput } from "../api/source.js";

export function readerOutput<T>(
  collect: (value: T, timestamp?: number) => void,
  collectSideOutput?: <X>(tag: OutputTag<X>, value: X, timestamp?: number) => void,
): ReaderOutput<T> {
  const output: ReaderOutput<T> = {
    collect,
    ...(collectSideOutput ? { collectSideOutput } : {}),
    createOutputForSplit: () => output,
    releaseOutputForSplit: () => {},
  };
  return output;
}
