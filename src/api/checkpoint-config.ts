/**
 * env.getCheckpointConfig(): the job's own checkpointing settings (Flink's CheckpointConfig).
 * What the job leaves unset, the JobMaster takes from the configuration's
 * execution.checkpointing.* keys (docs/architecture.md, "Programmatic configuration").
 */
import type { JsonObject } from "../graph/stream-graph.js";

export type CheckpointingMode = "exactly-once" | "at-least-once";
export type ExternalizedCheckpointRetention = "DELETE_ON_CANCELLATION" | "RETAIN_ON_CANCELLATION" | "NO_EXTERNALIZED_CHECKPOINTS";

function nonNegative(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a number >= 0 (milliseconds), got ${value}`);
  return value;
}

function positiveInt(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be a positive integer, got ${value}`);
  return value;
}

export class CheckpointConfig {
  private interval = 0;
  private mode: CheckpointingMode | undefined;
  private timeout: number | undefined;
  private minPause: number | undefined;
  private maxConcurrent: number | undefined;
  private tolerableFailures: number | undefined;
  private retention: ExternalizedCheckpointRetention | undefined;
  private unaligned: boolean | undefined;
  private alignedTimeout: number | undefined;

  /** Periodic checkpoints every `ms`; 0 disables them (the configuration's interval then applies). */
  setCheckpointInterval(ms: number): this {
    this.interval = nonNegative(ms, "checkpoint interval");
    return this;
  }
  getCheckpointInterval(): number {
    return this.interval;
  }
  isCheckpointingEnabled(): boolean {
    return this.interval > 0;
  }

  setCheckpointingMode(mode: CheckpointingMode): this {
    if (mode !== "exactly-once" && mode !== "at-least-once") throw new RangeError(`checkpointing mode must be "exactly-once" or "at-least-once", got ${String(mode)}`);
    this.mode = mode;
    return this;
  }
  /** Flink 2.x's name for setCheckpointingMode. */
  setCheckpointingConsistencyMode(mode: CheckpointingMode): this {
    return this.setCheckpointingMode(mode);
  }
  getCheckpointingMode(): CheckpointingMode {
    return this.mode ?? "exactly-once";
  }

  /** A checkpoint not complete after this long is aborted. */
  setCheckpointTimeout(ms: number): this {
    this.timeout = positiveInt(ms, "checkpoint timeout");
    return this;
  }
  getCheckpointTimeout(): number | undefined {
    return this.timeout;
  }

  /** The least time between the end of one checkpoint and the start of the next. */
  setMinPauseBetweenCheckpoints(ms: number): this {
    this.minPause = nonNegative(ms, "min pause between checkpoints");
    return this;
  }
  getMinPauseBetweenCheckpoints(): number | undefined {
    return this.minPause;
  }

  setMaxConcurrentCheckpoints(n: number): this {
    this.maxConcurrent = positiveInt(n, "max concurrent checkpoints");
    return this;
  }
  getMaxConcurrentCheckpoints(): number | undefined {
    return this.maxConcurrent;
  }

  /** How many checkpoints may fail in a row before the job fails over. */
  setTolerableCheckpointFailureNumber(n: number): this {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`tolerable checkpoint failures must be an integer >= 0, got ${n}`);
    this.tolerableFailures = n;
    return this;
  }
  getTolerableCheckpointFailureNumber(): number | undefined {
    return this.tolerableFailures;
  }

  /** Whether a cancelled job's retained checkpoints are kept. */
  setExternalizedCheckpointRetention(retention: ExternalizedCheckpointRetention): this {
    const valid = ["DELETE_ON_CANCELLATION", "RETAIN_ON_CANCELLATION", "NO_EXTERNALIZED_CHECKPOINTS"];
    if (!valid.includes(retention)) throw new RangeError(`checkpoint retention must be one of ${valid.join(", ")}, got ${String(retention)}`);
    this.retention = retention;
    return this;
  }
  getExternalizedCheckpointRetention(): ExternalizedCheckpointRetention | undefined {
    return this.retention;
  }

  /** Unaligned checkpoints: barriers overtake in-flight data, which is checkpointed (docs/checkpoints.md). */
  enableUnalignedCheckpoints(enabled = true): this {
    this.unaligned = enabled;
    return this;
  }
  isUnalignedCheckpointsEnabled(): boolean {
    return this.unaligned ?? false;
  }

  /** With unaligned checkpoints: start aligned, switch to unaligned after `ms` (0: unaligned from the start). */
  setAlignedCheckpointTimeout(ms: number): this {
    this.alignedTimeout = nonNegative(ms, "aligned checkpoint timeout");
    return this;
  }
  getAlignedCheckpointTimeout(): number | undefined {
    return this.alignedTimeout;
  }

  /** The settings the job sets, as they travel in the JobGraph (read by checkpointSettings on the JobMaster). */
  toSettings(): JsonObject {
    const s: JsonObject = { checkpointInterval: this.interval };
    if (this.mode !== undefined) s.checkpointingMode = this.mode;
    if (this.timeout !== undefined) s.checkpointTimeout = this.timeout;
    if (this.minPause !== undefined) s.checkpointMinPause = this.minPause;
    if (this.maxConcurrent !== undefined) s.maxConcurrentCheckpoints = this.maxConcurrent;
    if (this.tolerableFailures !== undefined) s.tolerableCheckpointFailures = this.tolerableFailures;
    if (this.retention !== undefined) s.checkpointRetention = this.retention;
    if (this.unaligned !== undefined) s.unalignedCheckpoints = this.unaligned;
    if (this.alignedTimeout !== undefined) s.alignedCheckpointTimeout = this.alignedTimeout;
    return s;
  }
}
