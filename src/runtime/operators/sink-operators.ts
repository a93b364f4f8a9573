/** Sinks at the end of a chain: a Sink's writer, and the collect sink that feeds executeAndCollect(). */
import type { Sink, SinkWriter } from "../../api/sink.js";
import { NO_TIMESTAMP } from "../network/record-batch-codec.js";
import { StreamOperator } from "./stream-operator.js";

export class SinkOperator extends StreamOperator {
  private writer!: SinkWriter<unknown>;

  override async open(): Promise<void> {
    const sink = this.ctx.fns.sink as Sink<unknown>;
    this.writer = await sink.createWriter(this.ctx.runtimeContext);
  }

  processElement(value: unknown, timestamp: number): void {
    this.writer.write(value, timestamp === NO_TIMESTAMP ? undefined : timestamp);
  }

  override async finish(): Promise<void> {
    await this.writer.flush?.(true);
  }

  override async close(): Promise<void> {
    await this.writer?.close?.();
  }
}

const COLLECT_BATCH = 1024;

export class CollectSinkOperator extends StreamOperator {
  private batch: unknown[] = [];

  processElement(value: unknown): void {
    this.batch.push(value);
    if (this.batch.length >= COLLECT_BATCH) this.flush();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.ctx.collect(this.batch);
    this.batch = [];
  }

  override finish(): void {
    this.flush();
  }

  override close(): void {
    this.flush();
  }
}
