/**
 * Flink's ProcessingTimeoutTrigger: wraps a trigger and also fires when `timeoutMs` of processing
 * time have passed since the window's first element (or its latest, with resetTimerOnNewRecord),
 * so a window whose own trigger would wait too long is emitted anyway.
 */
import { ValueStateDescriptor } from "../state/state-descriptors.js";
import { Trigger, TriggerResult, type TriggerContext } from "./trigger.js";
import type { Window } from "./windows.js";

export class ProcessingTimeoutTrigger<T, W extends Window> extends Trigger<T, W> {
  private readonly timeoutAt = new ValueStateDescriptor<number>("processing-timeout-at");
  private constructor(
    private readonly nested: Trigger<T, W>,
    private readonly timeout: number,
    private readonly resetTimerOnNewRecord: boolean,
    private readonly clearOnTimeout: boolean,
  ) {
    super();
  }

  /**
   * @param resetTimerOnNewRecord restart the timeout with every element (default: from the first one)
   * @param shouldClearOnTimeout clear the nested trigger's state when the timeout fires (default true)
   */
  static of<T, W extends Window>(nested: Trigger<T, W>, timeoutMs: number, resetTimerOnNewRecord = false, shouldClearOnTimeout = true): ProcessingTimeoutTrigger<T, W> {
    if (!(timeoutMs > 0)) throw new RangeError(`the timeout must be a positive number of ms, got ${timeoutMs}`);
    return new ProcessingTimeoutTrigger(nested, timeoutMs, resetTimerOnNewRecord, shouldClearOnTimeout);
  }

  onElement(element: T, timestamp: number, window: W, ctx: TriggerContext): TriggerResult {
    const result = this.nested.onElement(element, timestamp, window, ctx);
    if (TriggerResult.isFire(result)) {
      // The nested trigger fired on its own: the timeout starts again with the next element.
      this.clear(window, ctx);
      return result;
    }
    const state = ctx.getPartitionedState(this.timeoutAt);
    let at = state.value();
    if (at !== undefined && this.resetTimerOnNewRecord) {
      ctx.deleteProcessingTimeTimer(at);
      at = undefined;
    }
    if (at === undefined) {
      at = ctx.getCurrentProcessingTime() + this.timeout;
      state.update(at);
      ctx.registerProcessingTimeTimer(at);
    }
    return result;
  }

  // As in Flink, any timer reaching this trigger is taken as the timeout (or the nested trigger's
  // own firing time): it fires, and purges when the nested trigger asks to.
  onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return this.fireOnTimer(this.nested.onProcessingTime(time, window, ctx), window, ctx);
  }

  onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return this.fireOnTimer(this.nested.onEventTime(time, window, ctx), window, ctx);
  }

  private fireOnTimer(nested: TriggerResult, window: W, ctx: TriggerContext): TriggerResult {
    if (this.clearOnTimeout) this.clear(window, ctx);
    return TriggerResult.isPurge(nested) ? "FIRE_AND_PURGE" : "FIRE";
  }

  clear(window: W, ctx: TriggerContext): void {
    const state = ctx.getPartitionedState(this.timeoutAt);
    const at = state.value();
    if (at !== undefined) {
      ctx.deleteProcessingTimeTimer(at);
      state.clear();
    }
    this.nested.clear(window, ctx);
  }

  override toString(): string {
    return `ProcessingTimeoutTrigger(${this.nested.toString()}, ${this.timeout})`;
  }
}
