/**
 * The base of the operators that run a user's process or co-function: the function's lifecycle, and
 * that of its keyed timers when it has them (rebuilt after a restore, advanced by the watermark, the
 * remaining processing-time timers fired at end of input, stopped on close).
 */
import type { Collector, Key } from "../../api/functions.js";
import type { RuntimeContext } from "../../api/runtime-context.js";
import type { OnTimerContext } from "../../api/process/keyed-process-function.js";
import type { KeyedStateBackend } from "../state/keyed-state-backend.js";
import { KeyedTimers, type KeyedProcessContextImpl } from "./keyed-timers.js";
import type { EndOfKeyTimers } from "../state/timers/timer-service.js";
import { streamingContext } from "./state-context.js";
import { StreamOperator, type OperatorContext } from "./stream-operator.js";

export interface FunctionLifecycle {
  open?(ctx: RuntimeContext): void | Promise<void>;
  close?(): void | Promise<void>;
}

export type OnTimer = (timestamp: number, ctx: OnTimerContext<Key>, out: Collector<unknown>) => void;

export abstract class ProcessFunctionOperator<U extends FunctionLifecycle = FunctionLifecycle> extends StreamOperator {
  /** Present on keyed streams, where the function may have timers. */
  protected timers: KeyedTimers | undefined;

  constructor(
    ctx: OperatorContext,
    protected readonly user: U,
  ) {
    super(ctx);
  }

  /** Timers on `backend` whose firing calls `onTimer` (if the function has one) with `context()` set to the timer. */
  protected createTimers(backend: KeyedStateBackend, onTimer: OnTimer | undefined, context: () => KeyedProcessContextImpl): KeyedTimers {
    return new KeyedTimers(backend, this.ctx.processingTime, () => this.currentWatermark, (ts, domain) => {
      if (!onTimer) return;
      const c = context().forTimer(ts, domain);
      onTimer(ts, c, c.out);
    });
  }

  override async open(): Promise<void> {
    await this.user.open?.(streamingContext(this.ctx));
  }

  override initializeState(restored: boolean): void {
    if (restored) this.timers?.restore();
  }

  protected override onWatermark(watermark: number): void {
    this.timers?.event.advance(watermark);
  }

  protected override keyedTimerServices(): readonly EndOfKeyTimers[] {
    return this.timers ? [this.timers.event, this.timers.processing] : [];
  }

  override finish(): void {
    this.timers?.fireRemainingProcessingTime();
  }

  override async close(): Promise<void> {
    this.timers?.stop();
    await this.user.close?.();
  }
}
