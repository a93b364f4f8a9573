/**
 * An operator that hands every call to another one: the base of the wrappers the operator
 * registry puts around operators (setting the current key, calling user functions' checkpoint
 * hooks) without the wrapped operator knowing.
 */
import type { Output } from "./output.js";
import type { Key, KeySelector } from "../../api/functions.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { StreamOperator, type OperatorContext, type SnapshotOptions } from "./stream-operator.js";

export class DelegatingOperator extends StreamOperator {
  constructor(
    ctx: OperatorContext,
    readonly inner: StreamOperator,
  ) {
    super(ctx);
  }
  override setOutput(output: Output): void {
    super.setOutput(output);
    this.inner.setOutput(output);
  }
  override open(): void | Promise<void> {
    return this.inner.open();
  }
  override initializeState(restored: boolean): void {
    this.inner.initializeState(restored);
  }
  override snapshotState(checkpointId: number, options?: SnapshotOptions): void | Promise<void> {
    return this.inner.snapshotState(checkpointId, options);
  }
  override notifyCheckpointComplete(checkpointId: number): void | Promise<void> {
    return this.inner.notifyCheckpointComplete(checkpointId);
  }
  override notifyCheckpointAborted(checkpointId: number): void {
    this.inner.notifyCheckpointAborted(checkpointId);
  }
  processElement(value: unknown, timestamp: number, input: number): void {
    this.inner.processElement(value, timestamp, input);
  }
  override processWatermark(watermark: number, input: number): void {
    this.inner.processWatermark(watermark, input);
  }
  override processStreamStatus(idle: boolean, input = 0): void {
    this.inner.processStreamStatus(idle, input);
  }
  override get isBackpressured(): boolean {
    return this.inner.isBackpressured;
  }
  override whenNotBackpressured(): Promise<void> {
    return this.inner.whenNotBackpressured();
  }
  override endOfKey(): void {
    this.inner.endOfKey();
  }
  override endInput(input: number): void | Promise<void> {

    return this.inner.endInput(input);
  }
  override finish(): void | Promise<void> {
    return this.inner.finish();
  }
  override close(): void | Promise<void> {
    return this.inner.close();
  }
}

/** A wrapper of a keyed operator, with the keyed backend and the key selector of each input. */
export class KeyedDelegatingOperator extends DelegatingOperator {
  constructor(
    ctx: OperatorContext,
    inner: StreamOperator,
    protected readonly backend: KeyedStateBackend,
    protected readonly keys: ReadonlyArray<KeySelector<unknown, Key> | undefined>,
  ) {
    super(ctx, inner);
  }
}
