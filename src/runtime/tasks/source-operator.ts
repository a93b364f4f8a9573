/**
 * The head of a source vertex: creates the source's reader, receives what it emits (records and
 * side-output records), applies the source's watermark strategy and passes records down the chain.
 * For a source with a split enumerator it is the reader's end of the source events
 * (docs/architecture.md, "Sources and split enumerators"): it registers the reader with its
 * enumerator, forwards split requests and custom events, and hands assigned splits to the reader.
 */
import type { ReaderOutput, Source, SourceOutput, SourceReader, SourceReaderContext } from "../../api/source.js";
import type { OutputTag } from "../../api/output-tag.js";
import type { WatermarkStrategy } from "../../api/watermark-strategy.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { StreamOperator, type OperatorContext, type SnapshotOptions } from "../operators/stream-operator.js";
import { ListStateDescriptor } from "../../api/state/state-descriptors.js";
import { DEFAULT_AUTO_WATERMARK_INTERVAL_MS } from "../operators/timestamps-watermarks-operator.js";
import { SourceWatermarks } from "./split-watermarks.js";
import type { EnumeratorToReader, ReaderToEnumerator } from "../coordination/source-events.js";
import { isBatchMode } from "../../api/runtime-mode.js";
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";
import { SimpleCounter } from "../metrics/metric-types.js";
import { SourceReaderMetricGroupImpl } from "../metrics/source-reader-metric-group.js";

const SPLITS_STATE = "$source-splits";

/** A reader lacks what its enumerator needs (e.g. addSplits()), or a source event made it throw. */
export class SourceReaderError extends SluiceError {}
registerErrorClass(SourceReaderError);

/** How a source task reaches the JobMaster: its enumerator (sources with createEnumerator()) and watermark alignment (every source). */
export interface SourceCoordination {
  /** Where the reader runs (its TaskManager), for the enumerator's ReaderInfo and split requests. */
  location: string;
  send(event: ReaderToEnumerator): void;
}

export class SourceOperator extends StreamOperator implements ReaderOutput<unknown> {
  reader!: SourceReader<unknown>;
  /** The reader's metrics (numBytesIn, numRecordsInErrors, pendingRecords, …), read by the metric system. */
  readonly readerMetrics: SourceReaderMetricGroupImpl;
  /** The source's watermark strategy, per split where the reader splits its output (split-watermarks.ts). */
  private watermarks!: SourceWatermarks;
  /** Records emitted by the reader (the task's and this operator's numRecordsIn). */
  readonly emitted = new SimpleCounter();
  /** Records the reader sent to side outputs. */
  emittedToSideOutputs = 0;
  /** Ids of savepoints taken and not yet completed or aborted. */
  private readonly savepoints = new Set<number>();
  /** Watermark alignment (docs/architecture.md, "Watermark alignment"): the group's limit from the JobMaster. */
  private maxAllowedWatermark = Number.POSITIVE_INFINITY;
  private alignmentWaiters: Array<() => void> = [];
  /** Splits the reader was told to pause (per-split alignment, pauseOrResumeSplits) and not yet to resume. */
  private readonly pausedSplits = new Set<string>();
  private stopReporting: (() => void) | undefined;

  constructor(
    ctx: OperatorContext,
    private readonly coordination?: SourceCoordination,
    /** Reports a failed connection attempt the connector will retry (SourceReaderContext.reportConnectionRetry). */
    private readonly reportConnectionRetry?: (error: unknown) => void,
  ) {
    super(ctx);
    this.readerMetrics = new SourceReaderMetricGroupImpl(ctx.runtimeContext.getMetricGroup());
  }

  /** Whether the source's splits come from an enumerator in the JobMaster (every source reaches the JobMaster for alignment). */
  get isCoordinated(): boolean {
    return this.coordination !== undefined && this.ctx.descriptor.config.coordinated === true;
  }

