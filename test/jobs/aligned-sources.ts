/**
 * Watermark alignment (docs/architecture.md, "Watermark alignment"): a source with a split
 * enumerator and two splits. The "fast" split moves event time 10 ms per record, the "slow" one
 * 1 ms per record and stops for `pauseMs` after its first record. Both read at most
 * `recordsPerSecond`. With alignment (args[0] = "aligned") the fast reader must wait for the slow
 * one instead of running ahead; a collector at parallelism 1 records the order records arrive in.
 * Args: [aligned|unaligned, fastCount, slowCount, pauseMs, recordsPerSecond]
 */
import { RestartStrategies, WatermarkStrategy, defineJob, type InputStatus, type ReaderOutput, type Source, type SourceReader, type SplitEnumerator, type SplitEnumeratorContext } from "sluice";

export interface Tick {
  split: "fast" | "slow";
  n: number;
  ts: number;
}

interface Split {
  name: "fast" | "slow";
  next: number;
  count: number;
  step: number;
  pauseAfterFirstMs: number;
}

class TwoSplitSource implements Source<Tick, Split, Split[]> {
  readonly boundedness = "bounded" as const;
  constructor(
    private readonly splits: Split[],
    private readonly recordsPerSecond: number,
  ) {}

  createEnumerator(ctx: SplitEnumeratorContext<Split>): SplitEnumerator<Split, Split[]> {
    const pending = [...this.splits];
    return {
      start() {},
      handleSplitRequest() {},
      addSplitsBack: (splits) => pending.push(...splits),
      addReader(subtask) {
        const split = pending.find((s) => (s.name === "fast" ? 0 : 1) === subtask % 2);
        if (split) {
          pending.splice(pending.indexOf(split), 1);
          ctx.assignSplit(split, subtask);
        }
        ctx.signalNoMoreSplits(subtask);
      },
      snapshotState: () => pending,
    };
  }

  restoreEnumerator(ctx: SplitEnumeratorContext<Split>): SplitEnumerator<Split, Split[]> {
    return this.createEnumerator(ctx);
  }

  createReader(): SourceReader<Tick, Split> {
    const splits: Split[] = [];
    let noMore = false;
    let wakeAt = 0;
    const intervalMs = 1000 / this.recordsPerSecond;
    return {
      pollNext(out: ReaderOutput<Tick>): InputStatus {
        const s = splits[0];
        if (!s) return noMore ? "end-of-input" : "nothing-available";
        const now = Date.now();
        if (now < wakeAt) return "nothing-available";
        out.collect({ split: s.name, n: s.next, ts: s.next * s.step });
        s.next++;
        wakeAt = now + (s.next === 1 ? s.pauseAfterFirstMs : intervalMs);
        if (s.next >= s.count) splits.shift();
        return splits.length > 0 || !noMore ? "nothing-available" : "end-of-input";
      },
      isAvailable: () => new Promise((resolve) => setTimeout(resolve, Math.max(1, wakeAt - Date.now()))),
      snapshotState: () => splits.map((s) => ({ ...s })),
      restoreState: (restored) => splits.splice(0, splits.length, ...restored),
      addSplits: (added) => splits.push(...added),
      notifyNoMoreSplits: () => (noMore = true),
    };
  }
}

export default defineJob((env, args) => {
  const aligned = args[0] === "aligned";
  const fastCount = Number(args[1] ?? 3000);
  const slowCount = Number(args[2] ?? 300);
  const pauseMs = Number(args[3] ?? 4000);
  const rate = Number(args[4] ?? 1000);
  const splits: Split[] = [
    { name: "fast", next: 0, count: fastCount, step: 10, pauseAfterFirstMs: 0 },
    { name: "slow", next: 0, count: slowCount, step: 1, pauseAfterFirstMs: pauseMs },
  ];
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 0));
  const base = WatermarkStrategy.forMonotonousTimestamps<Tick>().withTimestampAssigner((t) => t.ts);
  const strategy = aligned ? base.withWatermarkAlignment("ticks", 100, 50) : base;
  env
    .fromSource(new TwoSplitSource(splits, rate), strategy, "Ticks")
    .setParallelism(2)
    .map((t) => t)
    .setParallelism(1)
    .executeAndCollect();
});
