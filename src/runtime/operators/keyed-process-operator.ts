/** Runs a KeyedProcessFunction: per element with its key set, and onTimer per fired timer. */
import { richFunction, type Collector, type Key, type KeySelector } from "../../api/functions.js";
import type { KeyedProcessContext, KeyedProcessFunction, OnTimerContext } from "../../api/process/keyed-process-function.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { KeyedProcessContextImpl, KeyedTimers } from "./keyed-timers.js";
import { streamingContext } from "./state-context.js";
import { StreamOperator, type OperatorContext } from "./stream-operator.js";

type ProcessElement = (v: unknown, ctx: KeyedProcessContext<Key>, out: Collector<unknown>) => void;
type OnTimer = (ts: number, ctx: OnTimerContext<Key>, out: Collector<unknown>) => void;

export class KeyedProcessOperator extends StreamOperator {
  private readonly backend: KeyedStateBackend;
  private readonly key: KeySelector<unknown, Key>;
  private readonly fn: ReturnType<typeof richFunction<ProcessElement>>;
  private readonly onTimerFn: OnTimer | undefined;
  private readonly timers: KeyedTimers;
  private readonly context: KeyedProcessContextImpl;

  constructor(ctx: OperatorContext) {
    super(ctx);
    if (!ctx.keyedState || !ctx.keySelectors[0]) throw new Error(`${ctx.descriptor.name}: a KeyedProcessFunction needs keyBy()`);
    this.backend = ctx.keyedState;
    this.key = ctx.keySelectors[0];
    const user = ctx.fns.fn as KeyedProcessFunction<Key, unknown, unknown>;
    this.fn = richFunction<ProcessElement>(user as never, "processElement");
    this.onTimerFn = typeof user.onTimer === "function" ? user.onTimer.bind(user) : undefined;
    this.timers = new KeyedTimers(this.backend, ctx.processingTime, () => this.currentWatermark, (ts, domain) => {
      if (!this.onTimerFn) return;
      this.context.forTimer(ts, domain);
      this.onTimerFn(ts, this.context, this.context.out);
    });
    this.context = new KeyedProcessContextImpl(() => this.output, ctx.processingTime, this.timers.service, this.backend);
  }

  override async open(): Promise<void> {
    await this.fn.open?.(streamingContext(this.ctx));
  }

  processElement(value: unknown, timestamp: number): void {
    this.backend.setCurrentKey(this.key(value));
    const c = this.context;
    c.currentTimestamp = timestamp;
    this.fn.call(value, c, c.out);
  }

  override initializeState(restored: boolean): void {
    if (restored) this.timers.restore();
  }

  protected override onWatermark(watermark: number): void {
    this.timers.event.advance(watermark);
  }

  override finish(): void {
    this.timers.fireRemainingProcessingTime();
  }

  override async close(): Promise<void> {
    this.timers.stop();
    await this.fn.close?.();
  }
}
