/**
 * Fires once, when the input ends (the final watermark passes the global window's end at +∞):
 * the trigger of GlobalWindows.createWithEndOfStreamTrigger(), for one result per key over a
 * bounded input.
 */
import { Trigger, type TriggerContext, type TriggerResult } from "./trigger.js";
import type { Window } from "./windows.js";

export class EndOfStreamTrigger extends Trigger<unknown, Window> {
  onElement(_e: unknown, _ts: number, window: Window, ctx: TriggerContext): TriggerResult {
    ctx.registerEventTimeTimer(window.maxTimestamp());
    return "CONTINUE";
  }
  onEventTime(time: number, window: Window): TriggerResult {
    return time === window.maxTimestamp() ? "FIRE" : "CONTINUE";
  }
  onProcessingTime(): TriggerResult {
    return "CONTINUE";
  }
  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }
}