  override open(): void | Promise<void> {
    const source = this.ctx.fns.source as Source<unknown>;
    const rc = this.ctx.runtimeContext;
    const coordination = this.isCoordinated ? this.coordination : undefined;
    const readerContext: SourceReaderContext = {
      subtaskIndex: rc.subtaskIndex,
      parallelism: rc.parallelism,
      metricGroup: this.readerMetrics,
      ...(this.reportConnectionRetry ? { reportConnectionRetry: this.reportConnectionRetry } : {}),
      ...(coordination
        ? {
            sendSplitRequest: () => coordination.send({ kind: "split-request", location: coordination.location }),
            sendSourceEventToCoordinator: (event: unknown) => coordination.send({ kind: "custom", event }),
          }
        : {}),
    };
    this.reader = source.createReader(readerContext);
    if (this.ctx.isRestored) {
      if (!this.reader.restoreState) throw new Error(`source "${this.ctx.descriptor.name}" cannot resume from a checkpoint`);
      this.reader.restoreState(this.splitState().get());
    }
    const strategy = this.ctx.fns.watermarks as WatermarkStrategy<unknown> | undefined;
    const interval = Number(this.ctx.settings.autoWatermarkInterval ?? DEFAULT_AUTO_WATERMARK_INTERVAL_MS);
    const records = { emitRecord: (value: unknown, ts: number) => this.emitRecord(value, ts), collectSideOutput: this.collectSideOutput.bind(this) };
    const watermarked = strategy && !strategy.isNoOp ? strategy : undefined;
    this.watermarks = new SourceWatermarks(watermarked, () => this.output, this.ctx.processingTime, interval, records, isBatchMode(this.ctx.settings));
    const alignment = watermarked?.alignment;
    const toJobMaster = this.coordination;
    if (alignment && toJobMaster) {
      // Every aligned source reports, with or without an enumerator: the JobMaster keeps the groups.
      const { group, maxAllowedDriftMs, updateIntervalMs } = alignment;
      const watermarks = this.watermarks;
      this.stopReporting = this.ctx.processingTime.scheduleAtFixedRate(updateIntervalMs, () =>
        toJobMaster.send({ kind: "watermark", group, maxAllowedDriftMs, watermark: watermarks.currentWatermark }),
      );
    }
    // Registered once its restored splits are in place and it has started: the enumerator's
    // addReader() may assign at once. The task is INITIALIZING until then (connectors connect in start()).
    const register = () => coordination?.send({ kind: "register", location: coordination.location });
    const started = this.reader.start?.();
    if (started instanceof Promise) return started.then(register);
    register();
  }

  /** An event from the enumerator; the task calls it between polls, after any checkpoint it was asked to take first. */
  handleOperatorEvent(event: EnumeratorToReader): void {
    const reader = this.reader;
    const name = this.ctx.descriptor.name;
    switch (event.kind) {
      case "add-splits":
        if (!reader.addSplits) throw new SourceReaderError(`the reader of source "${name}" has no addSplits(), but its enumerator assigns splits`);
        reader.addSplits(event.splits);
        break;
      case "no-more-splits":
        reader.notifyNoMoreSplits?.();
        break;
      case "align":
        this.maxAllowedWatermark = event.maxAllowedWatermark;
        this.alignSplits();
        if (!this.alignmentPaused) for (const resume of this.alignmentWaiters.splice(0)) resume();
        break;
      case "custom":
        if (!reader.handleSourceEvent) throw new SourceReaderError(`the reader of source "${name}" has no handleSourceEvent(), but its enumerator sends it events`);
        reader.handleSourceEvent(event.event);
        break;
    }
  }

  /** The reader is ahead of its alignment group by more than the allowed drift: the task stops polling it. */
  get alignmentPaused(): boolean {
    return this.watermarks !== undefined && this.watermarks.currentWatermark > this.maxAllowedWatermark;
  }

