/**
 * A keyed job over a large state, in three phases of one source (bench/large-state.ts):
 * fill (every key once, as fast as it goes), steady (random keys at a fixed rate: the load under
 * which checkpoints are measured), burst (random keys as fast as they go: the throughput, with or
 * without checkpoints). Each key's state is a ValueState { n, payload } with a payload of
 * `valueBytes`. The keyed operator notes when each phase reached it and how many burst records it
 * processed, as accumulators.
 *
 * args: [keys, valueBytes, updatesPerSecond, steadySeconds, burstSeconds, checkpointMs]
 */
import {
  LongCounter,
  ValueStateDescriptor,
  WatermarkStrategy,
  defineJob,
  type InputStatus,
  type ReaderOutput,
  type Source,
  type SourceReader,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";

interface Update {
  key: number;
  /** 0 fill, 1 steady, 2 burst */
  phase: number;
}

class PhasedSource implements Source<Update, never> {
  readonly boundedness = "bounded";
  constructor(
    private readonly keys: number,
    private readonly updatesPerSecond: number,
    private readonly steadyMs: number,
    private readonly burstMs: number,
  ) {}

  createReader(): SourceReader<Update, never> {
    const { keys, updatesPerSecond, steadyMs, burstMs } = this;
    let filled = 0;
    let phaseStart = 0;
    let emitted = 0;
    let wakeAt = 0;
    let seed = 12345;
    const randomKey = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % keys;
    };
    return {
      pollNext(output: ReaderOutput<Update>): InputStatus {
        if (filled < keys) {
          output.collect({ key: filled++, phase: 0 });
          return "more";
        }
        const now = Date.now();
        if (phaseStart === 0) phaseStart = now;
        const elapsed = now - phaseStart;
        if (elapsed < steadyMs) {
          const dueAt = phaseStart + (emitted / updatesPerSecond) * 1000;
          if (dueAt > now) {
            wakeAt = dueAt;
            return "nothing-available";
          }
          emitted++;
          output.collect({ key: randomKey(), phase: 1 });
          return "more";
        }
        if (elapsed < steadyMs + burstMs) {
          for (let i = 0; i < 64; i++) output.collect({ key: randomKey(), phase: 2 });
          return "more";
        }
        return "end-of-input";
      },
      isAvailable: () => new Promise((resolve) => setTimeout(resolve, Math.max(0, wakeAt - Date.now()))),
      snapshotState: () => [],
    };
  }
}

class Payloads {
  private state!: ValueState<{ n: number; payload: string }>;
  private readonly phaseAt = [new LongCounter(), new LongCounter(), new LongCounter()];
  private readonly burstRecords = new LongCounter();
  private readonly burstEnd = new LongCounter();
  private phase = -1;
  private lastBurst = 0;
  constructor(private readonly valueBytes: number) {}

  open(ctx: StreamingRuntimeContext): void {
    this.state = ctx.getState(new ValueStateDescriptor<{ n: number; payload: string }>("payload"));
    this.phaseAt.forEach((c, i) => ctx.addAccumulator(`phase${i}Start`, c));
    ctx.addAccumulator("burstRecords", this.burstRecords);
    ctx.addAccumulator("burstEnd", this.burstEnd);
  }

  map(r: Update): number {
    if (r.phase !== this.phase) {
      this.phase = r.phase;
      this.phaseAt[r.phase]!.add(Date.now());
    }
    if (r.phase === 0) {
      this.state.update({ n: 0, payload: `${r.key}:`.padEnd(this.valueBytes, String.fromCharCode(97 + (r.key % 26))) });
      return 0;
    }
    const t = this.state.value()!;
    this.state.update({ n: t.n + 1, payload: t.payload });
    if (r.phase === 2) {
      this.burstRecords.add(1);
      const now = Date.now();
      if (now !== this.lastBurst) {
        this.burstEnd.add(now - this.lastBurst);
        this.lastBurst = now;
      }
    }
    return t.n;
  }
}

export default defineJob((env, args) => {
  const [keys, valueBytes, updatesPerSecond, steadySeconds, burstSeconds, checkpointMs] = args.map(Number) as [number, number, number, number, number, number];
  if (checkpointMs > 0) env.enableCheckpointing(checkpointMs);
  env.setParallelism(1);
  env
    .fromSource(new PhasedSource(keys, updatesPerSecond, steadySeconds * 1000, burstSeconds * 1000), WatermarkStrategy.noWatermarks(), "Updates")
    .keyBy((r) => r.key)
    .map(new Payloads(valueBytes))
    .addSink(() => {});
});
