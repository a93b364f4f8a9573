/**
 * A source whose split enumerator throws: in start() ("start"), or by exhausting the heap of its
 * thread ("oom"). Args: [how, attempts] — the restart strategy allows `attempts` restarts.
 */
import { RestartStrategies, WatermarkStrategy, defineJob, type Source, type SourceReader, type SplitEnumerator } from "sluice";

class BrokenEnumeratorSource implements Source<number, number, null> {
  readonly boundedness = "bounded";
  constructor(private readonly how: string) {}
  /** Waits for splits that never come: the job's failure is the enumerator's. */
  createReader(): SourceReader<number, number> {
    return { pollNext: () => "nothing-available", isAvailable: () => new Promise(() => {}), snapshotState: () => [] };
  }
  createEnumerator(): SplitEnumerator<number, null> {
    const how = this.how;
    return {
      start() {
        if (how === "oom") {
          const hoard: number[][] = [];
          for (;;) hoard.push(new Array(1_000_000).fill(1));
        }
        throw new Error("the partition list cannot be fetched");
      },
      handleSplitRequest() {},
      addSplitsBack() {},
      addReader() {},
      snapshotState: () => null,
    };
  }
}

export default defineJob((env, args) => {
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(Number(args[1] ?? 0), 0));
  env.fromSource(new BrokenEnumeratorSource(args[0] ?? "start"), WatermarkStrategy.noWatermarks(), "Broken partitions").addSink(() => {});
});
