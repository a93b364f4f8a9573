/**
 * The sequence check of sequence-check.ts with failures the test sets off (test/checkpointing/
 * local-recovery.test.ts): attempt k of the failure injector throws once the file `fail-<k>` exists in
 * the marker folder, so the test can prepare the checkpoint storage and the local copies first.
 * Args: [count, parallelism, recordsPerSecond, checkpointIntervalMs (0: the test triggers them), markerDir]
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DataGeneratorSource, RestartStrategies, WatermarkStrategy, defineJob, type StreamingRuntimeContext } from "sluice";
import { KEYS, SequenceChecker, type SeqRecord } from "./sequence-check.js";

/** How often the injector looks for its marker file. */
const MARKER_POLL_MS = 20;

export default defineJob((env, args) => {
  const count = Number(args[0] ?? 10_000);
  env.setParallelism(Number(args[1] ?? 2));
  const interval = Number(args[3] ?? 0);
  if (interval > 0) env.enableCheckpointing(interval);
  const markers = args[4] ?? ".";
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(10, 0));
  let attempt = 0;
  let lastLook = 0;
  env
    .fromSource(
      new DataGeneratorSource((i): SeqRecord => ({ key: i % KEYS, seq: Math.floor(i / KEYS) }), count, { recordsPerSecond: Number(args[2] ?? 500) }),
      WatermarkStrategy.noWatermarks(),
      "Sequences",
    )
    .map({
      open(ctx: StreamingRuntimeContext) {
        attempt = ctx.attemptNumber;
      },
      map(r: SeqRecord): SeqRecord {
        const now = Date.now();
        if (now - lastLook >= MARKER_POLL_MS) {
          lastLook = now;
          if (existsSync(join(markers, `fail-${attempt}`))) throw new Error(`injected failure of attempt ${attempt}`);
        }
        return r;
      },
    })
    .name("Failure injector")
    .keyBy((r) => r.key)
    .map(new SequenceChecker())
    .name("Sequence checker")
    .uid("sequence-checker")
    .executeAndCollect();
});
