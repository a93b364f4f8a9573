/**
 * A user sink that is exactly-once through CheckpointedFunction and CheckpointListener alone
 * (src/api/checkpointed-function.ts): it buffers records, moves the buffer into operator list
 * state at each checkpoint, and on that checkpoint's completion writes it to a file named after
 * the job, the checkpoint and the subtask that buffered it (idempotent: committing again overwrites the same
 * file with the same records). Restored, it commits what the checkpoint held (its own pending
 * batches, or another subtask's after rescaling). A failure injector fails the first attempts.
 * Args: [count, failures, parallelism, recordsPerSecond, checkpointIntervalMs, outDir]
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  DataGeneratorSource,
  ListStateDescriptor,
  RestartStrategies,
  WatermarkStrategy,
  defineJob,
  type CheckpointListener,
  type CheckpointedFunction,
  type FunctionInitializationContext,
  type FunctionSnapshotContext,
  type ListState,
  type StreamingRuntimeContext,
} from "sluice";

export interface Numbered {
  key: number;
  seq: number;
}

/** A batch waiting for its checkpoint to complete; `file` names it wherever it is committed. */
interface PendingBatch {
  checkpointId: number;
  file: string;
  records: Numbered[];
}

export class CommittingFileSink implements CheckpointedFunction, CheckpointListener {
  private buffer: Numbered[] = [];
  private pending: PendingBatch[] = [];
  private state!: ListState<PendingBatch>;
  private subtask = 0;
  private attempt = 0;
  private jobId = "";

  constructor(private readonly dir: string) {}

  initializeState(ctx: FunctionInitializationContext): void {
    this.state = ctx.getOperatorStateStore().getListState(new ListStateDescriptor<PendingBatch>("pending-batches"));
    if (ctx.isRestored()) {
      // Every batch in the restored state belongs to a completed checkpoint (the one restored or
      // an earlier one): commit them all; committing one twice rewrites the same file.
      for (const batch of this.state.get()) this.commit(batch);
      this.state.clear();
    }
  }

  open(ctx: StreamingRuntimeContext): void {
    this.subtask = ctx.subtaskIndex;
    this.attempt = ctx.attemptNumber;
    this.jobId = ctx.jobId;
  }

  invoke(r: Numbered): void {
    this.buffer.push(r);
  }

  snapshotState(ctx: FunctionSnapshotContext): void {
    const id = ctx.getCheckpointId();
    if (this.buffer.length > 0) this.pending.push({ checkpointId: id, file: `${this.jobId}-cp-${id}-subtask-${this.subtask}-attempt-${this.attempt}.json`, records: this.buffer });
    this.buffer = [];
    this.state.update(this.pending);
  }

  notifyCheckpointComplete(checkpointId: number): void {
    const done = this.pending.filter((b) => b.checkpointId <= checkpointId);
    for (const batch of done) this.commit(batch);
    this.pending = this.pending.filter((b) => b.checkpointId > checkpointId);
  }

  notifyCheckpointAborted(checkpointId: number): void {
    // An aborted checkpoint's batch stays pending: the next completed checkpoint commits it.
    void checkpointId;
  }

  /** End of input: nothing will be replayed any more, so commit what is left. */
  finish(): void {
    for (const batch of this.pending) this.commit(batch);
    this.pending = [];
    if (this.buffer.length > 0) this.commit({ checkpointId: -1, file: `${this.jobId}-final-subtask-${this.subtask}-attempt-${this.attempt}.json`, records: this.buffer });
    this.buffer = [];
  }

  private commit(batch: PendingBatch): void {
    mkdirSync(this.dir, { recursive: true });
    const target = join(this.dir, batch.file);
    writeFileSync(`${target}.tmp`, JSON.stringify(batch.records));
    renameSync(`${target}.tmp`, target);
  }
}

export const KEYS = 7;

export default defineJob((env, args) => {
  const count = Number(args[0] ?? 10_000);
  const failures = Number(args[1] ?? 2);
  env.setParallelism(Number(args[2] ?? 2));
  const rate = Number(args[3] ?? 10_000);
  const interval = Number(args[4] ?? 50);
  const dir = args[5] ?? "/tmp/sluice-checkpointed-sink";
  if (interval > 0) env.enableCheckpointing(interval);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(failures + 2, 0));
  let attempt = 0;
  env
    .fromSource(new DataGeneratorSource((i): Numbered => ({ key: i % KEYS, seq: Math.floor(i / KEYS) }), count, { recordsPerSecond: rate }), WatermarkStrategy.noWatermarks(), "Numbers")
    .map({
      open(ctx: StreamingRuntimeContext) {
        attempt = ctx.attemptNumber;
      },
      map(r: Numbered): Numbered {
        if (attempt < failures && r.key === 0 && r.seq === Math.floor(((attempt + 1) * count) / KEYS / (failures + 2))) {
          throw new Error(`injected failure ${attempt + 1} at seq ${r.seq}`);
        }
        return r;
      },
    })
    .name("Failure injector")
    .addSink(new CommittingFileSink(dir))
    .name("Committing file sink")
    .uid("committing-file-sink");
});
