/**
 * A source that sends what it cannot use to a side output (as a bad-message policy's dead letters
 * do): lines that are not numbers go to the "dead-letters" tag of the source's stream, numbers
 * downstream. Collects the side output. Args: [count] — every third of `count` lines is garbage.
 */
import { OutputTag, WatermarkStrategy, defineJob, type InputStatus, type ReaderOutput, type Source, type SourceReader, type SourceReaderContext } from "sluice";

export const DEAD_LETTERS = new OutputTag<{ line: string; subtask: number }>("dead-letters");

class LinesWithGarbage implements Source<number, number> {
  readonly boundedness = "bounded";
  constructor(private readonly count: number) {}
  createReader(ctx: SourceReaderContext): SourceReader<number, number> {
    let next = ctx.subtaskIndex;
    return {
      pollNext: (output: ReaderOutput<number>): InputStatus => {
        if (next >= this.count) return "end-of-input";
        const line = next % 3 === 2 ? `garbage-${next}` : String(next);
        const n = Number(line);
        if (Number.isNaN(n)) {
          ctx.metricGroup?.getNumRecordsInErrorsCounter().inc();
          output.collectSideOutput!(DEAD_LETTERS, { line, subtask: ctx.subtaskIndex });
        } else output.collect(n);
        next += ctx.parallelism;
        return "more";
      },
      isAvailable: () => Promise.resolve(),
      snapshotState: () => [next],
      restoreState: (s) => (next = s[0] ?? next),
    };
  }
}

export default defineJob((env, args) => {
  env.setParallelism(2);
  const numbers = env.fromSource(new LinesWithGarbage(Number(args[0] ?? 30)), WatermarkStrategy.noWatermarks(), "Lines");
  numbers.addSink(() => {});
  void numbers.getSideOutput(DEAD_LETTERS).executeAndCollect();
});
