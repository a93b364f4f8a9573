/**
 * An exactly-once check over a FileSource (docs/connectors.md, "Files"): the files of a directory
 * hold lines "key,seq"; a keyed checker counts and sums per key, and throws on a sequence number it
 * has seen before. A map throws at chosen records in the first attempts, so the job recovers from
 * checkpoints. With `notifications`, readers and enumerator append to that file, on every
 * notifyCheckpointComplete(id), whether the checkpoint's _metadata existed at that moment.
 * Each reader emits at most `linesPerSecond` lines per second, so that checkpoints happen while it reads.
 * Args: [dir, monitorMs (0: bounded), parallelism, checkpointIntervalMs, failures, failEveryRecords,
 *        linesPerSecond, progressFile, notificationsFile, checkpointDir]
 */
import { appendFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  FileSource,
  MapStateDescriptor,
  RestartStrategies,
  ValueStateDescriptor,
  WatermarkStrategy,
  defineJob,
  type FileEnumeratorState,
  type FileSplit,
  type MapState,
  type Source,
  type SourceReader,
  type SourceReaderContext,
  type SplitEnumerator,
  type SplitEnumeratorContext,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";

export interface FileRecord {
  key: number;
  seq: number;
}

export interface KeyTotals {
  key: number;
  count: number;
  sum: number;
}

class ExactlyOnceChecker {
  private count!: ValueState<number>;
  private sum!: ValueState<number>;
  private seen!: MapState<number, boolean>;
  open(ctx: StreamingRuntimeContext): void {
    this.count = ctx.getState(new ValueStateDescriptor<number>("count"));
    this.sum = ctx.getState(new ValueStateDescriptor<number>("sum"));
    this.seen = ctx.getMapState(new MapStateDescriptor<number, boolean>("seen"));
  }
  map(r: FileRecord): KeyTotals {
    if (this.seen.contains(r.seq)) throw new Error(`key ${r.key}: sequence ${r.seq} seen twice`);
    this.seen.put(r.seq, true);
    const count = (this.count.value() ?? 0) + 1;
    const sum = (this.sum.value() ?? 0) + r.seq;
    this.count.update(count);
    this.sum.update(sum);
    return { key: r.key, count, sum };
  }
}

/** Whether checkpoint `id`'s _metadata exists under `base` (one job writes there). */
function metadataExists(base: string, id: number): boolean {
  return readdirSync(base).some((job) => existsSync(join(base, job, `chk-${id}`, "_metadata")));
}

/** FileSource, throttled, and with notifyCheckpointComplete recorded for readers and enumerator when `file` is set. */
class TestFileSource implements Source<string, FileSplit, FileEnumeratorState> {
  readonly boundedness;
  constructor(
    private readonly inner: FileSource,
    private readonly linesPerSecond: number,
    private readonly file: string | undefined,
    private readonly checkpointDir: string | undefined,
  ) {
    this.boundedness = inner.boundedness;
  }
  private record(who: string, id: number): void {
    if (this.file) appendFileSync(this.file, `${who} ${id} ${metadataExists(this.checkpointDir!, id)}\n`);
  }
  createReader(ctx: SourceReaderContext): SourceReader<string, FileSplit> {
    const reader = this.inner.createReader(ctx);
    const poll = reader.pollNext.bind(reader);
    const available = reader.isAvailable.bind(reader);
    const start = Date.now();
    let emitted = 0;
    let throttled = false;
    reader.pollNext = (output) => {
      if (this.linesPerSecond > 0 && emitted >= ((Date.now() - start) / 1000) * this.linesPerSecond) {
        throttled = true;
        return "nothing-available";
      }
      throttled = false;
      return poll({
        collect: (v, ts) => (emitted++, output.collect(v, ts)),
        createOutputForSplit: (id) => output.createOutputForSplit(id),
        releaseOutputForSplit: (id) => output.releaseOutputForSplit(id),
      });
    };
    reader.isAvailable = () => (throttled ? new Promise((r) => setTimeout(r, 5)) : available());
    reader.notifyCheckpointComplete = (id) => this.record(`reader-${ctx.subtaskIndex}`, id);
    return reader;
  }
  private wrap(e: SplitEnumerator<FileSplit, FileEnumeratorState>): SplitEnumerator<FileSplit, FileEnumeratorState> {
    e.notifyCheckpointComplete = (id) => this.record("enumerator", id);
    return e;
  }
  createEnumerator(ctx: SplitEnumeratorContext<FileSplit>): SplitEnumerator<FileSplit, FileEnumeratorState> {
    return this.wrap(this.inner.createEnumerator(ctx));
  }
  restoreEnumerator(ctx: SplitEnumeratorContext<FileSplit>, state: FileEnumeratorState): SplitEnumerator<FileSplit, FileEnumeratorState> {
    return this.wrap(this.inner.restoreEnumerator(ctx, state));
  }
}

export default defineJob((env, args) => {
  const [dir, monitorMs, parallelism, interval, failures, failEvery, linesPerSecond, progressFile, notificationsFile, checkpointDir] = args;
  env.setParallelism(Number(parallelism ?? 2));
  if (Number(interval ?? 0) > 0) env.enableCheckpointing(Number(interval));
  const maxFailures = Number(failures ?? 0);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(maxFailures + 2, 0));
  const builder = FileSource.forTextLines(dir!);
  if (Number(monitorMs ?? 0) > 0) builder.monitorContinuously(Number(monitorMs));
  const files = builder.build();
  const source = new TestFileSource(files, Number(linesPerSecond ?? 0), notificationsFile || undefined, checkpointDir);
  let attempt = 0;
  let seen = 0;
  const every = Number(failEvery ?? 0);
  const totals = env
    .fromSource(source, WatermarkStrategy.noWatermarks(), "Files")
    .uid("files")
    .map({
      open(ctx: StreamingRuntimeContext) {
        attempt = ctx.attemptNumber;
        seen = 0;
      },
      map(line: string): FileRecord {
        const [key, seq] = line.split(",").map(Number);
        // Attempt k fails after k+1 times `every` records in its first subtask.
        if (attempt < maxFailures && every > 0 && ++seen === every) throw new Error(`injected failure ${attempt + 1}`);
        return { key: key!, seq: seq! };
      },
    })
    .name("Parse")
    .keyBy((r) => r.key)
    .map(new ExactlyOnceChecker())
    .name("Exactly-once checker")
    .uid("checker");
  if (progressFile) totals.addSink((t: KeyTotals) => appendFileSync(progressFile, `${t.key} ${t.count}\n`));
  void totals.executeAndCollect();
});