  /**
   * Per-split alignment (Flink's SourceOperator.checkSplitWatermarkAlignment), after every poll and
   * every new limit: a split whose own watermark is above the limit is paused, a paused one at or below
   * it is resumed; the reader hears only the changes. Readers without pauseOrResumeSplits() keep the
   * whole-reader pause of alignmentPaused alone (docs/architecture.md, "Watermark alignment").
   */
  alignSplits(): void {
    const pauseOrResume = this.reader.pauseOrResumeSplits;
    if (!pauseOrResume || !this.watermarks?.hasSplitOutputs || !(this.ctx.fns.watermarks as WatermarkStrategy<unknown> | undefined)?.alignment) return;
    const toPause: string[] = [];
    const toResume: string[] = [];
    const live = new Set<string>();
    for (const [splitId, watermark] of this.watermarks.splitWatermarks()) {
      live.add(splitId);
      const ahead = watermark > this.maxAllowedWatermark;
      if (ahead && !this.pausedSplits.has(splitId)) toPause.push(splitId);
      else if (!ahead && this.pausedSplits.has(splitId)) toResume.push(splitId);
    }
    // A released split (finished, or gone from this reader) is not resumed: the reader has dropped it.
    for (const splitId of this.pausedSplits) if (!live.has(splitId)) this.pausedSplits.delete(splitId);
    if (toPause.length === 0 && toResume.length === 0) return;
    for (const splitId of toPause) this.pausedSplits.add(splitId);
    for (const splitId of toResume) this.pausedSplits.delete(splitId);
    pauseOrResume.call(this.reader, toPause, toResume);
  }

  /** Resolves when the group's limit lets the reader go on. */
  whenAlignmentResumes(): Promise<void> {
    return new Promise((resolve) => this.alignmentWaiters.push(resolve));
  }

  /** The reader's remaining splits live in operator list state, so a rescale deals them out again. */
  private splitState(): { get(): unknown[]; update(values: unknown[]): void } {
    const store = this.ctx.operatorState;
    if (!store) throw new Error("source without operator state");
    const list = store.getListState<unknown>(new ListStateDescriptor<unknown>(SPLITS_STATE));
    return { get: () => [...(list.get() ?? [])], update: (v) => list.update(v) };
  }

  override snapshotState(checkpointId: number, options?: SnapshotOptions): void {
    this.splitState().update(this.reader.snapshotState(checkpointId));
    if (options?.isSavepoint) this.savepoints.add(checkpointId);
  }

  /**
   * Savepoints are not passed on: failover restores checkpoints only, so a reader that acknowledged
   * upstream what a savepoint covers could lose it (the two-phase-commit sinks' rule, stream-operator.ts).
   */
  override async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    if (this.savepoints.delete(checkpointId)) return;
    await this.reader.notifyCheckpointComplete?.(checkpointId);
  }

  override notifyCheckpointAborted(checkpointId: number): void {
    if (this.savepoints.delete(checkpointId)) return;
    this.reader.notifyCheckpointAborted?.(checkpointId);
  }

  collect(value: unknown, timestamp?: number): void {
    this.watermarks.collect(value, timestamp ?? NO_TIMESTAMP);
  }

  createOutputForSplit(splitId: string): SourceOutput<unknown> {
    return this.watermarks.createOutputForSplit(splitId);
  }

  releaseOutputForSplit(splitId: string): void {
    this.watermarks.releaseOutputForSplit(splitId);
  }

  private emitRecord(value: unknown, timestamp: number): void {
    this.emitted.count++;
    this.output.collect(value, timestamp);
  }

  /** A record for a side output (getSideOutput(tag) on the source's stream), e.g. a dead letter; no watermark logic. */
  collectSideOutput<X>(tag: OutputTag<X>, value: X, timestamp?: number): void {
    this.emittedToSideOutputs++;
    this.output.collectSide(tag.id, value, timestamp ?? NO_TIMESTAMP);
  }

  processElement(): void {
    throw new Error("a source has no input");
  }

  /** End of input: event time is complete. */
  emitFinalWatermark(): void {
    this.endAlignment();
    this.watermarks?.close();
    this.processWatermark(Number.POSITIVE_INFINITY, 0);
  }

  /** An ended reader reports +∞, so it never holds its group back. */
  private endAlignment(): void {
    if (!this.stopReporting) return;
    this.stopReporting();
    this.stopReporting = undefined;
    const a = (this.ctx.fns.watermarks as WatermarkStrategy<unknown>).alignment!;
    this.coordination!.send({ kind: "watermark", group: a.group, maxAllowedDriftMs: a.maxAllowedDriftMs, watermark: Number.POSITIVE_INFINITY });
  }

  override async close(): Promise<void> {
    this.stopReporting?.();
    this.watermarks?.close();
    await this.reader?.close?.();
  }
}
