/**
 * Two sources, A and B (parallelism 1 each), unioned into one task (a map), so that task's input
 * has one channel from each; behind it a 2 s tumbling event-time window with a late side output.
 * Each source plays a script: events (each its own punctuated watermark; `idle` marks the source
 * idle right after the event) and waits for a signal file. The map and the window function write
 * the signals, so every step happens after the one it depends on was processed — deterministic
 * without timing:
 *  1. A: 3000, then idle.                B: 1000.
 *  2. B (after the map saw A's 3000): 1000, then idle. B was the last active channel and held the
 *     watermark: the task flushes to the largest, 3000, and window [0, 2000) fires (Flink's
 *     StatusWatermarkValve). Without the flush it waits for end of input.
 *  3. B (after [0, 2000) fired): 1500 — late. B is active again, behind the watermark (3000).
 *  4. A (after the map saw B's 1500): 5000. B, behind, does not hold the watermark back: it is
 *     5000 and window [2000, 4000) fires.
 *  5. B (after [2000, 4000) fired): 3500 — late.
 * A wait of B that is never signalled (without the behaviours above) gives up after WAIT_LIMIT_MS,
 * so the job still ends, with other results. A's wait is always signalled, by B's 1500, which B
 * sends in any case: its longer limit only guards against a hang, and must not run out before B's
 * so that A's 5000 cannot come first. Args: [signal directory]. docs/architecture.md, "Watermarks and idleness".
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OutputTag, TumblingEventTimeWindows, WatermarkStrategy, defineJob, type InputStatus, type ReaderOutput, type Source, type SourceReader } from "sluice";
import { collectAs } from "./support/collect.js";

export interface Tick {
  src: "A" | "B";
  ts: number;
  idle?: boolean;
}

type Step = { emit: Tick } | { waitFor: string; limitMs: number };

const WAIT_LIMIT_MS = 15_000;

export const SCRIPTS: Record<"A" | "B", Step[]> = {
  A: [{ emit: { src: "A", ts: 3000, idle: true } }, { waitFor: "b-late-seen", limitMs: 4 * WAIT_LIMIT_MS }, { emit: { src: "A", ts: 5000 } }],
  B: [
    { emit: { src: "B", ts: 1000 } },
    { waitFor: "a-seen", limitMs: WAIT_LIMIT_MS },
    { emit: { src: "B", ts: 1000, idle: true } },
    { waitFor: "fired-0", limitMs: WAIT_LIMIT_MS },
    { emit: { src: "B", ts: 1500 } },
    { waitFor: "fired-2000", limitMs: WAIT_LIMIT_MS },
    { emit: { src: "B", ts: 3500 } },
  ],
};

class ScriptedSource implements Source<Tick, number> {
  readonly boundedness = "bounded";
  readonly maxParallelism = 1;
  constructor(
    private readonly steps: Step[],
    private readonly dir: string,
  ) {}

  createReader(): SourceReader<Tick, number> {
    const { steps, dir } = this;
    let next = 0;
    let waitingSince: number | undefined;
    return {
      pollNext(output: ReaderOutput<Tick>): InputStatus {
        const step = steps[next];
        if (!step) return "end-of-input";
        if ("emit" in step) {
          output.collect(step.emit, step.emit.ts);
          next++;
          return next < steps.length ? "more" : "end-of-input";
        }
        waitingSince ??= Date.now();
        if (existsSync(join(dir, step.waitFor)) || Date.now() - waitingSince > step.limitMs) {
          waitingSince = undefined;
          next++;
          return "more";
        }
        return "nothing-available";
      },
      isAvailable: () => new Promise((resolve) => setTimeout(resolve, 10)),
      snapshotState: () => [next],
      restoreState: (splits) => {
        next = splits.length ? Math.min(...splits) : steps.length;
      },
    };
  }
}

/** Each event is its own watermark; an `idle` event marks the source idle after it. */
function tickWatermarks(): WatermarkStrategy<Tick> {
  return WatermarkStrategy.forGenerator<Tick>(() => ({
    onEvent(e, ts, out) {
      out.emitWatermark(ts);
      if (e.idle) out.markIdle();
    },
    onPeriodicEmit() {},
  })).withTimestampAssigner((e) => e.ts);
}

const signal = (dir: string, name: string): void => writeFileSync(join(dir, name), "");

export default defineJob((env, args) => {
  const dir = args[0]!;
  const a = env.fromSource(new ScriptedSource(SCRIPTS.A, dir), tickWatermarks(), "A").setParallelism(1);
  const b = env.fromSource(new ScriptedSource(SCRIPTS.B, dir), tickWatermarks(), "B").setParallelism(1);
  const seen = a
    .union(b)
    .map((t) => {
      if (t.src === "A" && t.ts === 3000) signal(dir, "a-seen");
      if (t.src === "B" && t.ts === 1500) signal(dir, "b-late-seen");
      return t;
    })
    .setParallelism(1)
    .name("Signal what arrived");
  const late = new OutputTag<Tick>("late");
  const counted = seen
    .keyBy(() => "all")
    .window(TumblingEventTimeWindows.of(2000))
    .sideOutputLateData(late)
    .process<{ start: number; ts: number[] }>((_key, ctx, els, out) => {
      const start = ctx.window().start;
      out.collect({ start, ts: els.map((e) => e.ts).sort((x, y) => x - y) });
      signal(dir, `fired-${start}`);
    })
    .setParallelism(1);
  collectAs(counted, "windows");
  collectAs(counted.getSideOutput(late).map((t) => t.ts), "late");
});
