/**
 * DeltaTrigger, DeltaEvictor, ProcessingTimeoutTrigger, GlobalWindows.createWithEndOfStreamTrigger()
 * and a staggered processing-time tumbling window over one keyed input; each pipeline's results go
 * to a named collect sink (reference: support/window-pieces-reference.ts).
 * Args: [count]
 */
import {
  CountTrigger,
  DeltaEvictor,
  DeltaTrigger,
  GlobalWindows,
  ProcessingTimeoutTrigger,
  PurgingTrigger,
  TumblingProcessingTimeWindows,
  WindowStagger,
  defineJob,
  type Collector,
  type ProcessWindowContext,
  type StreamingRuntimeContext,
  type TimeWindow,
  type Window,
} from "sluice";
import { collectAs } from "./support/collect.js";
import { readings, type Reading } from "./support/window-pieces-reference.js";

export const DELTA_THRESHOLD = 6;
export const EVICTOR_EVERY = 4;
export const EVICTOR_THRESHOLD = 5;
export const TIMEOUT_EVERY = 5;
export const STAGGER_SIZE = 3_600_000;

const distance = (a: Reading, b: Reading): number => Math.abs(a.v - b.v);
const sumV = (a: Reading, b: Reading): Reading => ({ ...a, v: a.v + b.v });

export default defineJob((env, args) => {
  const input = env.fromCollection(readings(Number(args[0] ?? 600))).setParallelism(1);
  const keyed = input.keyBy((r) => r.key);

  collectAs(
    keyed.window(GlobalWindows.create()).trigger(DeltaTrigger.of(DELTA_THRESHOLD, distance)).reduce(sumV).map((r) => `${r.key}:${r.v}`),
    "delta-trigger",
  );

  collectAs(
    keyed
      .window(GlobalWindows.create())
      .trigger(CountTrigger.of(EVICTOR_EVERY))
      .evictor(DeltaEvictor.of(EVICTOR_THRESHOLD, distance))
      .process((key: string, _ctx: ProcessWindowContext<Window>, els: readonly Reading[], out: Collector<string>) => out.collect(`${key}:${els.map((e) => e.id).join(",")}`)),
    "delta-evictor",
  );

  collectAs(
    keyed
      .window(GlobalWindows.create())
      .trigger(ProcessingTimeoutTrigger.of(PurgingTrigger.of(CountTrigger.of(TIMEOUT_EVERY)), 3_600_000))
      .reduce(sumV)
      .map((r) => `${r.key}:${r.v}`),
    "processing-timeout",
  );

  collectAs(
    keyed.window(GlobalWindows.createWithEndOfStreamTrigger()).reduce(sumV).map((r) => `${r.key}:${r.v}`),
    "end-of-stream",
  );

  // An hour-long window fires at end of input; what matters is where each instance's windows start.
  let subtask = 0;
  collectAs(
    keyed.window(TumblingProcessingTimeWindows.of(STAGGER_SIZE, 0, WindowStagger.NATURAL)).process({
      open(ctx: StreamingRuntimeContext) {
        subtask = ctx.subtaskIndex;
      },
      process(_key: string, ctx: ProcessWindowContext<TimeWindow>, els: readonly Reading[], out: Collector<{ subtask: number; start: number; n: number }>) {
        out.collect({ subtask, start: ctx.window().start, n: els.length });
      },
    }),
    "stagger",
  );
});
