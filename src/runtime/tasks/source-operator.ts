/**
 * The head of a source vertex: receives what the reader emits, applies the source's watermark
 * strategy and passes records down the chain.
 */
import type { ReaderOutput, Source, SourceReader } from "../../api/source.js";
import type { WatermarkStrategy } from "../../api/watermark-strategy.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { StreamOperator } from "../operators/stream-operator.js";
import { ListStateDescriptor } from "../../api/state/state-descriptors.js";
import { SimpleCounter } from "../metrics/metric-types.js";
import { SourceReaderMetricGroupImpl } from "../metrics/source-reader-metric-group.js";

const SPLITS_STATE = "$source-splits";
import { DEFAULT_AUTO_WATERMARK_INTERVAL_MS, WatermarkEmitter } from "../operators/timestamps-watermarks-operator.js";

export class SourceOperator extends StreamOperator implements ReaderOutput<unknown> {
  reader!: SourceReader<unknown>;
  private emitter: WatermarkEmitter | undefined;
  /** Records emitted by the reader (the task's and this operator's numRecordsIn). */
  readonly emitted = new SimpleCounter();

  override open(): void {
    const source = this.ctx.fns.source as Source<unknown>;
    const rc = this.ctx.runtimeContext;
    this.reader = source.createReader({ subtaskIndex: rc.subtaskIndex, parallelism: rc.parallelism, metricGroup: new SourceReaderMetricGroupImpl(rc.getMetricGroup()) });
    if (this.ctx.isRestored) {
      if (!this.reader.restoreState) throw new Error(`source "${this.ctx.descriptor.name}" cannot resume from a checkpoint`);
      this.reader.restoreState(this.splitState().get());
    }
    const strategy = this.ctx.fns.watermarks as WatermarkStrategy<unknown> | undefined;
    const interval = Number(this.ctx.settings.autoWatermarkInterval ?? DEFAULT_AUTO_WATERMARK_INTERVAL_MS);
    if (strategy && !strategy.isNoOp) this.emitter = new WatermarkEmitter(strategy, () => this.output, this.ctx.processingTime, interval);
  }

  /** The reader's remaining splits live in operator list state, so a rescale deals them out again. */
  private splitState(): { get(): unknown[]; update(values: unknown[]): void } {
    const store = this.ctx.operatorState;
    if (!store) throw new Error("source without operator state");
    const list = store.getListState<unknown>(new ListStateDescriptor<unknown>(SPLITS_STATE));
    return { get: () => [...(list.get() ?? [])], update: (v) => list.update(v) };
  }

  override snapshotState(): void {
    this.splitState().update(this.reader.snapshotState());
  }

  collect(value: unknown, timestamp?: number): void {
    this.emitted.count++;
    const ts = timestamp ?? NO_TIMESTAMP;
    this.output.collect(value, this.emitter ? this.emitter.onRecord(value, ts) : ts);
  }

  processElement(): void {
    throw new Error("a source has no input");
  }

  /** End of input: event time is complete. */
  emitFinalWatermark(): void {
    this.emitter?.close();
    this.processWatermark(Number.POSITIVE_INFINITY, 0);
  }

  override async close(): Promise<void> {
    this.emitter?.close();
    await this.reader?.close?.();
  }
}
